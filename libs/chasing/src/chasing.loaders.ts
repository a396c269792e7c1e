import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { ChaseLog } from './entities/chase-log.entity';
import { ChaseDue } from './chase-due.type';
import { ChasePause } from './entities/chase-pause.entity';
import { CampaignOrganisation } from './chase-histories.service';
import { ChaseLogService } from './chase-log.service';
import { pairKey } from './chase-pause.repository';

export interface ChasingLoaderSet {
  logOf: DataLoader<CampaignOrganisation, ChaseLog[], string>;
  nextDueOf: DataLoader<CampaignOrganisation, ChaseDue | null, string>;
  pauseOf: DataLoader<CampaignOrganisation, ChasePause | null, string>;
  /** Whether the caller (one per request) may manage chasing for an organisation. */
  mayManage(me: AuthUser): DataLoader<string, boolean>;
}

/** A dashboard of a few hundred organisations costs a handful of queries, not a few per row. */
@Injectable()
export class ChasingLoaders implements LoaderFactory<ChasingLoaderSet> {
  constructor(private readonly chaseLog: ChaseLogService) {}

  createLoaders(): ChasingLoaderSet {
    const cacheKeyFn = (p: CampaignOrganisation) => pairKey(p.campaign, p.organisationId);
    const mayManage = new Map<string, DataLoader<string, boolean>>();
    return {
      logOf: new DataLoader((pairs) => this.chaseLog.logsOf(pairs), { cacheKeyFn }),
      nextDueOf: new DataLoader((pairs) => this.chaseLog.nextDueOf(pairs), { cacheKeyFn }),
      pauseOf: new DataLoader((pairs) => this.chaseLog.runningPausesOf(pairs), { cacheKeyFn }),
      mayManage: (me) => {
        let loader = mayManage.get(me.id);
        if (!loader) mayManage.set(me.id, (loader = new DataLoader((ids) => this.chaseLog.manageableOf(me, ids))));
        return loader;
      },
    };
  }
}
