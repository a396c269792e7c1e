import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { NominationDashboardService } from './nomination-dashboard.service';
import { NominationCounts } from './dto/nomination-request-status.type';

export interface RequestKey {
  returnId: string;
  organisationId: string;
}

export interface NominationLoaderSet {
  /** Every version an organisation submitted to a return, newest first. */
  submissionsOf: DataLoader<RequestKey, NominationSubmission[], string>;
  nomineesOf: DataLoader<string, NominationNominee[]>;
  /**
   * A return's counts for the caller. Loaders live for one request, so every key carries the same
   * caller; the batch reads it from the first.
   */
  countsOf: DataLoader<{ returnId: string; viewer: AuthUser }, NominationCounts, string>;
}

@Injectable()
export class NominationLoaders implements LoaderFactory<NominationLoaderSet> {
  constructor(
    private readonly submissions: NominationSubmissionsRepository,
    private readonly dashboard: NominationDashboardService,
  ) {}

  createLoaders(): NominationLoaderSet {
    const requestKey = (k: RequestKey) => `${k.returnId}/${k.organisationId}`;
    return {
      submissionsOf: new DataLoader(
        async (keys) => {
          const rows = await this.submissions.findByRequests(keys);
          return keys.map((k) => rows.filter((s) => s.returnId === k.returnId && s.organisationId === k.organisationId));
        },
        { cacheKeyFn: requestKey },
      ),
      nomineesOf: new DataLoader(async (ids) => {
        const rows = await this.submissions.findNominees(ids);
        return ids.map((id) => rows.filter((n) => n.submissionId === id));
      }),
      countsOf: new DataLoader(
        async (keys) => {
          const counts = await this.dashboard.countsFor(
            keys[0].viewer,
            keys.map((k) => k.returnId),
          );
          return keys.map((k) => counts.get(k.returnId)!);
        },
        { cacheKeyFn: (k) => k.returnId },
      ),
    };
  }
}
