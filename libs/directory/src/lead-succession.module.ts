import { Global, Module } from '@nestjs/common';
import { ORGANISATION_SUCCESSION_HANDLER } from '@dasv/organisations';
import { LeadSuccession } from './lead-succession.service';
import { LeadSuccessionRepository } from './lead-succession.repository';

/**
 * Gives OdsImportService (in OrganisationsModule, which cannot import this library: it builds on
 * organisations) the handler that carries leads to successor organisations. Global for that reason
 * alone, and small, so the orgs:import command can load it without the rest of the directory.
 */
@Global()
@Module({
  providers: [LeadSuccessionRepository, LeadSuccession, { provide: ORGANISATION_SUCCESSION_HANDLER, useExisting: LeadSuccession }],
  exports: [ORGANISATION_SUCCESSION_HANDLER],
})
export class LeadSuccessionModule {}
