import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { ChaseLog, ChaseStage } from './entities/chase-log.entity';
import { ChaseCampaign, ChaseTarget } from './chase-campaign-source';
import { ChaseDue } from './chase-due.type';
import { CampaignOrganisation, ChaseHistoriesService } from './chase-histories.service';
import { parseCampaignKey } from './chase-keys';
import { ChaseLogRepository } from './chase-log.repository';
import { ChasePause } from './entities/chase-pause.entity';
import { ChasePauseRepository, pairKey } from './chase-pause.repository';
import { ChasePolicyService } from './chase-policy.service';
import { ChaseSourcesService } from './chase-sources.service';
import { ChaseTargetLookupService, ChaseTargetRef } from './chase-target-lookup.service';

/** Where chasing one organisation stands, for its page: what was sent, what is next, whether it is paused. */
export interface ChaseOverview {
  campaign: ChaseCampaign;
  target: ChaseTarget;
  /** Newest first; an escalation's recipients are left out unless the caller may manage chasing there. */
  log: ChaseLog[];
  nextDue: ChaseDue | null;
  pause: ChasePause | null;
  /** Whether the caller may chase, pause and resume this organisation. */
  mayManage: boolean;
  /** Who a chase now would go to (empty: unreachable); only for those who may manage chasing. */
  recipients: string[];
}

/** Per organisation on a dashboard: the next chase and any running pause. */
export interface ChaseStatus {
  nextDue: ChaseDue | null;
  pause: ChasePause | null;
}

/** What has been sent about an organisation in a campaign, and what is next. */
@Injectable()
export class ChaseLogService {
  constructor(
    private readonly lookup: ChaseTargetLookupService,
    private readonly sources: ChaseSourcesService,
    private readonly log: ChaseLogRepository,
    private readonly histories: ChaseHistoriesService,
    private readonly policy: ChasePolicyService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly pauses: ChasePauseRepository,
  ) {}

  /**
   * One organisation's chasing in one campaign, for whoever may read it with `permission` (the one
   * the source's readers hold); what may be done about it follows the chase-manage scope.
   */
  async overviewOf(me: AuthUser, permission: Permission, ref: ChaseTargetRef): Promise<ChaseOverview> {
    const manager = this.tx.manager;
    const { source, campaign, organisation, target } = await this.lookup.require(me, permission, ref, manager, { open: false, outstanding: false });
    const pair = { campaign: campaign.campaign, organisationId: organisation.id };
    const mayManage = await this.access.canAccessOrganisation(me, Permission.ChaseManage, organisation.id);
    const log = await this.log.listFor([pair], manager);
    const [status] = await this.statusesOf([pair]);
    const recipients = mayManage ? ((await source.recipientsFor(manager, [organisation.id])).get(organisation.id) ?? []) : [];
    return {
      campaign,
      target,
      log: log.map((row) => (row.stage === ChaseStage.ESCALATION && !mayManage ? Object.assign(row, { recipients: [] }) : row)),
      nextDue: status.nextDue,
      pause: status.pause,
      mayManage,
      recipients,
    };
  }

  /** For pages and loaders under an already authorised parent: each pair's next chase and running pause, in order. */
  async statusesOf(pairs: readonly CampaignOrganisation[]): Promise<ChaseStatus[]> {
    const nextDue = await this.nextDueOf(pairs);
    const pauses = await this.runningPausesOf(pairs);
    return pairs.map((p, i) => ({ nextDue: nextDue[i], pause: pauses[i] }));
  }

  /** For DataLoaders: the pause each pair is in now, or null. */
  async runningPausesOf(pairs: readonly CampaignOrganisation[]): Promise<Array<ChasePause | null>> {
    const running = await this.pauses.runningAt(pairs, this.clock.now(), this.tx.manager);
    return pairs.map((p) => running.get(pairKey(p.campaign, p.organisationId)) ?? null);
  }

  /**
   * Who a chase went to, as the caller may see it. An organisation's own addresses are shown to
   * whoever may read its log; an escalation went to its parent's admins, whose addresses are shown
   * only to those who may manage chasing there (an organisation admin sees that it was escalated, not to whom).
   * `mayManage` answers, in one query per batch, for the organisations of the escalations asked about.
   */
  async recipientsVisibleTo(log: ChaseLog, mayManage: (organisationId: string) => Promise<boolean>): Promise<string[]> {
    if (log.stage !== ChaseStage.ESCALATION || !log.organisationId) return log.recipients;
    return (await mayManage(log.organisationId)) ? log.recipients : [];
  }

  /** For DataLoaders: which organisations the caller may manage chasing for. */
  async manageableOf(me: AuthUser, organisationIds: readonly string[]): Promise<boolean[]> {
    const allowed = await this.access.organisationsInScope(me, Permission.ChaseManage, organisationIds);
    return organisationIds.map((id) => allowed.has(id));
  }

  /** The log for one organisation, newest first; `permission` is the one the caller's resolver declared. */
  async logOf(me: AuthUser, permission: Permission, ref: ChaseTargetRef): Promise<ChaseLog[]> {
    const { campaign, organisation } = await this.lookup.require(me, permission, ref, this.tx.manager, { open: false, outstanding: false });
    return this.log.listFor([{ campaign: campaign.campaign, organisationId: organisation.id }]);
  }

  /** For DataLoaders under an already authorised parent: the log of each pair, in order. */
  async logsOf(pairs: readonly CampaignOrganisation[]): Promise<ChaseLog[][]> {
    const byPair = new Map<string, ChaseLog[]>();
    for (const row of await this.log.listFor(pairs)) {
      const key = pairKey(row.campaign, row.organisationId!);
      byPair.set(key, [...(byPair.get(key) ?? []), row]);
    }
    return pairs.map((p) => byPair.get(pairKey(p.campaign, p.organisationId)) ?? []);
  }

  /** For DataLoaders: the next chase due for each pair, or null once it responded or the campaign closed. */
  async nextDueOf(pairs: readonly CampaignOrganisation[]): Promise<Array<ChaseDue | null>> {
    const manager = this.tx.manager;
    const now = this.clock.now();
    const campaigns = new Map<string, ChaseCampaign>();
    const targets = new Map<string, ChaseTarget>();
    const byCampaign = new Map<string, string[]>();
    for (const p of pairs) byCampaign.set(p.campaign, [...(byCampaign.get(p.campaign) ?? []), p.organisationId]);
    const byKind = new Map<string, string[]>();
    for (const campaign of byCampaign.keys()) {
      const { kind, ref } = parseCampaignKey(campaign);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ref]);
    }
    for (const [kind, refs] of byKind) {
      const source = this.sources.get(kind);
      for (const campaign of await source.findCampaigns(manager, refs)) {
        campaigns.set(campaign.campaign, campaign);
        if (!campaign.isOpen) continue;
        for (const t of await source.targets(manager, campaign, { organisationIds: byCampaign.get(campaign.campaign)!, outstandingOnly: false })) {
          targets.set(pairKey(campaign.campaign, t.organisationId), t);
        }
      }
    }
    const histories = await this.histories.forPairs(pairs, manager);
    const decided = new Map<string, Set<string>>();
    for (const row of await this.log.listFor(pairs, manager)) {
      const key = pairKey(row.campaign, row.organisationId!);
      decided.set(key, (decided.get(key) ?? new Set()).add(`${row.stage}|${row.dueOn}`));
    }
    return pairs.map((p) => {
      const key = pairKey(p.campaign, p.organisationId);
      const campaign = campaigns.get(p.campaign);
      const target = targets.get(key);
      if (!campaign?.isOpen || !target || target.respondedAt) return null;
      return this.policy.nextDue(campaign, histories.get(key)!, now, decided.get(key) ?? new Set());
    });
  }
}
