import { registerEnumType } from '@nestjs/graphql';
import { csvHeaderKey } from '@dasv/common';

/** Whom at an organisation a contact is: its chief executive's office (where the letters went), or a named person or office. */
export enum OrganisationContactRole {
  CHIEF_EXECUTIVE_OFFICE = 'CHIEF_EXECUTIVE_OFFICE',
  CHIEF_EXECUTIVE = 'CHIEF_EXECUTIVE',
  CHIEF_PEOPLE_OFFICER = 'CHIEF_PEOPLE_OFFICER',
  DASV_LEAD_OFFICE = 'DASV_LEAD_OFFICE',
}
registerEnumType(OrganisationContactRole, { name: 'OrganisationContactRole' });

/** How a role is written on pages, in files and in e-mails, in the order pages list them. */
export const CONTACT_ROLE_LABELS: Record<OrganisationContactRole, string> = {
  [OrganisationContactRole.CHIEF_EXECUTIVE_OFFICE]: 'Chief executive’s office',
  [OrganisationContactRole.CHIEF_EXECUTIVE]: 'Chief executive',
  [OrganisationContactRole.CHIEF_PEOPLE_OFFICER]: 'Chief people officer',
  [OrganisationContactRole.DASV_LEAD_OFFICE]: 'DASV lead office',
};

export const CONTACT_ROLES = Object.values(OrganisationContactRole);

/** Roles that are a person, so a name is needed; an office may go without one. */
export const NAMED_CONTACT_ROLES: ReadonlySet<OrganisationContactRole> = new Set([
  OrganisationContactRole.CHIEF_EXECUTIVE,
  OrganisationContactRole.CHIEF_PEOPLE_OFFICER,
]);

/** In a URL: /organisations/RJ1/contacts/chief-executive. */
export function contactRoleSlug(role: OrganisationContactRole): string {
  return role.toLowerCase().replace(/_/g, '-');
}

export function contactRoleFromSlug(slug: string): OrganisationContactRole | undefined {
  return CONTACT_ROLES.find((role) => contactRoleSlug(role) === slug);
}

/** A role as a file names it, in words ("Chief executive's office", "CEO office"), without case or punctuation. */
const ROLE_WORDS: ReadonlyMap<string, OrganisationContactRole> = new Map([
  ...CONTACT_ROLES.map((role) => [csvHeaderKey(CONTACT_ROLE_LABELS[role]), role] as const),
  ['chiefexecutiveoffice', OrganisationContactRole.CHIEF_EXECUTIVE_OFFICE],
  ['ceooffice', OrganisationContactRole.CHIEF_EXECUTIVE_OFFICE],
  ['ceosoffice', OrganisationContactRole.CHIEF_EXECUTIVE_OFFICE],
  ['ceo', OrganisationContactRole.CHIEF_EXECUTIVE],
  ['cpo', OrganisationContactRole.CHIEF_PEOPLE_OFFICER],
  ['dasvleadsoffice', OrganisationContactRole.DASV_LEAD_OFFICE],
]);

export function contactRoleFromWords(text: string): OrganisationContactRole | undefined {
  return ROLE_WORDS.get(csvHeaderKey(text));
}
