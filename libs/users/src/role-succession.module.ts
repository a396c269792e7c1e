import { Global, Module } from '@nestjs/common';
import { ORGANISATION_ADMINISTRATION } from '@dasv/organisations';
import { RoleSuccessionService } from './role-succession.service';
import { RoleSuccessionRepository } from './role-succession.repository';

/**
 * Roles during an ODS import: OdsImportService finds RoleSuccessionService by its @CarriesOverOnSuccession()
 * mark, and asks it (under ORGANISATION_ADMINISTRATION, hence global) which new organisations have
 * no administrator. Small, so the orgs:import command loads it without the rest of this library.
 */
@Global()
@Module({
  providers: [RoleSuccessionRepository, RoleSuccessionService, { provide: ORGANISATION_ADMINISTRATION, useExisting: RoleSuccessionService }],
  exports: [ORGANISATION_ADMINISTRATION],
})
export class RoleSuccessionModule {}
