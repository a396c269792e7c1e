import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode, formatLondon, formatLondonDay } from '@dasv/common';
import { AuthUser, Permission } from '@dasv/auth';
import { ChaseDue, ChaseLog, ChaseLogService, ChaseOverview, ChasePause, ChaseStage, WorkingDayCalendarService } from '@dasv/chasing';
import { NOMINATION_RETURN_CAMPAIGN, nominationCampaign } from '@dasv/nominations';
import { OrganisationType } from '@dasv/organisations';
import { ChaseTargetParams, chasingPath } from './chasing-forms';

/** Who hears when an organisation of this type is long overdue, in the words the pages use. */
const ESCALATES_TO: Record<string, string> = {
  [OrganisationType.TRUST]: 'its integrated care board’s administrators',
  [OrganisationType.ICB]: 'its region’s administrators',
  [OrganisationType.REGION]: 'NHS England’s national administrators',
};

/** A chase in words; escalation depends on who is above the organisation. */
export function chaseLabel(stage: ChaseStage, organisationType: string): string {
  switch (stage) {
    case ChaseStage.REMINDER:
      return 'Reminder';
    case ChaseStage.OVERDUE:
      return 'Overdue reminder';
    case ChaseStage.ESCALATION:
      return `Escalation: ${ESCALATES_TO[organisationType] ?? 'NHS England’s national administrators'} told it is overdue`;
    default:
      return 'Chased by hand';
  }
}

export interface PauseInWords {
  /** The last day of the pause, e.g. "18 December 2026". */
  lastDay: string;
  reason: string;
  by: string;
  on: string;
}

export interface ChaseLogLine {
  when: string;
  what: string;
  to: string;
  by: string;
  note: string | null;
}

/** One organisation's chasing, as its page shows it. */
export interface ChasingPage {
  basePath: string;
  returnPath: string;
  title: string;
  deadline: string;
  isOpen: boolean;
  organisation: { name: string; odsCode: string };
  respondedAt: string | null;
  nextChase: string | null;
  /** The same, to go mid-sentence: "a reminder on 7 December 2026". */
  nextChaseInSentence: string | null;
  pause: PauseInWords | null;
  log: ChaseLogLine[];
  mayManage: boolean;
  /** Whether chase now, pause and resume apply: the return is open and the organisation has not answered. */
  canAct: boolean;
  recipients: string[];
  plan: string[];
}

/** On a return's dashboard: each listed organisation's next chase or pause, and the return's chase plan. */
export interface DashboardChasing {
  plan: string[];
  byOrganisation: Record<string, { nextChase: string | null; pausedUntil: string | null; href: string }>;
}

/** What the chasing pages show, read through the chase engine's services; nothing here decides anything. */
@Injectable()
export class ChasingPagesView {
  constructor(
    private readonly chaseLogs: ChaseLogService,
    private readonly calendar: WorkingDayCalendarService,
  ) {}

  async organisation(me: AuthUser, params: ChaseTargetParams): Promise<ChasingPage> {
    const overview = await this.chaseLogs.overviewOf(me, Permission.NominationRead, {
      kind: NOMINATION_RETURN_CAMPAIGN,
      ref: params.returnId,
      organisationOdsCode: params.odsCode,
    });
    return this.inWords(params, overview);
  }

  /** The same page, for a form that changes chasing: refused unless the caller may manage it. */
  async forManaging(me: AuthUser, params: ChaseTargetParams): Promise<ChasingPage> {
    const page = await this.organisation(me, params);
    if (!page.mayManage) throw new AppError(ErrorCode.Forbidden, 'You cannot chase this organisation.');
    return page;
  }

  /** For the dashboard's rows, already in the caller's scope; one batch for the page of rows. */
  async forDashboard(
    nominationReturn: { id: string; reminderOffsetsDays: number[]; overdueEveryWorkingDays: number; escalateAfterWorkingDays: number },
    requests: ReadonlyArray<{ organisationId: string; respondedAt: Date | null; organisation: { odsCode: string; type: string } }>,
  ): Promise<DashboardChasing> {
    const campaign = nominationCampaign(nominationReturn.id);
    const statuses = await this.chaseLogs.statusesOf(requests.map((r) => ({ campaign, organisationId: r.organisationId })));
    const byOrganisation: DashboardChasing['byOrganisation'] = {};
    requests.forEach((r, i) => {
      const { nextDue, pause } = statuses[i];
      // Once it has answered, a pause agreed before is beside the point.
      byOrganisation[r.organisationId] = {
        nextChase: nextDue ? sentenceCase(this.nextChaseText(nextDue, r.organisation.type)) : null,
        pausedUntil: pause && !r.respondedAt ? this.lastDayOf(pause) : null,
        href: chasingPath({ returnId: nominationReturn.id, odsCode: r.organisation.odsCode }),
      };
    });
    return { plan: planInWords(nominationReturn), byOrganisation };
  }

  private inWords(params: ChaseTargetParams, overview: ChaseOverview): ChasingPage {
    const { campaign, target } = overview;
    return {
      basePath: chasingPath(params),
      returnPath: `/nominations/${params.returnId}`,
      title: campaign.title,
      deadline: formatLondon(campaign.deadline),
      isOpen: campaign.isOpen,
      organisation: { name: target.name, odsCode: target.odsCode },
      respondedAt: target.respondedAt ? formatLondon(target.respondedAt) : null,
      nextChase: overview.nextDue ? sentenceCase(this.nextChaseText(overview.nextDue, target.type)) : null,
      nextChaseInSentence: overview.nextDue ? this.nextChaseText(overview.nextDue, target.type) : null,
      pause: overview.pause ? this.pauseInWords(overview.pause) : null,
      log: overview.log.map((row) => this.logLine(row, target.type)),
      mayManage: overview.mayManage,
      canAct: overview.mayManage && campaign.isOpen && !target.respondedAt,
      recipients: overview.recipients,
      plan: planInWords(campaign.policy),
    };
  }

  /** Mid-sentence: "a reminder on 30 November 2026". */
  private nextChaseText(due: ChaseDue, organisationType: string): string {
    const day = formatLondonDay(due.dueOn);
    switch (due.stage) {
      case ChaseStage.REMINDER:
        return `a reminder on ${day}`;
      case ChaseStage.OVERDUE:
        return `an overdue reminder on ${day}`;
      default:
        return `${ESCALATES_TO[organisationType] ?? 'NHS England’s national administrators'} are told on ${day}`;
    }
  }

  private lastDayOf(pause: ChasePause): string {
    return formatLondonDay(this.calendar.lastDayBefore(pause.until));
  }

  private pauseInWords(pause: ChasePause): PauseInWords {
    return {
      lastDay: this.lastDayOf(pause),
      reason: pause.reason,
      by: pause.pausedBy ?? 'Someone no longer on DASV Network',
      on: formatLondon(pause.createdAt),
    };
  }

  private logLine(row: ChaseLog, organisationType: string): ChaseLogLine {
    const hidden = row.stage === ChaseStage.ESCALATION && row.recipients.length === 0;
    return {
      when: formatLondon(row.decidedAt),
      what: chaseLabel(row.stage, organisationType),
      to: hidden ? sentenceCase(ESCALATES_TO[organisationType] ?? 'NHS England’s national administrators') : row.recipients.join(', '),
      by: row.stage === ChaseStage.MANUAL ? (row.sentBy ?? 'Someone no longer on DASV Network') : 'Sent automatically',
      note: row.note,
    };
  }
}

/** The return's chase plan as the programme team set it. */
export function planInWords(policy: { reminderOffsetsDays: number[]; overdueEveryWorkingDays: number; escalateAfterWorkingDays: number }): string[] {
  const offsets = [...policy.reminderOffsetsDays].sort((a, b) => b - a);
  const days = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [
    offsets.length ? `Reminders ${listInWords(offsets.map(String))} days before the deadline` : 'No reminders before the deadline',
    `Once overdue, a reminder every ${days(policy.overdueEveryWorkingDays, 'working day')}`,
    `After ${days(policy.escalateAfterWorkingDays, 'working day')} overdue, the administrators of the organisation above it are told every working day`,
  ];
}

function listInWords(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
