import type { Request } from 'express';
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    csrfToken?: string;
  }
}

/** express-session's callback API as promises; sign-in always gets a fresh session id (no fixation). */
export const Sessions = {
  establish(req: Request, userId: string): Promise<void> {
    return new Promise((resolve, reject) =>
      req.session.regenerate((err?: Error) => {
        if (err) return reject(err);
        req.session.userId = userId;
        req.session.save((saveErr?: Error) => (saveErr ? reject(saveErr) : resolve()));
      }),
    );
  },
  end(req: Request): Promise<void> {
    return new Promise((resolve, reject) => (req.session ? req.session.destroy((err?: Error) => (err ? reject(err) : resolve())) : resolve()));
  },
};
