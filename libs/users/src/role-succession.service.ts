import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@dasv/audit';
import { CarriedOver, CarriesOverOnSuccession, OrganisationAdministration, OrganisationSuccession, OrganisationSuccessionHandler } from '@dasv/organisations';
import { RoleSuccessionRepository } from './role-succession.repository';

/**
 * When an ODS import gives a closed organisation a successor, everyone's roles there move to the
 * successor in the import's transaction: the merged trust's admins administer the new one, and its
 * leads keep the DASV_LEAD role that goes with the lead rows libs/leads carries over.
 */
@Injectable()
@CarriesOverOnSuccession()
export class RoleSuccessionService implements OrganisationSuccessionHandler, OrganisationAdministration {
  constructor(
    private readonly roles: RoleSuccessionRepository,
    private readonly audit: AuditService,
  ) {}

  async carryOver(manager: EntityManager, successions: OrganisationSuccession[]): Promise<CarriedOver[]> {
    const carried = await this.roles.carryToSuccessors(manager, successions);
    await this.audit.record(
      manager,
      carried.map((role) => ({
        actorId: null,
        action: 'role.inherited',
        entityType: 'role_assignment',
        entityId: role.toRoleId,
        organisationId: role.toOrganisationId,
        details: { fromRoleId: role.fromRoleId, fromOrganisationId: role.fromOrganisationId, userId: role.userId, role: role.role, via: 'ods-import' },
      })),
    );
    return carried.map((role) => ({ fromOrganisationId: role.fromOrganisationId, toOrganisationId: role.toOrganisationId, item: `${role.role} role` }));
  }

  withoutAdministrator(manager: EntityManager, organisationIds: readonly string[]): Promise<string[]> {
    return this.roles.findWithoutAdministrator(manager, organisationIds);
  }
}
