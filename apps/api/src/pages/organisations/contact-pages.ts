import 'express-session';
import { NotFoundException } from '@nestjs/common';
import { contactRoleFromSlug, OrganisationContactRole } from '@dasv/organisation-contacts';

/** The two files NHS England loads for many organisations at once, by the word in their address. */
export type ContactImportKind = 'contacts' | 'administrators';

declare module 'express-session' {
  interface SessionData {
    /** A checked file waiting on its check-your-answers page, until it is confirmed or replaced. */
    contactImport?: { kind: ContactImportKind; csv: string };
  }
}

export function importKindOf(kind: string): ContactImportKind {
  if (kind !== 'contacts' && kind !== 'administrators') throw new NotFoundException();
  return kind;
}

export function importPath(kind: ContactImportKind, step = ''): string {
  return `/contact-imports/${kind}${step}`;
}

export function roleOfSlug(slug: string): OrganisationContactRole {
  const role = contactRoleFromSlug(slug);
  if (!role) throw new NotFoundException();
  return role;
}

export function organisationPath(odsCode: string): string {
  return `/organisations/${encodeURIComponent(odsCode)}`;
}
