import { Processor, WorkerHost } from '@nestjs/bullmq';
import { RECOVERABLE_WORKER_OPTIONS } from '@dasv/database';
import { ChaseSweepService, ChaseSweepResult } from '../chase-sweep.service';
import { CHASE_QUEUE } from './chase-sweep.job';

// One at a time per worker: a second sweep would only queue behind the first on the same keys.
@Processor(CHASE_QUEUE, { concurrency: 1, ...RECOVERABLE_WORKER_OPTIONS })
export class ChaseSweepProcessor extends WorkerHost {
  constructor(private readonly sweep: ChaseSweepService) {
    super();
  }

  process(): Promise<ChaseSweepResult> {
    return this.sweep.run();
  }
}
