import { Injectable } from '@nestjs/common';
import { EmailTemplatesService, SendEmailPayload } from '@dasv/notifications';
import { ChaseCampaign, ChaseCampaignSource, ChaseTarget, EscalationRecipient } from './chase-campaign-source';
import { chaseEmailKey } from './chase-keys';
import { ChaseLog } from './entities/chase-log.entity';
import { ChaseHistory, ChasePolicyService } from './chase-policy.service';
import { CalendarDay } from './working-day-calendar.service';

/** Turns decided chases into e-mails for the outbox: one per recipient, each under its own key. */
@Injectable()
export class ChaseEmailsService {
  constructor(
    private readonly templates: EmailTemplatesService,
    private readonly policy: ChasePolicyService,
  ) {}

  forChase(
    source: ChaseCampaignSource,
    campaign: ChaseCampaign,
    target: ChaseTarget,
    chase: ChaseLog,
    history: ChaseHistory,
    sentBy: string | null = null,
  ): SendEmailPayload[] {
    const deadline = this.policy.effectiveDeadline(campaign, history);
    const escalatesOn = this.policy.escalationStartsOn(campaign, history, chase.decidedAt);
    return chase.recipients.map((to) => {
      const email = source.renderChase(campaign, target, {
        stage: chase.stage,
        dueOn: chase.dueOn,
        decidedAt: chase.decidedAt,
        recipient: to,
        sentBy,
        note: chase.note,
        deadline,
        escalatesOn,
      });
      return { key: chaseEmailKey(chase.key, to), to, ...this.templates.render(email.template, email.context) };
    });
  }

  forDigest(
    source: ChaseCampaignSource,
    campaign: ChaseCampaign,
    digestKey: string,
    person: EscalationRecipient,
    listed: readonly ChaseTarget[],
    dueOn: CalendarDay,
  ): SendEmailPayload {
    const email = source.renderDigest(campaign, person, listed, dueOn);
    return { key: chaseEmailKey(digestKey, person.email), to: person.email, ...this.templates.render(email.template, email.context) };
  }
}
