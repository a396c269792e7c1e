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
  ): Promise<Connection<LearnerNotCompleted> & { target: ReportTarget; headcountLeft: number | null }> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, query.slug, query.odsCode);
    const first = query.first ?? 20;
    const filter = { organisationId: target.organisation.id, courseId: target.course.id };
    const [rows, total] = await Promise.all([this.learners.page(filter, first, afterOf(query.after)), this.totalOf(filter)]);
    return {
      ...toConnection(rows, first, total.count, (learner) => encodeCursor(learner.name, learner.id)),
      target,
      headcountLeft: total.headcountLeft,
    };
  }

  /**
   * How many have not completed: exactly the people listed (one condition for both), and beside it
   * what the headcount says, for staff in post who have no account here yet.
   */
  private async totalOf(filter: NotCompletedFilter): Promise<{ count: number; headcountLeft: number | null }> {
    const [own, count] = await Promise.all([this.learners.ownCounters(filter), this.learners.count(filter)]);
    return { count, headcountLeft: own.headcount === null ? null : Math.max(0, own.headcount - own.completed) };
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
