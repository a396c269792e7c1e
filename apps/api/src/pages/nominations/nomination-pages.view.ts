import { Injectable } from '@nestjs/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Connection, formatLondon } from '@dasv/common';
import { Organisation, OrganisationLoaders, OrganisationType } from '@dasv/organisations';
import {
  NominationCounts,
  NominationDashboard,
  NominationLoaders,
  NominationNominee,
  NominationSubmission,
  NominationDashboardService,
  NominationGroupCounts,
  NominationRequestStatus,
  NominationResponseStatus,
  NominationReturn,
  NominationReturnsService,
  RESPONSE_STATUS_LABELS,
  SUBMISSION_STATUS_LABELS,
} from '@dasv/nominations';
import { LEAD_ROLE_LABELS } from '@dasv/leads';
import { DashboardQuery } from './nomination-forms';
import { ListQuery, PAGE_SIZE, pageLinks, PageLinks } from '../shared/pagination';

export interface ReturnSummary {
  nominationReturn: NominationReturn;
  counts: NominationCounts;
}

export interface DashboardPage {
  dashboard: NominationDashboard;
  basePath: string;
  /** Region or ICB rows to drill into from here, with a heading. */
  groups: { heading: string; rows: NominationGroupCounts[] } | null;
  breadcrumbs: Array<{ href: string; text: string }>;
  requests: Array<NominationRequestStatus & { organisation: Organisation }>;
  links: PageLinks;
  status?: NominationResponseStatus;
  statusFilters: Array<{ text: string; href: string; current: boolean }>;
  canManage: boolean;
  canSubmit: boolean;
  live: boolean;
  exportQuery: string;
}

/** The feature's one name in titles, breadcrumbs and navigation (the site's navigation says it). */
export const NOMINATIONS_NAME = 'Lead returns';

/** Wording and colours every nomination template uses; dates are shown in England's time. */
export const NOMINATION_PAGE_HELPERS = {
  when: (date: Date | null | undefined): string => (date ? formatLondon(date) : ''),
  statusTags: {
    [NominationResponseStatus.OUTSTANDING]: { text: RESPONSE_STATUS_LABELS.OUTSTANDING, colour: 'blue' },
    [NominationResponseStatus.UNREACHABLE]: { text: RESPONSE_STATUS_LABELS.UNREACHABLE, colour: 'red' },
    [NominationResponseStatus.RESPONDED]: { text: RESPONSE_STATUS_LABELS.RESPONDED, colour: 'green' },
    [NominationResponseStatus.LATE]: { text: RESPONSE_STATUS_LABELS.LATE, colour: 'orange' },
    [NominationResponseStatus.AWAITING_REVIEW]: { text: RESPONSE_STATUS_LABELS.AWAITING_REVIEW, colour: 'yellow' },
  },
  submissionStatuses: SUBMISSION_STATUS_LABELS,
  leadRoles: LEAD_ROLE_LABELS,
  /** The answers a review compares, as the form asks them. */
  leadFields: { leadRole: 'Role', name: 'Name', jobTitle: 'Job title', phone: 'Telephone', onExecutiveTeam: 'On the executive team' } as Record<string, string>,
  /** A compared answer's value in words: a role's name, yes or no, or "none given". */
  leadValue: (field: string, value: string | null): string => {
    if (value === null || value === '') return 'none given';
    if (field === 'leadRole') return LEAD_ROLE_LABELS[value] ?? value;
    if (field === 'onExecutiveTeam') return value === 'true' ? 'Yes' : 'No';
    return value;
  },
  /** A calendar day (yyyy-MM-dd) as people write it: 29 June 2026. */
  day: (day: string): string => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  /** Where someone named from outside the organisation stands, in the words the pages use. */
  appointmentStatuses: {
    AWAITING_CONFIRMATION: { text: 'Waiting for them to agree', colour: 'blue' },
    AGREED: { text: 'Agreed: now a lead', colour: 'green' },
    DECLINED: { text: 'Declined', colour: 'red' },
    EXPIRED: { text: 'Did not answer in time', colour: 'orange' },
    WITHDRAWN: { text: 'No longer asked', colour: 'grey' },
  },
  organisationTypesAsked: { REGION: 'regions', ICB: 'integrated care boards', TRUST: 'trusts' },
};

const STATUS_FILTERS: Array<{ status?: NominationResponseStatus; text: string }> = [
  { text: 'All' },
  { status: NominationResponseStatus.OUTSTANDING, text: 'Outstanding' },
  { status: NominationResponseStatus.UNREACHABLE, text: RESPONSE_STATUS_LABELS.UNREACHABLE },
  { status: NominationResponseStatus.AWAITING_REVIEW, text: RESPONSE_STATUS_LABELS.AWAITING_REVIEW },
  { status: NominationResponseStatus.RESPONDED, text: 'Responded' },
  { status: NominationResponseStatus.LATE, text: 'Late' },
];

/**
 * What the nomination pages show, read through the same services as GraphQL's
 * nominationReturns / nominationDashboard / nominationRequests; nothing here decides anything.
 */
@Injectable()
export class NominationPagesView {
  constructor(
    private readonly returns: NominationReturnsService,
    private readonly dashboards: NominationDashboardService,
    private readonly organisationLoaders: OrganisationLoaders,
    private readonly nominationLoaders: NominationLoaders,
    private readonly access: AccessService,
  ) {}

  /** Every version the organisation submitted, newest first, each with its nominees (as GraphQL's `submissions { nominees }`). */
  async history(returnId: string, organisationId: string): Promise<Array<NominationSubmission & { nominees: NominationNominee[] }>> {
    const loaders = this.nominationLoaders.createLoaders();
    const submissions = await loaders.submissionsOf.load({ returnId, organisationId });
    const nominees = await Promise.all(submissions.map((s) => loaders.nomineesOf.load(s.id)));
    return submissions.map((s, i) => Object.assign(s, { nominees: nominees[i] }));
  }

  /** A return with its figures, for closing it and for the confirmation that it closed. */
  async closing(me: AuthUser, returnId: string): Promise<{ nominationReturn: NominationReturn; counts: NominationCounts }> {
    const nominationReturn = await this.returns.get(me, returnId);
    const counts = await this.dashboards.countsFor(me, [returnId]);
    return { nominationReturn, counts: counts.get(returnId)! };
  }

  canManage(me: AuthUser): boolean {
    return this.access.rolesFor(me, Permission.NominationManage).length > 0;
  }

  async returnList(me: AuthUser, query: ListQuery): Promise<{ summaries: ReturnSummary[]; links: PageLinks; canManage: boolean }> {
    const connection = await this.returns.list(me, { first: PAGE_SIZE, after: query.after });
    const counts = await this.dashboards.countsFor(
      me,
      connection.edges.map((e) => e.node.id),
    );
    return {
      summaries: connection.edges.map(({ node }) => ({ nominationReturn: node, counts: counts.get(node.id)! })),
      links: pageLinks('/nominations', query, connection),
      canManage: this.canManage(me),
    };
  }

  async dashboard(me: AuthUser, returnId: string, query: DashboardQuery): Promise<DashboardPage> {
    const basePath = `/nominations/${returnId}`;
    const [dashboard, connection] = await Promise.all([
      this.dashboards.dashboardFor(me, returnId, query.within),
      this.dashboards.requests(me, { returnId, within: query.within, status: query.status, first: PAGE_SIZE, after: query.after }),
    ]);
    // One loader per call, as per request in GraphQL: its cache must not outlive this page.
    const loaders = this.organisationLoaders.createLoaders();
    const within = dashboard.within;
    const [ancestors, organisations] = await Promise.all([
      within ? loaders.ancestorsOf.load(within.id) : Promise.resolve([]),
      Promise.all(connection.edges.map((e) => loaders.byId.load(e.node.organisationId))),
    ]);
    const here = (params: Record<string, string | undefined>) => href(basePath, { live: query.live, ...params });
    const withinQuery = query.within ? { within: query.within.toUpperCase() } : {};
    return {
      dashboard,
      basePath,
      groups: this.groupsAt(dashboard, within),
      breadcrumbs: [
        { href: '/nominations', text: NOMINATIONS_NAME },
        ...(within ? [{ href: here({}), text: dashboard.nominationReturn.title }] : []),
        ...ancestors.filter((a) => a.type !== OrganisationType.NATIONAL).map((a) => ({ href: here({ within: a.odsCode }), text: a.name })),
      ],
      requests: connection.edges.map((e, i) => ({ ...e.node, organisation: organisations[i]! })),
      links: this.pageLinks(basePath, query, connection, (params) => here({ ...withinQuery, status: query.status, ...params })),
      status: query.status,
      statusFilters: STATUS_FILTERS.map((f) => ({ text: f.text, href: here({ ...withinQuery, status: f.status }), current: f.status === query.status })),
      canManage: this.canManage(me),
      canSubmit: this.access.rolesFor(me, Permission.NominationSubmit).length > 0,
      live: query.live === '1',
      exportQuery: query.within ? `?within=${encodeURIComponent(query.within.toUpperCase())}` : '',
    };
  }

  /** pageLinks() carries only the search; the dashboard's links also keep where and which statuses. */
  private pageLinks(basePath: string, query: DashboardQuery, connection: Connection<unknown>, link: (params: Record<string, string>) => string): PageLinks {
    const links = pageLinks(basePath, { after: query.after, trail: query.trail }, connection);
    const keep = (target: string | undefined) => (target ? link(Object.fromEntries(new URL(target, 'http://dasv.invalid').searchParams)) : undefined);
    return { ...links, previous: keep(links.previous), next: keep(links.next) };
  }

  /** Nationally, the regions; in a region, its ICBs; in an ICB, nothing more to group by. */
  private groupsAt(dashboard: NominationDashboard, within: Organisation | null): DashboardPage['groups'] {
    if (!within || within.type === OrganisationType.NATIONAL) {
      return dashboard.regions.length ? { heading: 'By region', rows: dashboard.regions } : null;
    }
    if (within.type === OrganisationType.REGION) {
      const rows = dashboard.icbs.filter((icb) => icb.parentId === within.id);
      return rows.length ? { heading: `By integrated care board in ${within.name}`, rows } : null;
    }
    return null;
  }
}

/** A path with a query string of the given (non-empty) parameters. */
export function href(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return query ? `${path}?${query}` : path;
}
