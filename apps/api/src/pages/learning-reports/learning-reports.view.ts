import { Injectable } from '@nestjs/common';
import { formatLondonDate, formatLondonTwelveHour, inLondon } from '@dasv/common';
import { AuthUser, Permission } from '@dasv/auth';
import {
  CompletionDashboard,
  CompletionDashboardService,
  CompletionFigures,
  CompletionRow,
  CourseReminderRunView,
  CourseRemindersService,
  LearnerNotCompleted,
  LearnersNotCompletedService,
  LearningReportScopeService,
  ReminderOrigin,
} from '@dasv/learning-reports';
import { OrganisationLoaders, OrganisationType } from '@dasv/organisations';
import { PAGE_SIZE, pageLinks, PageLinks } from '../shared/pagination';
import { DEFAULT_REPORT_COURSE, NotCompletedQuery } from './learning-report-pages.query';

/** Thirteen weeks: a quarter, which the dashboard's 91-day trend covers. */
const TREND_WEEKS = 13;

const GROUP_HEADINGS: Record<OrganisationType, string> = {
  [OrganisationType.NATIONAL]: 'NHS England',
  [OrganisationType.REGION]: 'Regions',
  [OrganisationType.ICB]: 'Integrated care boards',
  [OrganisationType.TRUST]: 'Trusts',
};
const GROUP_ORDER = [OrganisationType.REGION, OrganisationType.ICB, OrganisationType.TRUST];

export const reportPath = (odsCode: string) => `/training/reports/${encodeURIComponent(odsCode)}`;

/** Figures as the pages say them: thousands separated, rates as percentages, and why a rate is missing. */
export interface FiguresText {
  odsCode: string;
  name: string;
  href: string;
  headcount: string;
  started: string;
  completed: string;
  rate: string;
  hasRate: boolean;
  rank: string;
  withoutHeadcount: number;
  /** Why the rate leaves some completions out, in a sentence; empty when it leaves none out. */
  withoutHeadcountText: string;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function percentage(rate: number | null): string {
  return rate === null ? 'No headcount' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function withCourse(path: string, course: string): string {
  if (course === DEFAULT_REPORT_COURSE) return path;
  return `${path}${path.includes('?') ? '&' : '?'}course=${encodeURIComponent(course)}`;
}

function figuresText(figures: CompletionFigures, course: string, row?: CompletionRow): FiguresText {
  return {
    odsCode: figures.odsCode,
    name: figures.name,
    href: withCourse(reportPath(figures.odsCode), course),
    headcount: figures.headcount === null ? 'None' : count(figures.headcount),
    started: count(figures.started),
    completed: count(figures.completed),
    rate: percentage(figures.completionRate),
    hasRate: figures.completionRate !== null,
    rank: row ? (row.rank === null ? 'Not ranked' : `${row.rank} of ${row.peers}`) : '',
    withoutHeadcount: figures.organisationsWithoutHeadcount,
    withoutHeadcountText: withoutHeadcountText(figures),
  };
}

function withoutHeadcountText({ organisationsWithoutHeadcount: n, completedWithoutHeadcount: m }: CompletionFigures): string {
  if (n === 0) return '';
  const organisations = n === 1 ? '1 organisation has' : `${count(n)} organisations have`;
  const completions = m === 1 ? '1 completion there is' : `the ${count(m)} completions there are`;
  return m === 0 ? `${organisations} no headcount, and no completions yet.` : `${organisations} no headcount, so ${completions} not in the rate.`;
}

/**
 * What the rate is across, so that a rate from 1 of 31 trusts does not pass for the region's: "The
 * rate is across 30 of 31 organisations; 1 has no headcount". Empty when none is left out.
 */
function rateAcrossText({ organisationsWithHeadcount: counted, organisationsWithoutHeadcount: lacking }: CompletionFigures): string {
  if (lacking === 0) return '';
  const all = counted + lacking;
  return `The rate is across ${count(counted)} of ${count(all)} ${all === 1 ? 'organisation' : 'organisations'}; ${count(lacking)} ${lacking === 1 ? 'has' : 'have'} no headcount and ${lacking === 1 ? 'is' : 'are'} left out.`;
}

function byRank(a: CompletionRow, b: CompletionRow): number {
  if (a.rank !== b.rank) return a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank;
  return a.name.localeCompare(b.name);
}

/**
 * Weeks (Monday to Sunday, in England) of the dashboard's daily trend, oldest first, with the running
 * total at each week's end. Weeks without a completion are shown too: a gap is news.
 */
function weeklyTrend(dashboard: CompletionDashboard): Array<{ weekBeginning: string; completed: string; cumulative: string }> {
  const today = inLondon(dashboard.asAt).startOf('day');
  const firstWeek = today.startOf('week').minus({ weeks: TREND_WEEKS - 1 });
  const inWindow = dashboard.trend.filter((d) => d.day >= firstWeek.toISODate()!);
  let cumulative = dashboard.organisation.completed - inWindow.reduce((n, d) => n + d.completed, 0);
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const start = firstWeek.plus({ weeks: i });
    const end = start.plus({ days: 6 }).toISODate()!;
    const completed = inWindow.filter((d) => d.day >= start.toISODate()! && d.day <= end).reduce((n, d) => n + d.completed, 0);
    cumulative += completed;
    return { weekBeginning: start.toFormat('d MMMM yyyy'), completed: count(completed), cumulative: count(cumulative) };
  });
}

function runText(run: CourseReminderRunView) {
  return {
    requested: formatLondonTwelveHour(run.requestedAt),
    by: run.origin === ReminderOrigin.SCHEDULE ? 'Monthly schedule' : (run.requestedBy ?? 'An administrator'),
    reminded: count(run.reminded),
    status: run.finishedAt ? `Finished ${formatLondonTwelveHour(run.finishedAt)}` : 'Sending',
  };
}

/** What the training report pages show, read through the same services as GraphQL. */
@Injectable()
export class LearningReportsView {
  constructor(
    private readonly scope: LearningReportScopeService,
    private readonly dashboards: CompletionDashboardService,
    private readonly learners: LearnersNotCompletedService,
    private readonly reminders: CourseRemindersService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  async dashboard(me: AuthUser, course: string, odsCode?: string) {
    // The trend table shows whole weeks back to a Monday thirteen weeks ago: up to 97 days of days.
    const dashboard = await this.dashboards.dashboardFor(me, { slug: course, odsCode, trendDays: TREND_WEEKS * 7 + 6 });
    const organisation = dashboard.organisation;
    const [{ schedule, runs, target }, canManage, heldAt, breadcrumbs] = await Promise.all([
      this.reminders.status(me, course, organisation.odsCode),
      this.scope.canAct(me, Permission.LearnerManage, organisation.organisationId),
      this.scope.heldAt(me, Permission.LearningReportRead),
      this.breadcrumbs(me, organisation.organisationId, course),
    ]);
    const groups = GROUP_ORDER.map((type) => {
      const rows = dashboard.rows.filter((r) => r.type === type).sort(byRank);
      return { type, heading: GROUP_HEADINGS[type], rows: rows.map((r) => figuresText(r, course, r)), count: rows.length };
    }).filter((g) => g.count > 0);
    return {
      course: dashboard.course,
      organisation: { ...figuresText(organisation, course), type: organisation.type, isActive: target.organisation.isActive },
      rateAcrossText: rateAcrossText(organisation),
      hasCompletions: organisation.completed > 0,
      // Which organisations the rate leaves out, so that someone can get their headcounts in.
      lackingHeadcount: dashboard.rows
        .filter((r) => r.lacksHeadcount)
        .map((r) => ({ name: r.name, odsCode: r.odsCode, href: `/training/staff/${encodeURIComponent(r.odsCode)}/headcount` })),
      groups,
      trend: weeklyTrend(dashboard),
      asAt: formatLondonTwelveHour(dashboard.asAt),
      breadcrumbs,
      csvHref: withCourse(`/training/reports/completion.csv?odsCode=${encodeURIComponent(organisation.odsCode)}`, course),
      notCompletedHref: withCourse(`${reportPath(organisation.odsCode)}/not-completed`, course),
      // Served by the certificate pages (apps/api/src/pages/certificates), under this report's address.
      certificatesHref: `${reportPath(organisation.odsCode)}/certificates.zip`,
      actionHref: withCourse(reportPath(organisation.odsCode), course),
      otherOrganisations: heldAt
        .filter((o) => o.id !== organisation.organisationId)
        .map((o) => ({ name: o.name, href: withCourse(reportPath(o.odsCode), course) })),
      canManage,
      schedule: { enabled: schedule.enabled, since: formatLondonDate(schedule.enabledAt), by: schedule.enabledBy },
      runs: runs.map(runText),
      hasSubtree: organisation.type !== OrganisationType.TRUST,
    };
  }

  async notCompleted(me: AuthUser, odsCode: string, query: NotCompletedQuery) {
    const course = query.course ?? DEFAULT_REPORT_COURSE;
    const connection = await this.learners.list(me, { slug: course, odsCode, first: PAGE_SIZE, after: query.after });
    const { organisation } = connection.target;
    const path = `${reportPath(organisation.odsCode)}/not-completed`;
    const links: PageLinks = pageLinks(path, { after: query.after, trail: query.trail }, connection);
    return {
      course: connection.target.course,
      organisation,
      learners: connection.edges.map((e) => learnerText(e.node)),
      // The count is exactly the people listed; the headcount's figure also covers staff with no account here.
      totalText: `${count(connection.totalCount)} ${connection.totalCount === 1 ? 'person has' : 'people have'} not completed.`,
      headcountText:
        connection.headcountLeft !== null && connection.headcountLeft !== connection.totalCount
          ? `By the headcount, ${count(connection.headcountLeft)} of the staff in post ${connection.headcountLeft === 1 ? 'has' : 'have'} not completed, counting staff who have no account here yet.`
          : null,
      links: { ...links, previous: links.previous && withCourse(links.previous, course), next: links.next && withCourse(links.next, course) },
      dashboardHref: withCourse(reportPath(organisation.odsCode), course),
      csvHref: withCourse(`${path}.csv`, course),
      staffListHref: `/training/staff/${encodeURIComponent(organisation.odsCode)}/staff-list`,
      breadcrumbs: [
        ...(await this.breadcrumbs(me, organisation.id, course)),
        { href: withCourse(reportPath(organisation.odsCode), course), text: organisation.name },
      ],
    };
  }

  /** Training rates, then each ancestor the caller may also read, down to the organisation's parent. */
  private async breadcrumbs(me: AuthUser, organisationId: string, course: string): Promise<Array<{ href: string; text: string }>> {
    const ancestors = await this.organisationLoaders.createLoaders().ancestorsOf.load(organisationId);
    const readable = await Promise.all(ancestors.map((o) => this.scope.canAct(me, Permission.LearningReportRead, o.id)));
    return [
      { href: '/', text: 'Home' },
      { href: withCourse('/training/reports', course), text: 'Training rates' },
      ...ancestors.filter((_, i) => readable[i]).map((o) => ({ href: withCourse(reportPath(o.odsCode), course), text: o.name })),
    ];
  }
}

function learnerText(learner: LearnerNotCompleted) {
  return {
    name: learner.name,
    email: learner.email,
    started: learner.hasStarted ? `Started ${formatLondonDate(learner.startedAt)}` : 'Not started',
    lastActive: learner.lastActiveAt ? formatLondonDate(learner.lastActiveAt) : 'Never',
    lastReminded: learner.lastRemindedAt ? formatLondonDate(learner.lastRemindedAt) : 'Not reminded',
  };
}
