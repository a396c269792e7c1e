import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatLondon, formatLondonDay } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { OrganisationType } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import {
  campaignKey,
  ChaseCampaign,
  ChaseCampaignSource,
  ChaseEmail,
  ChaseSource,
  ChaseStage,
  ChaseTarget,
  ChaseToRender,
  EscalationRecipient,
  ParentOrganisationAdminsService,
} from '@dasv/chasing';
import { ChasedReturn, NominationsChaseRepository } from './nominations-chase.repository';
import { submissionLink } from './nomination-returns.service';
import { leadsAskedOf } from './nominee-rules.service';
import { NominationLeadsAsked } from './dto/nomination-form.type';

/** chase_log.campaign of a nomination return is `nomination-return:<return id>`. */
export const NOMINATION_RETURN_CAMPAIGN = 'nomination-return';

export function nominationCampaign(returnId: string): string {
  return campaignKey(NOMINATION_RETURN_CAMPAIGN, returnId);
}

/** Who hears when an organisation of this type is long overdue, as the overdue e-mail words it. */
const ESCALATES_TO: Record<string, string> = {
  [OrganisationType.TRUST]: 'your integrated care board’s administrators',
  [OrganisationType.ICB]: 'your region’s administrators',
  [OrganisationType.REGION]: 'NHS England’s national team',
};

/** Nomination returns, as campaigns the shared chase engine chases. */
@Injectable()
@ChaseSource()
export class NominationsChaseSource implements ChaseCampaignSource {
  readonly kind = NOMINATION_RETURN_CAMPAIGN;

  constructor(
    private readonly repository: NominationsChaseRepository,
    private readonly contacts: OrganisationContactsService,
    private readonly parentAdmins: ParentOrganisationAdminsService,
    private readonly config: AppConfig,
  ) {}

  async openCampaigns(manager: EntityManager): Promise<ChaseCampaign[]> {
    return (await this.repository.openReturns(manager)).map(toCampaign);
  }

  async findCampaigns(manager: EntityManager, refs: readonly string[]): Promise<ChaseCampaign[]> {
    return (await this.repository.returnsByIds(manager, refs)).map(toCampaign);
  }

  targets(manager: EntityManager, campaign: ChaseCampaign, options: { organisationIds?: readonly string[]; outstandingOnly: boolean }): Promise<ChaseTarget[]> {
    return this.repository.requests(manager, campaign.ref, options);
  }

  async recipientsFor(manager: EntityManager, organisationIds: readonly string[]): Promise<Map<string, string[]>> {
    const recipients = await this.contacts.recipientsFor(organisationIds, manager);
    return new Map(recipients.map((r) => [r.organisationId, r.emails]));
  }

  escalationRecipients(manager: EntityManager, targets: readonly ChaseTarget[]): Promise<EscalationRecipient[]> {
    return this.parentAdmins.of(manager, targets);
  }

  renderChase(campaign: ChaseCampaign, target: ChaseTarget, chase: ChaseToRender): ChaseEmail {
    const context = {
      organisationName: target.name,
      title: campaign.title,
      ask: askOf(target.type),
      deadline: formatLondon(chase.deadline),
      link: submissionLink(this.config.publicUrl, campaign.ref, target.odsCode),
    };
    switch (chase.stage) {
      case ChaseStage.REMINDER:
        return { template: 'chase-reminder', context };
      case ChaseStage.OVERDUE:
        return {
          template: 'chase-overdue',
          context: {
            ...context,
            everyWorkingDays: campaign.policy.overdueEveryWorkingDays,
            escalatesOn: chase.escalatesOn ? formatLondonDay(chase.escalatesOn) : null,
            escalatesTo: ESCALATES_TO[target.type] ?? 'NHS England’s national team',
          },
        };
      default:
        return {
          template: 'chase-manual',
          context: {
            ...context,
            note: chase.note ?? '',
            sentBy: chase.sentBy ?? 'The programme team',
            isOverdue: chase.decidedAt.getTime() >= chase.deadline.getTime(),
          },
        };
    }
  }

  renderDigest(campaign: ChaseCampaign, recipient: EscalationRecipient, targets: readonly ChaseTarget[]): ChaseEmail {
    return {
      template: 'chase-escalation',
      context: {
        recipientName: recipient.name,
        title: campaign.title,
        deadline: formatLondon(campaign.deadline),
        ask: 'confirm their domestic abuse and sexual violence (DASV) leads',
        organisations: targets.map((t) => ({ name: t.name, odsCode: t.odsCode, link: submissionLink(this.config.publicUrl, campaign.ref, t.odsCode) })),
      },
    };
  }
}

/** "29 December 2026", as the other dates in our e-mails read. */
function toCampaign(r: ChasedReturn): ChaseCampaign {
  return {
    campaign: nominationCampaign(r.id),
    ref: r.id,
    title: r.title,
    isOpen: r.isOpen,
    deadline: r.deadline,
    openedAt: r.openedAt,
    policy: {
      reminderOffsetsDays: r.reminderOffsetsDays,
      overdueEveryWorkingDays: r.overdueEveryWorkingDays,
      escalateAfterWorkingDays: r.escalateAfterWorkingDays,
    },
  };
}

function askOf(type: string): string {
  return leadsAskedOf(type as OrganisationType) === NominationLeadsAsked.SENIOR
    ? 'confirm your region’s senior domestic abuse and sexual violence (DASV) lead'
    : 'confirm your domestic abuse and sexual violence (DASV) leads: an executive lead on your executive team (board) and any operational leads';
}
