import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { ChaseLog } from './entities/chase-log.entity';
import { ChaseDue } from './chase-due.type';
import { CampaignOrganisation } from './chase-histories';
import { ChaseLogService } from './chase-log.service';
import { pairKey } from './chase-pause.repository';

export interface ChasingLoaderSet {
  logOf: DataLoader<CampaignOrganisation, ChaseLog[], string>;
  nextDueOf: DataLoader<CampaignOrganisation, ChaseDue | null, string>;
}

/** A dashboard of a few hundred organisations costs a handful of queries, not a few per row. */
@Injectable()
export class ChasingLoaders implements LoaderFactory<ChasingLoaderSet> {
  constructor(private readonly chaseLog: ChaseLogService) {}

  createLoaders(): ChasingLoaderSet {
    const cacheKeyFn = (p: CampaignOrganisation) => pairKey(p.campaign, p.organisationId);
    return {
      logOf: new DataLoader((pairs) => this.chaseLog.logsOf(pairs), { cacheKeyFn }),
      nextDueOf: new DataLoader((pairs) => this.chaseLog.nextDueOf(pairs), { cacheKeyFn }),
    };
  }
}
