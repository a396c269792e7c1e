import { Injectable } from '@nestjs/common';
import { formatLondonDate } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role } from '@dasv/auth';
import { DirectoryLead, LeadProfileService } from '@dasv/directory';
import { CourseCatalogueService, CourseProgressService } from '@dasv/elearning';
import { CompletionDashboardService } from '@dasv/learning-reports';
import { NominationDashboardService, NominationReturnsService, NominationReturnStatus } from '@dasv/nominations';
import { OrganisationsService, OrganisationType } from '@dasv/organisations';
import { OrganisationReachService } from '@dasv/users';

/** One thing that needs the person's attention: what, how many, and where to do it. */
export interface AttentionItem {
  title: string;
  href: string;
  hint?: string;
  /** Shown as the item's status: a count, or "Completed" and the like. */
  status: string;
  isDone: boolean;
}

export interface AttentionGroup {
  heading: string;
  items: AttentionItem[];
}

/** Open returns listed on the home page; the rest are one link away. */
const RETURNS_SHOWN = 5;

/**
 * What needs each signed-in person's attention, by the roles they hold, each read through the
 * feature's own service in their scope: a group per kind of work, empty groups left out.
 */
@Injectable()
export class HomeView {
  constructor(
    private readonly access: AccessService,
    private readonly returns: NominationReturnsService,
    private readonly dashboards: NominationDashboardService,
    private readonly reach: OrganisationReachService,
    private readonly completions: CompletionDashboardService,
    private readonly catalogue: CourseCatalogueService,
    private readonly progress: CourseProgressService,
    private readonly profiles: LeadProfileService,
    private readonly organisations: OrganisationsService,
  ) {}

  async attention(me: AuthUser): Promise<AttentionGroup[]> {
    const groups = await Promise.all([this.returnsToChase(me), this.returnsToAnswer(me), this.training(me), this.profile(me), this.course(me)]);
    return groups.filter((group): group is AttentionGroup => group !== null && group.items.length > 0);
  }

  private holds(me: AuthUser, permission: Permission): boolean {
    return this.access.rolesFor(me, permission).length > 0;
  }

  /** National, regional and ICB admins: open returns with organisations yet to answer, and organisations nobody can be written to at. */
  private async returnsToChase(me: AuthUser): Promise<AttentionGroup | null> {
    // Chasing organisations is the work of national, regional and ICB admins.
    if (!this.holds(me, Permission.ChaseManage)) return null;
    const [open, unreachable] = await Promise.all([
      this.returns.list(me, { status: NominationReturnStatus.OPEN, first: RETURNS_SHOWN }),
      this.reach.countUnreachable(me),
    ]);
    const counts = await this.dashboards.countsFor(
      me,
      open.edges.map((e) => e.node.id),
    );
    const items: AttentionItem[] = open.edges.map(({ node }) => {
      const c = counts.get(node.id)!;
      return {
        title: node.title,
        href: `/nominations/${node.id}?status=OUTSTANDING`,
        hint: `Due ${formatLondonDate(node.deadline)}. ${c.responded} of ${c.total} organisations have answered${c.unreachable ? `; ${c.unreachable} cannot be reached` : ''}.`,
        status: c.outstanding ? `${c.outstanding} to answer` : 'All answered',
        isDone: c.outstanding === 0,
      };
    });
    if (unreachable > 0) {
      items.push({
        title: 'Organisations that cannot be reached',
        href: '/organisations',
        hint: 'They have no administrator and no contact address, so returns and reminders cannot be e-mailed to them.',
        status: `${unreachable} ${unreachable === 1 ? 'organisation' : 'organisations'}`,
        isDone: false,
      });
    }
    return { heading: 'Lead returns', items };
  }

  /** Organisation admins: the open returns their organisation has not answered. */
  private async returnsToAnswer(me: AuthUser): Promise<AttentionGroup | null> {
    if (this.holds(me, Permission.ChaseManage) || !this.holds(me, Permission.NominationSubmit)) return null;
    const submitAt = me.roles.filter((grant) => grant.role === Role.ORG_ADMIN).map((grant) => grant.organisationId);
    const [open, organisations] = await Promise.all([
      this.returns.list(me, { status: NominationReturnStatus.OPEN, first: RETURNS_SHOWN }),
      this.organisations.findByIds(submitAt),
    ]);
    const counts = await this.dashboards.countsFor(
      me,
      open.edges.map((e) => e.node.id),
    );
    const own = organisations[0];
    const items = open.edges
      .filter(({ node }) => (counts.get(node.id)?.total ?? 0) > 0)
      .map(({ node }): AttentionItem => {
        const isAnswered = counts.get(node.id)!.outstanding === 0;
        return {
          title: `Name your DASV leads: ${node.title}`,
          href: own ? `/nominations/${node.id}/${own.odsCode}` : `/nominations/${node.id}`,
          hint: `Due ${formatLondonDate(node.deadline)}`,
          status: isAnswered ? 'Answered' : 'To answer',
          isDone: isAnswered,
        };
      });
    return { heading: 'Lead returns', items };
  }

  /** Admins who read training rates: the staff who have not completed, and trusts without a headcount. */
  private async training(me: AuthUser): Promise<AttentionGroup | null> {
    if (!this.holds(me, Permission.LearningReportRead)) return null;
    const courses = await this.catalogue.publishedCourses();
    const items: AttentionItem[] = [];
    for (const course of courses) {
      const dashboard = await this.completions.dashboardFor(me, { slug: course.slug });
      const root = dashboard.organisation;
      const behind = dashboard.rows.filter(
        (row) => row.headcount !== null && row.completed < row.headcount && row.type !== OrganisationType.REGION && row.type !== OrganisationType.ICB,
      );
      if (dashboard.rows.length > 0) {
        items.push({
          title: `${course.title}: organisations whose staff have not all completed`,
          href: `/training/reports?course=${encodeURIComponent(course.slug)}`,
          hint: root.organisationsWithoutHeadcount ? `${root.organisationsWithoutHeadcount} have no headcount yet, so their rate is unknown.` : undefined,
          status: `${behind.length} ${behind.length === 1 ? 'organisation' : 'organisations'}`,
          isDone: behind.length === 0 && root.organisationsWithoutHeadcount === 0,
        });
      } else {
        const toRemind = root.headcount === null ? null : Math.max(root.headcount - root.completed, 0);
        items.push({
          title: toRemind === null ? `${course.title}: set your staff headcount` : `${course.title}: staff who have not completed`,
          href: toRemind === null ? '/training/staff' : `/training/reports/${root.odsCode}/not-completed`,
          hint:
            toRemind === null
              ? 'Upload a staff list or enter a headcount, so your completion rate can be worked out.'
              : `${root.completed} of ${root.headcount} have completed.`,
          status: toRemind === null ? 'To do' : `${toRemind} to remind`,
          isDone: toRemind === 0,
        });
      }
    }
    return { heading: 'Training', items };
  }

  /** DASV leads: their directory profile, until it says what other leads need to know. */
  private async profile(me: AuthUser): Promise<AttentionGroup | null> {
    if (!me.roles.some((grant) => grant.role === Role.DASV_LEAD)) return null;
    const lead: DirectoryLead = await this.profiles.mine(me);
    const missing = [
      !lead.jobTitle && 'job title',
      !lead.phone && 'phone number',
      !lead.bio.trim() && 'a few words about you',
      lead.areasOfInterest.length === 0 && 'areas of interest',
    ].filter((item): item is string => typeof item === 'string');
    return {
      heading: 'Lead directory',
      items: [
        {
          title: 'Complete your directory profile',
          href: '/directory/profile',
          hint: missing.length ? `Add your ${listInWords(missing)}, so other leads can find and contact you.` : undefined,
          status: missing.length ? `${missing.length} to add` : 'Completed',
          isDone: missing.length === 0,
        },
      ],
    };
  }

  /** Learners: each course, to start, to finish where they left off, or completed. */
  private async course(me: AuthUser): Promise<AttentionGroup | null> {
    if (!me.roles.some((grant) => grant.role === Role.LEARNER)) return null;
    const courses = await this.catalogue.publishedCourses();
    const items = await Promise.all(
      courses.map(async (course): Promise<AttentionItem> => {
        const mine = await this.progress.myProgress(me, course.slug);
        if (!mine) return { title: course.title, href: `/training/courses/${course.slug}`, status: 'Not started', isDone: false };
        if (mine.completedAt) return { title: course.title, href: `/training/courses/${course.slug}`, status: 'Completed', isDone: true };
        return {
          title: course.title,
          href: `/training/courses/${course.slug}/resume`,
          hint: mine.currentModulePosition ? `Carry on from module ${mine.currentModulePosition}.` : 'Carry on where you left off.',
          status: 'In progress',
          isDone: false,
        };
      }),
    );
    return { heading: 'Your training', items };
  }
}

function listInWords(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}
