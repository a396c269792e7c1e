import { Injectable } from '@nestjs/common';
import { Connection, formatLondonDate } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { DirectoryFilterArgs, DirectoryLead, DirectoryLoaders, DirectoryService } from '@dasv/directory';
import { DasvLead, LEAD_ROLE_LABELS } from '@dasv/leads';
import { Organisation, OrganisationLoaders, OrganisationsService, OrganisationType } from '@dasv/organisations';
import { ListQuery, PAGE_SIZE, pageLinks, PageLinks } from '../shared/pagination';

/** The filters a directory link carries besides the search, in the order the form shows them. */
const FILTER_PARAMS = ['organisation', 'region', 'icb', 'leadRole'] as const;

export interface LeadRoleHeld {
  label: string;
  organisation: Organisation | null;
  since: string;
}

export interface DirectoryEntry {
  lead: DirectoryLead;
  roles: LeadRoleHeld[];
}

export interface DirectorySearchPage {
  filters: DirectoryFilterArgs;
  isFiltered: boolean;
  results: DirectoryEntry[];
  links: PageLinks;
  regions: Organisation[];
  icbs: Organisation[];
  leadRoles: Array<{ value: string; text: string }>;
  /** Where the CSV of these results downloads from, for those who may export. */
  exportHref?: string;
  isLead: boolean;
}

export interface HistoryRow {
  leadId: string;
  person: DirectoryLead | null;
  role: string;
  organisation: Organisation | null;
  /** Held at a predecessor that has since merged into this organisation. */
  isInherited: boolean;
  started: string;
  ended?: string;
  successor?: { person: DirectoryLead | null; organisation: Organisation | null; isSamePerson: boolean };
}

/**
 * What the directory pages show, read through the services and loaders GraphQL uses; who sees
 * which contact details is decided there, not here.
 */
@Injectable()
export class DirectoryView {
  constructor(
    private readonly access: AccessService,
    private readonly directory: DirectoryService,
    private readonly directoryLoaders: DirectoryLoaders,
    private readonly organisations: OrganisationsService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  async search(me: AuthUser, list: ListQuery, filters: DirectoryFilterArgs): Promise<DirectorySearchPage> {
    const [connection, regions, icbs, isLead] = await Promise.all([
      this.directory.search(me, { ...filters, first: PAGE_SIZE, after: list.after }),
      this.organisations.list({ type: OrganisationType.REGION, first: 100 }),
      this.organisations.list({ type: OrganisationType.ICB, first: 100 }),
      this.directory.isLead(me),
    ]);
    const filterQuery = queryOf(filters);
    const links = pageLinks('/directory', { search: filters.search, after: list.after, trail: list.trail }, connection);
    return {
      filters,
      isFiltered: Object.values(filterQuery).some(Boolean) || Boolean(filters.search),
      results: await this.entriesOf(nodes(connection)),
      links: { ...links, previous: withFilters(links.previous, filterQuery), next: withFilters(links.next, filterQuery) },
      regions: nodes(regions),
      icbs: nodes(icbs),
      leadRoles: Object.entries(LEAD_ROLE_LABELS).map(([value, text]) => ({ value, text })),
      exportHref: this.access.rolesFor(me, Permission.DirectoryExport).length
        ? withFilters('/directory/export.csv', { ...filterQuery, search: filters.search })
        : undefined,
      isLead,
    };
  }

  async lead(me: AuthUser, userId: string): Promise<{ entry: DirectoryEntry; organisation: Organisation | null; isMe: boolean }> {
    const lead = await this.directory.profile(me, userId);
    const [entry] = await this.entriesOf([lead]);
    const organisation = await this.organisationLoaders.createLoaders().byId.load(lead.organisationId);
    return { entry, organisation, isMe: lead.id === me.id };
  }

  async organisationLeads(me: AuthUser, odsCode: string): Promise<{ organisation: Organisation; current: HistoryRow[]; past: HistoryRow[] }> {
    const { organisation, current, past } = await this.directory.organisationLeads(odsCode);
    const rows = [...current, ...past];
    const byId = new Map(rows.map((lead) => [lead.id, lead]));
    const successors = rows.map((lead) => (lead.successorId ? byId.get(lead.successorId) : undefined)).filter((lead): lead is DasvLead => lead !== undefined);
    const { byId: organisationById } = this.organisationLoaders.createLoaders();
    const [people, organisations] = await Promise.all([
      this.directory.peopleSeenBy(me, [...new Set([...rows, ...successors].map((lead) => lead.userId))]),
      Promise.all([...new Set(rows.map((lead) => lead.organisationId))].map((id) => organisationById.load(id))),
    ]);
    const personOf = new Map(people.filter((p): p is DirectoryLead => p !== null).map((p) => [p.id, p]));
    const organisationOf = new Map(organisations.filter((o): o is Organisation => o !== null).map((o) => [o.id, o]));
    const row = (lead: DasvLead): HistoryRow => {
      const successor = lead.successorId ? byId.get(lead.successorId) : undefined;
      return {
        leadId: lead.id,
        person: personOf.get(lead.userId) ?? null,
        role: LEAD_ROLE_LABELS[lead.leadRole] ?? lead.leadRole,
        organisation: organisationOf.get(lead.organisationId) ?? null,
        isInherited: lead.organisationId !== organisation.id,
        started: formatLondonDate(lead.startedAt),
        ended: lead.endedAt ? formatLondonDate(lead.endedAt) : undefined,
        successor: successor && {
          person: personOf.get(successor.userId) ?? null,
          organisation: organisationOf.get(successor.organisationId) ?? null,
          isSamePerson: successor.userId === lead.userId,
        },
      };
    };
    return { organisation, current: current.map(row), past: past.map(row) };
  }

  /** Each person's current lead roles and where they hold them, batched as GraphQL batches them. */
  private async entriesOf(leads: DirectoryLead[]): Promise<DirectoryEntry[]> {
    // One loader set per call, as per request in GraphQL: its cache must not outlive this page.
    const { currentLeadsOf } = this.directoryLoaders.createLoaders();
    const { byId } = this.organisationLoaders.createLoaders();
    const held = await Promise.all(leads.map((lead) => currentLeadsOf.load(lead.id)));
    const organisations = await Promise.all(held.map((roles) => Promise.all(roles.map((role) => byId.load(role.organisationId)))));
    return leads.map((lead, i) => ({
      lead,
      roles: held[i].map((role, j) => ({
        label: LEAD_ROLE_LABELS[role.leadRole] ?? role.leadRole,
        organisation: organisations[i][j],
        since: formatLondonDate(role.startedAt),
      })),
    }));
  }
}

function nodes<T>(connection: Connection<T>): T[] {
  return connection.edges.map((edge) => edge.node);
}

function queryOf(filters: DirectoryFilterArgs): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_PARAMS.map((name) => [name, filters[name]]));
}

/** pageLinks carries the search and the cursors; the other filters ride along on the same links. */
function withFilters(href: string | undefined, filters: Record<string, string | undefined>): string | undefined {
  if (!href) return href;
  const url = new URL(href, 'http://dasv.invalid');
  for (const [name, value] of Object.entries(filters)) if (value) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
