import { Global, Module } from '@nestjs/common';
import { ORGANISATION_ADMINISTRATION } from '@dasv/organisations';
import { RoleSuccession } from './role-succession.service';
import { RoleSuccessionRepository } from './role-succession.repository';

/**
 * Roles during an ODS import: OdsImportService finds RoleSuccession by its @CarriesOverOnSuccession()
 * mark, and asks it (under ORGANISATION_ADMINISTRATION, hence global) which new organisations have
 * no administrator. Small, so the orgs:import command loads it without the rest of this library.
 */
@Global()
@Module({
  providers: [RoleSuccessionRepository, RoleSuccession, { provide: ORGANISATION_ADMINISTRATION, useExisting: RoleSuccession }],
  exports: [ORGANISATION_ADMINISTRATION],
})
export class RoleSuccessionModule {}
