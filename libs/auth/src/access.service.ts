import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ForbiddenError } from '@dasv/common';
import { AuthUser } from './auth-user';
import { AccessRepository } from './access.repository';
import { AuthErrorReason } from './auth.errors';
import { Permission, Role, rolesGranting } from './roles';

/**
 * The second half of authorisation: the guard has checked the caller's roles grant the permission
 * somewhere; this checks that every target organisation lies inside a subtree where they hold it.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  async requireOrganisations(me: AuthUser, permission: Permission, organisationIds: readonly string[], manager?: EntityManager): Promise<void> {
    const wanted = [...new Set(organisationIds)];
    const roles = this.rolesFor(me, permission);
    const allowed = roles.length ? await this.repository.organisationsInScope(me.id, roles, wanted, manager) : new Set<string>();
    if (wanted.some((id) => !allowed.has(id))) {
      throw new ForbiddenError('That organisation is outside the organisations you look after.', AuthErrorReason.OutOfScope);
    }
  }

  /** Which of these organisations the caller may act on with the permission, in one query. */
  async organisationsInScope(me: AuthUser, permission: Permission, organisationIds: readonly string[]): Promise<Set<string>> {
    const roles = this.rolesFor(me, permission);
    return roles.length ? this.repository.organisationsInScope(me.id, roles, organisationIds) : new Set();
  }

  async canAccessOrganisation(me: AuthUser, permission: Permission, organisationId: string): Promise<boolean> {
    const roles = this.rolesFor(me, permission);
    if (!roles.length) return false;
    return (await this.repository.organisationsInScope(me.id, roles, [organisationId])).has(organisationId);
  }

  /** The roles, among those the caller holds, that carry the permission. */
  rolesFor(me: AuthUser, permission: Permission): Role[] {
    const granting = new Set(rolesGranting(permission));
    return [...new Set(me.roles.map((r) => r.role).filter((r) => granting.has(r)))];
  }

  scopeCondition(column: string, userParam: string, rolesParam: string): string {
    return this.repository.scopeCondition(column, userParam, rolesParam);
  }
}
