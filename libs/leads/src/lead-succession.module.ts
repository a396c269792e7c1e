import { Module } from '@nestjs/common';
import { LeadSuccessionService } from './lead-succession.service';
import { LeadsRepository } from './leads.repository';

/**
 * Carries leads to successor organisations during an ODS import: OdsImportService finds LeadSuccessionService
 * by its @CarriesOverOnSuccession() mark. Small, so the orgs:import command can load it without the
 * leads' TypeORM entities (LeadsModule registers them; the import uses only LeadsRepository's SQL).
 */
@Module({
  providers: [LeadsRepository, LeadSuccessionService],
})
export class LeadSuccessionModule {}
