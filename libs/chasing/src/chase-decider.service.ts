import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EmailOutboxService, SendEmailPayload } from '@dasv/notifications';
import { ChaseStage } from './entities/chase-log.entity';
import { ChaseCampaign, ChaseCampaignSource, ChaseTarget } from './chase-campaign-source';
import { ChaseHistoriesService } from './chase-histories.service';
import { ChaseEmailsService } from './chase-emails.service';
import { digestKey, organisationChaseKey } from './chase-keys';
import { NewChase, ChaseLogRepository } from './chase-log.repository';
import { pairKey } from './chase-pause.repository';
import { ChaseHistory, ChasePolicyService, DueChase } from './chase-policy.service';
import { WorkingDayCalendarService } from './working-day-calendar.service';

interface Evaluation {
  chase: DueChase | null;
  escalation: DueChase | null;
}

interface CampaignContext {
  manager: EntityManager;
  source: ChaseCampaignSource;
  campaign: ChaseCampaign;
  now: Date;
  historyOf: (target: ChaseTarget) => ChaseHistory;
}

interface Decided {
  decided: number;
  emails: SendEmailPayload[];
}

export interface CampaignDecision {
  campaign: string;
  outstanding: number;
  /** Reminders and overdue reminders newly decided (one per organisation). */
  chases: number;
  /** Digests newly decided (one per person). */
  digests: number;
  emails: number;
}

/**
 * Decides, in the caller's transaction, every chase now due in one campaign, and queues its e-mails
 * in the same transaction. INSERT … ON CONFLICT (key) DO NOTHING RETURNING is the decision: only
 * rows this transaction created get e-mail, so a second sweep, a retried job or a sweep racing this
 * one finds the keys taken and sends nothing. If the process dies after commit, the outbox rows wait
 * for the relay; before commit, nothing happened and the next sweep decides again. From there the
 * e-mail's own key (BullMQ job id, email_delivery) sends it once; only a crash after the SMTP server
 * accepted it and before email_delivery was written can send it a second time (see EmailSenderService).
 */
@Injectable()
export class ChaseDeciderService {
  constructor(
    private readonly calendar: WorkingDayCalendarService,
    private readonly policy: ChasePolicyService,
    private readonly histories: ChaseHistoriesService,
    private readonly log: ChaseLogRepository,
    private readonly emails: EmailOutboxService,
    private readonly render: ChaseEmailsService,
  ) {}

  async decideCampaign(manager: EntityManager, source: ChaseCampaignSource, campaign: ChaseCampaign, now: Date): Promise<CampaignDecision> {
    const decision: CampaignDecision = { campaign: campaign.campaign, outstanding: 0, chases: 0, digests: 0, emails: 0 };
    // The whole decision is about today; on a weekend or bank holiday nothing at all is due.
    if (!this.calendar.isWorkingDay(this.calendar.dayOf(now))) return decision;

    const targets = await source.targets(manager, campaign, { outstandingOnly: true });
    decision.outstanding = targets.length;
    if (targets.length === 0) return decision;
    const histories = await this.histories.forPairs(
      targets.map((t) => ({ campaign: campaign.campaign, organisationId: t.organisationId })),
      manager,
    );
    const historyOf = (t: ChaseTarget) => histories.get(pairKey(campaign.campaign, t.organisationId))!;

    // Nearly every organisation has the same history (no pause, no chase by hand), hence the same answer.
    const memo = new Map<string, Evaluation>();
    const evaluate = (target: ChaseTarget): Evaluation => {
      const history = historyOf(target);
      const key = `${history.pausedUntil?.getTime()}|${history.lastManualAt?.getTime()}`;
      let result = memo.get(key);
      if (!result) {
        result = { chase: this.policy.dueToOrganisation(campaign, history, now), escalation: this.policy.escalationDue(campaign, history, now) };
        memo.set(key, result);
      }
      return result;
    };
    const context: CampaignContext = { manager, source, campaign, now, historyOf };

    const own = await this.decideOwnChases(
      context,
      targets.flatMap((target) => {
        const { chase } = evaluate(target);
        return chase ? [{ target, chase }] : [];
      }),
    );
    const digests = await this.decideDigests(
      context,
      targets.filter((t) => evaluate(t).escalation),
    );

    await this.emails.queue(manager, [...own.emails, ...digests.emails]);
    return { ...decision, chases: own.decided, digests: digests.decided, emails: own.emails.length + digests.emails.length };
  }

  /** Reminders and overdue reminders to the organisations themselves. */
  private async decideOwnChases(
    { manager, source, campaign, now, historyOf }: CampaignContext,
    due: Array<{ target: ChaseTarget; chase: DueChase }>,
  ): Promise<Decided> {
    if (due.length === 0) return { decided: 0, emails: [] };
    const recipients = await source.recipientsFor(
      manager,
      due.map((d) => d.target.organisationId),
    );
    // Unreachable organisations (no admins, no contact address) are neither chased nor logged: the
    // log would claim a chase nobody received. The dashboard shows them as unreachable instead.
    const chases: NewChase[] = due
      .filter((d) => (recipients.get(d.target.organisationId) ?? []).length > 0)
      .map(({ target, chase }) => ({
        key: organisationChaseKey(campaign.campaign, target.organisationId, chase.stage, chase.dueOn),
        organisationId: target.organisationId,
        stage: chase.stage,
        dueOn: chase.dueOn,
        recipients: recipients.get(target.organisationId)!,
      }));
    const byId = new Map(due.map((d) => [d.target.organisationId, d.target]));
    const decided = await this.log.insertNew(manager, campaign.campaign, now, chases);
    const emails = decided.flatMap((row) => {
      const target = byId.get(row.organisationId!)!;
      return this.render.forChase(source, campaign, target, row, historyOf(target));
    });
    return { decided: decided.length, emails };
  }

  /**
   * Digests to the parents' admins: one per person per day, listing every one of their organisations
   * overdue. Each organisation's own log notes who was told about it.
   */
  private async decideDigests({ manager, source, campaign, now }: CampaignContext, escalated: ChaseTarget[]): Promise<Decided> {
    if (escalated.length === 0) return { decided: 0, emails: [] };
    const today = this.calendar.dayOf(now);
    const byId = new Map(escalated.map((t) => [t.organisationId, t]));
    const people = (await source.escalationRecipients(manager, escalated))
      .map((p) => ({ ...p, organisationIds: p.organisationIds.filter((id) => byId.has(id)) }))
      .filter((p) => p.organisationIds.length > 0);
    const decided = new Set(
      (
        await this.log.insertNew(
          manager,
          campaign.campaign,
          now,
          people.map((p) => ({
            key: digestKey(campaign.campaign, p.userId, today),
            organisationId: null,
            stage: ChaseStage.ESCALATION,
            dueOn: today,
            recipients: [p.email],
          })),
        )
      ).map((d) => d.key),
    );
    const emails: SendEmailPayload[] = [];
    const toldAbout = new Map<string, string[]>();
    for (const person of people) {
      const key = digestKey(campaign.campaign, person.userId, today);
      if (!decided.has(key)) continue;
      const listed = person.organisationIds.map((id) => byId.get(id)!).sort((a, b) => a.name.localeCompare(b.name));
      emails.push(this.render.forDigest(source, campaign, key, person, listed, today));
      for (const t of listed) toldAbout.set(t.organisationId, [...(toldAbout.get(t.organisationId) ?? []), person.email]);
    }
    await this.log.recordEscalations(
      manager,
      campaign.campaign,
      now,
      [...toldAbout].map(([organisationId, recipients]) => ({
        key: organisationChaseKey(campaign.campaign, organisationId, ChaseStage.ESCALATION, today),
        organisationId,
        stage: ChaseStage.ESCALATION,
        dueOn: today,
        recipients,
      })),
    );
    return { decided: decided.size, emails };
  }
}
