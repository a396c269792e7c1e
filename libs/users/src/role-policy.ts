import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadUserInputError, ForbiddenError } from '@dasv/common';
import { AccessService, AuthErrorReason, AuthUser, Permission, Role, ROLE_ORGANISATION_TYPES, ROLE_RANK } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { UsersErrorReason } from './users.errors';

/** The rules for putting a role on someone, shared by invitations and grants. */
@Injectable()
export class RolePolicy {
  constructor(private readonly access: AccessService) {}

  async requireGrantable(me: AuthUser, role: Role, organisation: Organisation, permission: Permission, manager?: EntityManager): Promise<void> {
    if (!ROLE_ORGANISATION_TYPES[role].includes(organisation.type)) {
      throw new BadUserInputError(
        `${role} cannot be held at a ${organisation.type.toLowerCase()}.`,
        { role: [`${role} cannot be held at ${organisation.name}`] },
        UsersErrorReason.RoleNotAllowedAtOrganisation,
      );
    }
    if (!this.grantableRoles(me).includes(role)) {
      throw new ForbiddenError('You cannot give someone a role above your own.', AuthErrorReason.RoleTooHigh);
    }
    await this.access.requireOrganisations(me, permission, [organisation.id], manager);
  }

  /** Roles no higher than the caller's highest: the ones an invitation form may offer them. */
  grantableRoles(me: AuthUser): Role[] {
    const highest = Math.max(0, ...me.roles.map((r) => ROLE_RANK[r.role]));
    return Object.values(Role).filter((role) => ROLE_RANK[role] <= highest);
  }
}
