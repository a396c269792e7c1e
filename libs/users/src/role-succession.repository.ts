import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@dasv/auth';

/** A role moved from a closed organisation to the one that took over its work. */
export interface CarriedRole {
  fromRoleId: string;
  fromOrganisationId: string;
  /** The role at the successor: new, or the one the person already held there. */
  toRoleId: string;
  toOrganisationId: string;
  userId: string;
  role: Role;
}

const ADMIN_ROLES: readonly Role[] = [Role.NATIONAL_ADMIN, Role.REGIONAL_ADMIN, Role.ICB_ADMIN, Role.ORG_ADMIN];

/** The ODS import's writes to role_assignment, and its question about administrators. Plain SQL: the import CLI loads no entities of this library. */
@Injectable()
export class RoleSuccessionRepository {
  /**
   * Moves every role held at each predecessor to its successor in one statement: the grant at the
   * successor is new (granted by nobody: the import), or the one the person already held there;
   * the grant at the closed organisation goes, so it no longer reaches what is left beneath it.
   */
  async carryToSuccessors(manager: EntityManager, successions: ReadonlyArray<{ predecessorId: string; successorId: string }>): Promise<CarriedRole[]> {
    if (successions.length === 0) return [];
    const rows: Array<Record<string, string>> = await manager.query(
      `WITH moving AS (
         SELECT r.id, r.user_id, r.organisation_id, r.role, s.successor_id
         FROM role_assignment r JOIN unnest($1::uuid[], $2::uuid[]) AS s(predecessor_id, successor_id) ON s.predecessor_id = r.organisation_id
       ),
       inserted AS (
         INSERT INTO role_assignment (user_id, organisation_id, role, granted_by_id)
         SELECT user_id, successor_id, role, NULL FROM moving
         ON CONFLICT (user_id, organisation_id, role) DO NOTHING
         RETURNING id, user_id, organisation_id, role
       ),
       removed AS (
         DELETE FROM role_assignment r USING moving m WHERE r.id = m.id RETURNING r.id
       )
       SELECT m.id AS from_role_id, m.organisation_id AS from_organisation_id, m.successor_id AS to_organisation_id, m.user_id, m.role,
              COALESCE(i.id, held.id) AS to_role_id
       FROM moving m
       JOIN removed d ON d.id = m.id
       LEFT JOIN inserted i ON i.user_id = m.user_id AND i.organisation_id = m.successor_id AND i.role = m.role
       LEFT JOIN role_assignment held ON held.user_id = m.user_id AND held.organisation_id = m.successor_id AND held.role = m.role
       ORDER BY m.organisation_id, m.role, m.user_id`,
      [successions.map((s) => s.predecessorId), successions.map((s) => s.successorId)],
    );
    return rows.map((r) => ({
      fromRoleId: r.from_role_id,
      fromOrganisationId: r.from_organisation_id,
      toRoleId: r.to_role_id,
      toOrganisationId: r.to_organisation_id,
      userId: r.user_id,
      role: r.role as Role,
    }));
  }

  /** Those of the organisations where no active account holds an admin role at the organisation itself. */
  async findWithoutAdministrator(manager: EntityManager, organisationIds: readonly string[]): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT o.id FROM unnest($1::uuid[]) AS o(id)
       WHERE NOT EXISTS (
         SELECT 1 FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.is_active
         WHERE r.organisation_id = o.id AND r.role = ANY($2::text[]))`,
      [organisationIds, ADMIN_ROLES],
    );
    return rows.map((r) => r.id);
  }
}
