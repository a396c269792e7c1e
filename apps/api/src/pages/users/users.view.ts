import { Injectable } from '@nestjs/common';
import { AppError, Connection, ErrorCode, formatLondon, formatLondonDate } from '@dasv/common';
import { AuthUser, Role, User } from '@dasv/auth';
import { LEAD_ROLE_LABELS, LeadsService } from '@dasv/leads';
import { ODS_CODE_PATTERN, OrganisationLoaders, OrganisationsService } from '@dasv/organisations';
import { PeopleService, ROLE_LABELS, UsersService } from '@dasv/users';
import { FormErrors } from '../shared/flash';
import { PAGE_SIZE, PageLinks, pageLinks } from '../shared/pagination';
import { USER_FILTER_PARAMS, UsersPageQuery } from './users-page.query';

const PATH = '/admin/users';

/** The roles the list filters by, highest first, in words. */
export const ROLE_CHOICES = Object.values(Role).map((role) => ({ value: role, text: sentenceCase(ROLE_LABELS[role]) }));

export interface UserRow {
  id: string;
  name: string;
  email: string;
  organisation: string;
  status: string;
}

export interface UsersPage {
  values: Record<string, string>;
  errors: FormErrors;
  isFiltered: boolean;
  roleChoices: Array<{ value: string; text: string; selected?: boolean }>;
  rows: UserRow[];
  count?: { total: number; isCapped: boolean };
  links?: PageLinks;
}

/** The users list page: the GraphQL `users` query's service, its filters typed into a GET form. */
@Injectable()
export class UsersView {
  constructor(
    private readonly users: UsersService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  async page(me: AuthUser, query: UsersPageQuery): Promise<UsersPage> {
    const values = Object.fromEntries(USER_FILTER_PARAMS.map((name) => [name, (query[name] ?? '').trim()])) as Record<string, string>;
    const isFiltered = Object.values(values).some(Boolean);
    const problems: Record<string, string> = {};
    if (values.organisation && !ODS_CODE_PATTERN.test(values.organisation)) problems.organisation = 'Enter an ODS code of 3 to 6 letters and digits, like RJ1';
    if (values.role && !(Object.values(Role) as string[]).includes(values.role)) problems.role = 'Choose a role from the list';
    const roleChoices = [{ value: '', text: 'Any role' }, ...ROLE_CHOICES].map((c) => ({ ...c, selected: c.value === values.role }));
    const empty = { values, isFiltered, roleChoices, rows: [] };
    if (Object.keys(problems).length) return { ...empty, errors: errorsOf(problems) };

    let connection: Connection<User>;
    try {
      connection = await this.users.list(me, {
        search: values.search || undefined,
        organisation: values.organisation ? values.organisation.toUpperCase() : undefined,
        role: (values.role as Role) || undefined,
        first: PAGE_SIZE,
        after: query.after,
      });
    } catch (error) {
      const refused = refusalOf(error, values.organisation);
      if (!refused) throw error;
      return { ...empty, errors: errorsOf(refused) };
    }
    const links = pageLinks(PATH, { after: query.after, trail: query.trail }, connection);
    return {
      values,
      isFiltered,
      roleChoices,
      errors: { summary: [], fields: {} },
      rows: await this.rowsOf(connection.edges.map((e) => e.node)),
      count: { total: connection.totalCount, isCapped: connection.isTotalCountCapped },
      links: { ...links, previous: withFilters(links.previous, values), next: withFilters(links.next, values) },
    };
  }

  private async rowsOf(users: User[]): Promise<UserRow[]> {
    // One loader set per page, as one per request in GraphQL: its cache must not outlive this page.
    const { byId } = this.organisationLoaders.createLoaders();
    const organisations = await Promise.all(users.map((u) => byId.load(u.organisationId)));
    return users.map((user, i) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      organisation: organisations[i] ? `${organisations[i].name} (${organisations[i].odsCode})` : '',
      status: !user.isActive ? 'Deactivated' : user.passwordHash ? 'Active' : 'Invited',
    }));
  }
}

/** A person's page: the people service's person, with the lead places the leads library says they hold, in words. */
@Injectable()
export class PersonView {
  constructor(
    private readonly people: PeopleService,
    private readonly leads: LeadsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async page(me: AuthUser, id: string) {
    // The person first: it is what refuses someone outside the caller's organisations.
    const person = await this.people.person(me, id);
    const places = await this.leads.currentRolesOf([person.id]);
    const organisations = new Map((await this.organisations.findByIds(places.map((p) => p.organisationId))).map((o) => [o.id, o]));
    return {
      ...person,
      status: !person.isActive ? 'Deactivated' : person.hasActivated ? 'Account set up' : 'Invited, has not set up their account yet',
      roles: person.roles.map((r) => ({ ...r, label: sentenceCase(ROLE_LABELS[r.role]), sinceText: formatLondonDate(r.since) })),
      leadPlaces: places.map((place) => ({
        leadId: place.id,
        label: LEAD_ROLE_LABELS[place.leadRole] ?? 'Lead',
        organisation: { name: organisations.get(place.organisationId)?.name ?? '', odsCode: organisations.get(place.organisationId)?.odsCode ?? '' },
        sinceText: formatLondonDate(place.startedAt),
      })),
      invitation: person.invitation && {
        ...person.invitation,
        sentText: formatLondon(person.invitation.sentAt),
        expiresText: formatLondon(person.invitation.expiresAt),
      },
    };
  }
}

export type PersonPage = Awaited<ReturnType<PersonView['page']>>;

export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const FIELD_TARGETS: Record<string, string> = { search: 'search', organisation: 'organisation', role: 'role' };

function errorsOf(problems: Record<string, string>): FormErrors {
  const names = [...Object.keys(FIELD_TARGETS).filter((name) => name in problems), ...Object.keys(problems).filter((name) => !(name in FIELD_TARGETS))];
  return {
    summary: names.map((name) => ({ text: problems[name], href: FIELD_TARGETS[name] ? `#${FIELD_TARGETS[name]}` : undefined })),
    fields: Object.fromEntries(names.filter((name) => FIELD_TARGETS[name]).map((name) => [name, problems[name]])),
  };
}

/** The service's refusals of a filter, as messages against the form's fields; null for anything else. */
function refusalOf(error: unknown, odsCode: string): Record<string, string> | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === ErrorCode.NotFound) return { organisation: `No organisation has the ODS code ${odsCode.toUpperCase()}` };
  if (error.code === ErrorCode.Forbidden) return { organisation: `${odsCode.toUpperCase()} is outside the organisations you look after` };
  if (error.code === ErrorCode.BadUserInput) {
    const entries = Object.entries(error.fields ?? { page: [error.message] });
    return Object.fromEntries(
      entries.map(([field, messages]) => [field, field === 'after' ? 'The page link is not valid: start again from the first page' : messages[0]]),
    );
  }
  return null;
}

/** pageLinks carries the cursors; the filters ride along on the same links. */
function withFilters(href: string | undefined, values: Record<string, string>): string | undefined {
  if (!href) return href;
  const url = new URL(href, 'http://dasv.invalid');
  for (const [name, value] of Object.entries(values)) if (value) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
