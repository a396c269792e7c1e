import { Injectable } from '@nestjs/common';
import { Connection, decodeCursor, encodeCursor, invalidCursor, toConnection } from '@dasv/common';
import { AuthUser, Permission } from '@dasv/auth';
import { LearningReportScopeService, ReportTarget } from './learning-report-scope.service';
import { LearnersNotCompletedRepository, NotCompletedFilter } from './learners-not-completed.repository';
import { LearnerNotCompleted } from './models/learner-not-completed.model';

export interface LearnersNotCompletedQuery {
  slug: string;
  odsCode?: string;
  first?: number;
  after?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who at an organisation has yet to complete a course: its own staff, not those of organisations beneath it. */
@Injectable()
export class LearnersNotCompletedService {
  constructor(
    private readonly scope: LearningReportScopeService,
    private readonly learners: LearnersNotCompletedRepository,
  ) {}

  async list(
    me: AuthUser,
    query: LearnersNotCompletedQuery,
  ): Promise<Connection<LearnerNotCompleted> & { target: ReportTarget; isTotalFromHeadcount: boolean }> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, query.slug, query.odsCode);
    const first = query.first ?? 20;
    const filter = { organisationId: target.organisation.id, courseId: target.course.id };
    const [rows, total] = await Promise.all([this.learners.page(filter, first, afterOf(query.after)), this.totalOf(filter)]);
    return {
      ...toConnection(rows, first, total.count, (learner) => encodeCursor(learner.name, learner.id)),
      target,
      isTotalFromHeadcount: total.isFromHeadcount,
    };
  }

  /**
   * How many have not completed. With a headcount: staff in post less those who completed, from the
   * counters (what the rate is judged on; staff without an account count too), because counting a
   * large trust's thirty thousand accounts on every page costs hundreds of milliseconds. Without one
   * (no staff list uploaded, so only staff who registered themselves): the accounts, counted.
   */
  private async totalOf(filter: NotCompletedFilter): Promise<{ count: number; isFromHeadcount: boolean }> {
    const own = await this.learners.ownCounters(filter);
    if (own.headcount !== null) return { count: Math.max(0, own.headcount - own.completed), isFromHeadcount: true };
    return { count: await this.learners.count(filter), isFromHeadcount: false };
  }

  async all(me: AuthUser, slug: string, odsCode?: string): Promise<{ target: ReportTarget; learners: LearnerNotCompleted[] }> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, slug, odsCode);
    return { target, learners: await this.learners.all({ organisationId: target.organisation.id, courseId: target.course.id }) };
  }
}

function afterOf(cursor: string | undefined): { name: string; id: string } | undefined {
  const decoded = decodeCursor(cursor);
  if (!decoded) return undefined;
  if (!UUID.test(decoded.id)) throw invalidCursor();
  return { name: decoded.sortKey, id: decoded.id };
}
