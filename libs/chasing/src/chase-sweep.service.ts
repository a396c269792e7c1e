import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { CampaignDecision, ChaseDeciderService } from './chase-decider.service';
import { ChaseSourcesService } from './chase-sources.service';
import { WorkingDayCalendarService } from './working-day-calendar.service';

export interface ChaseSweepResult {
  day: string;
  campaigns: CampaignDecision[];
  chases: number;
  digests: number;
  emails: number;
}

/**
 * One pass over every open campaign of every source. Each campaign is decided in its own transaction,
 * so one campaign failing does not hold back the others; the failure is rethrown at the end so the
 * job is retried (safe: what was decided is in the log and is not decided again).
 */
@Injectable()
export class ChaseSweepService {
  private readonly logger = new Logger(ChaseSweepService.name);

  constructor(
    private readonly sources: ChaseSourcesService,
    private readonly decider: ChaseDeciderService,
    private readonly calendar: WorkingDayCalendarService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<ChaseSweepResult> {
    const now = this.clock.now();
    const result: ChaseSweepResult = { day: this.calendar.dayOf(now), campaigns: [], chases: 0, digests: 0, emails: 0 };
    if (!this.calendar.isWorkingDay(result.day)) return result;
    const failures: unknown[] = [];
    for (const source of this.sources.all()) {
      const campaigns = await source.openCampaigns(this.tx.manager);
      for (const campaign of campaigns) {
        try {
          const decision = await this.tx.run((manager) => this.decider.decideCampaign(manager, source, campaign, now));
          result.campaigns.push(decision);
          result.chases += decision.chases;
          result.digests += decision.digests;
          result.emails += decision.emails;
        } catch (error) {
          this.logger.error({ err: error, campaign: campaign.campaign }, 'chase sweep failed for a campaign');
          failures.push(error);
        }
      }
    }
    if (failures.length) throw new AggregateError(failures, `chase sweep failed for ${failures.length} campaign(s)`);
    return result;
  }
}
