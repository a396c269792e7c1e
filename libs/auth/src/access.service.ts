import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '@dasv/common';
import type { Organisation } from '@dasv/organisations';
import { AuthUser } from './auth-user';
import { Viewer } from './access-scope';
import { AccessRepository } from './access.repository';
import { authError } from './auth.errors';
import { Permission, Role, rolesGranting } from './roles';

const OUT_OF_SCOPE = 'That organisation is outside the organisations you look after.';

/** How a use case names the organisation it acts on by ODS code, and refuses a code that names none. */
export interface OrganisationLookup {
  /**
   * The refusal of a code that names no organisation (or, with `open`, no open one), made from the
   * message "No [open] organisation has ODS code …": each feature publishes its own reason for it.
   */
  unknown: (message: string) => AppError;
  /** Only an open organisation will do; a closed one is refused as unknown. */
  open?: boolean;
  manager?: EntityManager;
}

export interface ScopeCheck {
  /** The message of the AUTH_OUT_OF_SCOPE refusal, where the use case says what is outside (a user, an address). */
  message?: string;
  manager?: EntityManager;
}

/**
 * The second half of authorisation: the guard has checked the caller's roles grant the permission
 * somewhere; this checks that every target organisation lies inside a subtree where they hold it
 * (cf. immich's requireAccess). Outside is always FORBIDDEN with AUTH_OUT_OF_SCOPE.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /**
   * The organisation an ODS code names, if the caller holds the permission there: the prologue of
   * every use case that acts on one organisation. Unknown: the lookup's refusal; outside the caller's
   * subtree: AUTH_OUT_OF_SCOPE. One query for both.
   */
  async requireOrganisation(me: AuthUser, permission: Permission, odsCode: string, lookup: OrganisationLookup): Promise<Organisation> {
    const found = await this.repository.organisationByOdsCode(odsCode, this.viewer(me, permission), lookup.manager);
    const organisation = this.known(odsCode, found?.organisation, lookup);
    if (!found?.isInScope) throw authError('OutOfScope', OUT_OF_SCOPE);
    return organisation;
  }

  /**
   * The organisation an ODS code names, before any scope: for use cases whose own rules must answer
   * first (a role that cannot be held there, granted by requireOrganisations later), or that have no
   * caller to scope (registration).
   */
  async findOrganisation(odsCode: string, lookup: OrganisationLookup): Promise<Organisation> {
    const found = await this.repository.organisationByOdsCode(odsCode, null, lookup.manager);
    return this.known(odsCode, found?.organisation, lookup);
  }

  /** Fails with AUTH_OUT_OF_SCOPE unless every one of these organisations is inside the caller's scope for the permission. */
  async requireOrganisations(me: AuthUser, permission: Permission, organisationIds: readonly string[], options: ScopeCheck = {}): Promise<void> {
    const allowed = await this.repository.organisationsInScope(this.viewer(me, permission), organisationIds, options.manager);
    if (organisationIds.some((id) => !allowed.has(id))) throw authError('OutOfScope', options.message ?? OUT_OF_SCOPE);
  }

  /** Which of these organisations the caller may act on with the permission, in one query. */
  organisationsInScope(me: AuthUser, permission: Permission, organisationIds: readonly string[]): Promise<Set<string>> {
    return this.repository.organisationsInScope(this.viewer(me, permission), organisationIds);
  }

  async canAccessOrganisation(me: AuthUser, permission: Permission, organisationId: string): Promise<boolean> {
    return (await this.organisationsInScope(me, permission, [organisationId])).has(organisationId);
  }

  /** The caller as a list scoped to the permission sees it: repositories filter by it (inViewerScope). */
  viewer(me: AuthUser, permission: Permission): Viewer {
    return { userId: me.id, roles: this.rolesFor(me, permission) };
  }

  /** The roles, among those the caller holds, that carry the permission. */
  rolesFor(me: AuthUser, permission: Permission): Role[] {
    const granting = new Set(rolesGranting(permission));
    return [...new Set(me.roles.map((r) => r.role).filter((r) => granting.has(r)))];
  }

  private known(odsCode: string, organisation: Organisation | undefined, lookup: OrganisationLookup): Organisation {
    if (!organisation || (lookup.open && !organisation.isActive)) {
      throw lookup.unknown(`No ${lookup.open ? 'open ' : ''}organisation has ODS code ${odsCode.toUpperCase()}.`);
    }
    return organisation;
  }
}
