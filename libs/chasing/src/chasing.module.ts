import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@dasv/organisations';
import { ChasingCoreModule } from './chasing-core.module';
import { ChaseLogResolver } from './chase-log.resolver';
import { ChaseLogService } from './chase-log.service';
import { ChasePauseResolver } from './chase-pause.resolver';
import { ChasePausesService } from './chase-pauses.service';
import { ChaseTargetLookupService } from './chase-target-lookup.service';
import { ChasingLoaders } from './chasing.loaders';
import { ManualChaseService } from './manual-chase.service';

/** The API side of the chase engine: pauses, chases by hand and the log, for any source's resolver. */
@Module({
  imports: [ChasingCoreModule, OrganisationsModule],
  providers: [ChaseTargetLookupService, ChasePausesService, ManualChaseService, ChaseLogService, ChasingLoaders, ChasePauseResolver, ChaseLogResolver],
  exports: [ChasingCoreModule, ChasePausesService, ManualChaseService, ChaseLogService, ChasingLoaders],
})
export class ChasingModule {}
