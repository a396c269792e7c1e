import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChaseHistory } from './chase-policy.service';
import { ChaseLogRepository } from './chase-log.repository';
import { ChasePauseRepository, pairKey } from './chase-pause.repository';

export type CampaignOrganisation = { campaign: string; organisationId: string };

/** The pauses and chases by hand the policy needs, for many organisations in two queries. */
@Injectable()
export class ChaseHistoriesService {
  constructor(
    private readonly log: ChaseLogRepository,
    private readonly pauses: ChasePauseRepository,
  ) {}

  /** Keyed by pairKey(campaign, organisationId); every pair asked for has an entry. */
  async forPairs(pairs: readonly CampaignOrganisation[], manager?: EntityManager): Promise<Map<string, ChaseHistory>> {
    // One after the other: inside a transaction both would share one connection anyway.
    const pausedUntil = await this.pauses.latestEnds(pairs, manager);
    const lastManual = await this.log.lastManualChases(pairs, manager);
    return new Map(
      pairs.map((p) => {
        const key = pairKey(p.campaign, p.organisationId);
        return [key, { pausedUntil: pausedUntil.get(key) ?? null, lastManualAt: lastManual.get(key) ?? null }];
      }),
    );
  }
}
