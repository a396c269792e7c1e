import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser, Permission } from '@dasv/auth';
import { ChasePause } from './entities/chase-pause.entity';
import { ChasePauseRepository } from './chase-pause.repository';
import { ChaseTargetLookupService, ChaseTargetRef } from './chase-target-lookup.service';
import { chasingError } from './chasing.errors';
import { CalendarDay, WorkingDayCalendarService } from './working-day-calendar.service';

/** Long enough for any agreed extension; a longer one is almost certainly a mistyped year. */
const MAX_PAUSE_DAYS = 366;

@Injectable()
export class ChasePausesService {
  constructor(
    private readonly lookup: ChaseTargetLookupService,
    private readonly pauses: ChasePauseRepository,
    private readonly calendar: WorkingDayCalendarService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  /**
   * An agreed extension: nothing goes to the organisation (nor about it to its parent) until the end
   * of `lastDay` in England; if that is after the deadline, its overdue clock starts from there.
   */
  async pause(me: AuthUser, ref: ChaseTargetRef, input: { lastDay: CalendarDay; reason: string }): Promise<ChasePause> {
    const now = this.clock.now();
    const today = this.calendar.dayOf(now);
    if (input.lastDay < today) {
      throw chasingError('PauseInPast', 'A pause cannot end in the past.', { until: ['Enter today or a later date'] });
    }
    if (input.lastDay > this.calendar.addDays(today, MAX_PAUSE_DAYS)) {
      throw chasingError('PauseTooLong', 'A pause can last a year at most.', { until: ['Enter a date within a year from today'] });
    }
    return this.tx.run(async (manager) => {
      const { campaign, organisation } = await this.lookup.require(me, Permission.ChaseManage, ref, manager, { open: true, outstanding: true });
      const pause = await this.pauses.create(manager, {
        campaign: campaign.campaign,
        organisationId: organisation.id,
        until: this.calendar.endOf(input.lastDay),
        reason: input.reason,
        createdById: me.id,
        createdAt: now,
      });
      pause.pausedBy = me.name;
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'chase.paused',
        entityType: 'chase_pause',
        entityId: pause.id,
        organisationId: organisation.id,
        details: { campaign: campaign.campaign, lastDay: input.lastDay, reason: input.reason },
      });
      return pause;
    });
  }

  /**
   * Ends the running pause now, before its agreed end: the organisation is chased again from the next
   * chase due. Chases that fell due while it was paused are not sent late (see ChasePolicyService).
   */
  async resume(me: AuthUser, ref: ChaseTargetRef): Promise<ChasePause> {
    const now = this.clock.now();
    return this.tx.run(async (manager) => {
      const { campaign, organisation } = await this.lookup.require(me, Permission.ChaseManage, ref, manager, { open: true, outstanding: true });
      const [ended] = await this.pauses.resumeRunning(manager, { campaign: campaign.campaign, organisationId: organisation.id }, now, me.id);
      if (!ended) throw chasingError('NotPaused', `Chasing ${organisation.name} is not paused.`);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'chase.resumed',
        entityType: 'chase_pause',
        entityId: ended.id,
        organisationId: organisation.id,
        details: { campaign: campaign.campaign, lastDay: this.calendar.lastDayBefore(ended.until), reason: ended.reason },
      });
      return ended;
    });
  }
}
