import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser, Permission } from '@dasv/auth';
import { EmailOutboxService } from '@dasv/notifications';
import { ChaseLog, ChaseStage } from './entities/chase-log.entity';
import { ChaseEmailsService } from './chase-emails.service';
import { ChaseHistoriesService } from './chase-histories.service';
import { manualChaseKey } from './chase-keys';
import { ChaseLogRepository } from './chase-log.repository';
import { ChaseTargetLookupService, ChaseTargetRef } from './chase-target-lookup.service';
import { chasingError } from './chasing.errors';
import { WorkingDayCalendarService } from './working-day-calendar.service';

/**
 * A form submitted twice (a double click, a retried request) within this long, by the same person
 * with the same message, is the same chase: the second gets the first's result and sends nothing.
 */
const RESUBMISSION_WINDOW_MS = 5 * 60_000;

/** An admin chasing one organisation now, outside the schedule (it then stands in for a chase due that day). */
@Injectable()
export class ManualChaseService {
  constructor(
    private readonly lookup: ChaseTargetLookupService,
    private readonly log: ChaseLogRepository,
    private readonly histories: ChaseHistoriesService,
    private readonly render: ChaseEmailsService,
    private readonly emails: EmailOutboxService,
    private readonly calendar: WorkingDayCalendarService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  async chaseNow(me: AuthUser, ref: ChaseTargetRef, note: string | null): Promise<ChaseLog> {
    return this.tx.run(async (manager) => {
      const { source, campaign, organisation, target } = await this.lookup.require(me, Permission.ChaseManage, ref, manager, { open: true, outstanding: true });
      const recipients = (await source.recipientsFor(manager, [organisation.id])).get(organisation.id) ?? [];
      if (recipients.length === 0) {
        throw chasingError('Unreachable', `${organisation.name} has no administrator or contact address to write to.`);
      }
      const now = this.clock.now();
      await this.log.lockManualChases(manager, campaign.campaign, organisation.id);
      const resubmitted = await this.log.recentManualChase(manager, {
        campaign: campaign.campaign,
        organisationId: organisation.id,
        createdById: me.id,
        note,
        since: new Date(now.getTime() - RESUBMISSION_WINDOW_MS),
      });
      if (resubmitted) return resubmitted;
      const today = this.calendar.dayOf(now);
      const [chase] = await this.log.insertNew(
        manager,
        campaign.campaign,
        now,
        [
          {
            key: manualChaseKey(campaign.campaign, organisation.id, today, randomUUID()),
            organisationId: organisation.id,
            stage: ChaseStage.MANUAL,
            dueOn: today,
            recipients,
            note,
          },
        ],
        me.id,
      );
      const histories = await this.histories.forPairs([{ campaign: campaign.campaign, organisationId: organisation.id }], manager);
      await this.emails.queue(manager, this.render.forChase(source, campaign, target, chase, [...histories.values()][0], me.name));
      chase.sentBy = me.name;
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'chase.sent_manually',
        entityType: 'chase_log',
        entityId: chase.id,
        organisationId: organisation.id,
        details: { campaign: campaign.campaign, recipients, note },
      });
      return chase;
    });
  }
}
