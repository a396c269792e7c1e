import { Module } from '@nestjs/common';
import { LeadSuccession } from './lead-succession.service';
import { LeadSuccessionRepository } from './lead-succession.repository';

/**
 * Carries leads to successor organisations during an ODS import: OdsImportService finds LeadSuccession
 * by its @CarriesOverOnSuccession() mark. Small, so the orgs:import command can load it without the
 * rest of the directory.
 */
@Module({
  providers: [LeadSuccessionRepository, LeadSuccession],
})
export class LeadSuccessionModule {}
