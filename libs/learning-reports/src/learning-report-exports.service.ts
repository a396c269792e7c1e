import { Injectable } from '@nestjs/common';
import { CsvColumn, londonSpreadsheetTime, toCsv } from '@dasv/common';
import { AuthUser, Permission } from '@dasv/auth';
import { ORGANISATION_TYPE_LABELS } from '@dasv/organisations';
import { CompletionDashboardService } from './completion-dashboard.service';
import { LearningReportScopeService } from './learning-report-scope.service';
import { LearnersNotCompletedService } from './learners-not-completed.service';
import { CompletionFigures, CompletionRow } from './models/completion-dashboard.model';
import { LearnerNotCompleted } from './models/learner-not-completed.model';

/** A rate as a spreadsheet shows it: a percentage to one decimal place, blank without a headcount. */
const percentage = (rate: number | null): string | null => (rate === null ? null : (Math.round(rate * 1000) / 10).toFixed(1));

/** Spreadsheets want a local date and time they can sort, not an ISO instant in UTC. */

/** Types as people say them, not as stored. */
type FiguresLine = CompletionFigures & Partial<Pick<CompletionRow, 'parentOdsCode' | 'rank' | 'peers'>>;

const COMPLETION_COLUMNS: CsvColumn<FiguresLine>[] = [
  { header: 'ODS code', value: (r) => r.odsCode },
  { header: 'Organisation', value: (r) => r.name },
  { header: 'Type', value: (r) => ORGANISATION_TYPE_LABELS[r.type] ?? r.type },
  { header: 'Parent ODS code', value: (r) => r.parentOdsCode },
  { header: 'Headcount', value: (r) => r.headcount },
  { header: 'Started', value: (r) => r.started },
  { header: 'Completed', value: (r) => r.completed },
  { header: 'Completion rate (%)', value: (r) => percentage(r.completionRate) },
  { header: 'Rank', value: (r) => r.rank },
  { header: 'Ranked among', value: (r) => (r.rank === undefined ? null : r.peers) },
  { header: 'Organisations in the rate (with a headcount)', value: (r) => r.organisationsWithHeadcount },
  { header: 'Organisations left out of the rate (no headcount)', value: (r) => r.organisationsWithoutHeadcount },
  { header: 'Completions not in the rate (no headcount)', value: (r) => r.completedWithoutHeadcount },
];

const LEARNER_COLUMNS: CsvColumn<LearnerNotCompleted>[] = [
  { header: 'Name', value: (l) => l.name },
  { header: 'E-mail', value: (l) => l.email },
  { header: 'Started', value: (l) => (l.hasStarted ? 'Yes' : 'No') },
  { header: 'Started on (UK time)', value: (l) => londonSpreadsheetTime(l.startedAt) },
  { header: 'Last active (UK time)', value: (l) => londonSpreadsheetTime(l.lastActiveAt) },
  { header: 'Last reminded (UK time)', value: (l) => londonSpreadsheetTime(l.lastRemindedAt) },
];

export interface LearningReportExport {
  filename: string;
  csv: string;
}

/** Spreadsheets of the dashboard and of the learners not yet completed, scoped exactly as they are. */
@Injectable()
export class LearningReportExportsService {
  constructor(
    private readonly scope: LearningReportScopeService,
    private readonly dashboard: CompletionDashboardService,
    private readonly learners: LearnersNotCompletedService,
  ) {}

  /** The organisation reported on first, then every organisation beneath it, as on the dashboard. */
  async completion(me: AuthUser, slug: string, odsCode?: string): Promise<LearningReportExport> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, slug, odsCode);
    // The spreadsheet has no trend: a one-day window keeps that part of the read trivial.
    const { organisation, rows } = await this.dashboard.read(target, 1);
    return {
      filename: `completion-${target.course.slug}-${target.organisation.odsCode}.csv`,
      // The organisation itself is not ranked: it has no peers on its own dashboard.
      csv: toCsv<FiguresLine>(COMPLETION_COLUMNS, [{ ...organisation, parentOdsCode: undefined, rank: undefined, peers: undefined }, ...rows]),
    };
  }

  async notCompleted(me: AuthUser, slug: string, odsCode?: string): Promise<LearningReportExport> {
    const { target, learners } = await this.learners.all(me, slug, odsCode);
    return { filename: `not-completed-${target.course.slug}-${target.organisation.odsCode}.csv`, csv: toCsv(LEARNER_COLUMNS, learners) };
  }
}
