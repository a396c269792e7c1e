import { Module } from '@nestjs/common';
import { ChasingCoreModule, ChasingModule } from '@dasv/chasing';
import { NominationsChaseRepository } from './nominations-chase.repository';
import { NominationRequestChaseResolver, NominationsChaseResolver } from './nominations-chase.resolver';
import { NominationsChaseSource } from './nominations-chase.source';

/** Nomination returns as a chase source; the worker imports this next to ChasingWorkerModule. */
@Module({
  imports: [ChasingCoreModule],
  providers: [NominationsChaseRepository, NominationsChaseSource],
  exports: [NominationsChaseSource],
})
export class NominationsChaseSourceModule {}

/** The API for chasing nomination returns: pauses, chases by hand, the log and the dashboard fields. */
@Module({
  imports: [ChasingModule, NominationsChaseSourceModule],
  providers: [NominationsChaseResolver, NominationRequestChaseResolver],
})
export class NominationsChaseModule {}
