import { Injectable } from '@nestjs/common';
import { Clock, inLondon } from '@dasv/common';
import { AuthUser, Permission } from '@dasv/auth';
import { DEFAULT_TREND_DAYS } from './dto/learning-report.args';
import { CompletionDashboardRepository } from './completion-dashboard.repository';
import { CompletionTrendCacheService, trendKey, trendVersion } from './completion-trend-cache.service';
import { LearningReportScopeService, ReportTarget } from './learning-report-scope.service';
import { CompletionDashboard, CompletionTrendDay } from './models/completion-dashboard.model';

export interface CompletionDashboardQuery {
  slug: string;
  odsCode?: string;
  trendDays?: number;
}

/** Completion rates for an organisation and everything beneath it, and how completions have gone day by day. */
@Injectable()
export class CompletionDashboardService {
  constructor(
    private readonly scope: LearningReportScopeService,
    private readonly dashboard: CompletionDashboardRepository,
    private readonly trends: CompletionTrendCacheService,
    private readonly clock: Clock,
  ) {}

  async dashboardFor(me: AuthUser, query: CompletionDashboardQuery): Promise<CompletionDashboard> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, query.slug, query.odsCode);
    return this.read(target, query.trendDays ?? DEFAULT_TREND_DAYS);
  }

  /** The figures of a target already checked, for the exports and pages that resolved it themselves. */
  async read(target: ReportTarget, trendDays: number): Promise<CompletionDashboard> {
    const asAt = this.clock.now();
    const today = inLondon(asAt).startOf('day');
    const fromDay = today.minus({ days: trendDays - 1 }).toISODate()!;
    const key = trendKey(target.organisation.id, target.course.id, fromDay);
    let figures = await this.dashboard.figures(target.organisation.id, target.course.id);
    let days = this.trends.get(key, trendVersion(figures[0]));
    if (!days) {
      // Figures and days again, from one snapshot, so that the running total agrees with the days.
      ({ figures, days } = await this.dashboard.figuresWithDays(target.organisation.id, target.course.id, fromDay));
      this.trends.set(key, trendVersion(figures[0]), days);
    }
    const [root, ...beneath] = figures;
    return {
      course: target.course,
      // The repository's rows already have every field of the GraphQL types (and a few more GraphQL
      // ignores): 250 rows are passed on as they are rather than copied.
      organisation: root,
      rows: beneath,
      trend: trendOf(days, root.completed, today.toISODate()!),
      asAt,
    };
  }
}

/**
 * The running total comes from the counters rather than from every day since the course began: the
 * subtree's completed count is the sum of all its day rows (both move in the same statement), so the
 * total up to a day is that count less the completions after it.
 */
function trendOf(days: ReadonlyArray<{ day: string; completed: number }>, total: number, today: string): CompletionTrendDay[] {
  let after = days.reduce((sum, d) => sum + d.completed, 0);
  const trend: CompletionTrendDay[] = [];
  for (const { day, completed } of days) {
    after -= completed;
    // A completion dated after today (an imported date in the future) counts in the total, not as a day.
    if (day <= today) trend.push({ day, completed, cumulative: total - after });
  }
  return trend;
}
