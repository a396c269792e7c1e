import type { Request } from 'express';
import 'express-session';
import type { AuthUser } from '@dasv/auth';

/** What a refused form shows when the browser comes back to it. */
export interface FormErrors {
  /** In page order, for the NHS.UK error summary; href points at the field when there is one. */
  summary: Array<{ text: string; href?: string }>;
  /** The first message for each field, shown inline. */
  fields: Record<string, string>;
}

/**
 * One-shot state carried across a Post/Redirect/Get: a refused form's errors and what was typed, or
 * what a success page reports. It belongs to one path and is dropped once that page has been shown.
 */
export interface PageFlash {
  path: string;
  errors?: FormErrors;
  values?: Record<string, string>;
  notice?: string;
  data?: Record<string, string | boolean>;
}

declare module 'express-session' {
  interface SessionData {
    flash?: PageFlash;
  }
}

export type PageRequest = Request & { user?: AuthUser | null; takenFlash?: PageFlash | null };

export const Flash = {
  set(req: Request, flash: PageFlash): void {
    req.session.flash = flash;
  },

  /**
   * The flash for this page, if any. Whichever page is shown next drops it, so errors left behind by
   * an abandoned form do not reappear the next time that form is opened.
   */
  take(req: PageRequest): PageFlash | undefined {
    if (req.takenFlash === undefined) {
      const flash = req.session?.flash;
      if (flash) delete req.session.flash;
      req.takenFlash = flash && flash.path === req.path ? flash : null;
    }
    return req.takenFlash ?? undefined;
  },
};
