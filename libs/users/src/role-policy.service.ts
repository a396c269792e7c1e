import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, authError, AuthUser, Permission, Role, ROLE_ORGANISATION_TYPES, ROLE_RANK } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { usersError } from './users.errors';

/** The rules for putting a role on someone, shared by invitations and grants. */
@Injectable()
export class RolePolicyService {
  constructor(private readonly access: AccessService) {}

  /**
   * The open organisation a role is to be held at. Its scope is checked by requireGrantable, after
   * the role's own rules: a role too high is refused as such wherever it was asked for.
   */
  organisation(odsCode: string): Promise<Organisation> {
    return this.access.findOrganisation(odsCode, {
      unknown: (message) => usersError('UnknownOrganisation', message, { organisationOdsCode: ['Enter the ODS code of an open NHS organisation'] }),
      open: true,
    });
  }

  async requireGrantable(me: AuthUser, role: Role, organisation: Organisation, permission: Permission, manager?: EntityManager): Promise<void> {
    if (!ROLE_ORGANISATION_TYPES[role].includes(organisation.type)) {
      throw usersError('RoleNotAllowedAtOrganisation', `${role} cannot be held at a ${organisation.type.toLowerCase()}.`, {
        role: [`${role} cannot be held at ${organisation.name}`],
      });
    }
    if (!this.grantableRoles(me).includes(role)) {
      throw authError('RoleTooHigh', 'You cannot give someone a role above your own.');
    }
    await this.access.requireOrganisations(me, permission, [organisation.id], { manager });
  }

  /** Roles no higher than the caller's highest: the ones an invitation form may offer them. */
  grantableRoles(me: AuthUser): Role[] {
    const highest = Math.max(0, ...me.roles.map((r) => ROLE_RANK[r.role]));
    return Object.values(Role).filter((role) => ROLE_RANK[role] <= highest);
  }
}
