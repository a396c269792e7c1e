import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inViewerScope, namedParameters, RoleAssignment, Role, User, Viewer } from '@dasv/auth';
import { CappedCount } from '@dasv/common';
import { containsPattern, deleteReturning } from '@dasv/database';

export interface UserListFilter {
  /** Whose UserRead scope the accounts' organisations lie in. */
  viewer: Viewer;
  withinOrganisationId?: string;
  search?: string;
  /** Only people who hold this role (anywhere). */
  role?: Role;
  first: number;
  after?: { sortKey: string; id: string };
}

/** Beyond this many matches a users list says "more than 10,000" rather than counting them all. */
export const USER_COUNT_CAP = 10_000;

/** Reads and writes of accounts and their roles, as seen by administrators. */
@Injectable()
export class UserDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: UserListFilter): Promise<{ rows: User[]; totalCount: CappedCount }> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    qb.where(inViewerScope(filter.viewer, 'u.organisation_id', namedParameters(qb)));
    if (filter.withinOrganisationId) {
      qb.andWhere('EXISTS (SELECT 1 FROM organisation_ancestor wa WHERE wa.ancestor_id = :within AND wa.descendant_id = u.organisation_id)', {
        within: filter.withinOrganisationId,
      });
    }
    if (filter.search) {
      // email::text, not the citext column, so that app_user_email_trgm_idx can answer it (ILIKE ignores case anyway).
      qb.andWhere('(u.name ILIKE :pattern OR u.email::text ILIKE :pattern)', { pattern: containsPattern(filter.search) });
    }
    if (filter.role) {
      qb.andWhere('EXISTS (SELECT 1 FROM role_assignment fr WHERE fr.user_id = u.id AND fr.role = :role)', { role: filter.role });
    }
    // A national admin's list spans every learner account: count at most USER_COUNT_CAP + 1 rows.
    const [countSql, countParams] = qb
      .clone()
      .select('1')
      .limit(USER_COUNT_CAP + 1)
      .getQueryAndParameters();
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${countSql}) matching`, countParams);
    const totalCount = { count: Math.min(n, USER_COUNT_CAP), isCapped: n > USER_COUNT_CAP };
    if (filter.after) qb.andWhere('(u.name, u.id) > (:afterName, :afterId)', { afterName: filter.after.sortKey, afterId: filter.after.id });
    const rows = await qb
      .orderBy('u.name')
      .addOrderBy('u.id')
      .limit(filter.first + 1)
      .getMany();
    return { rows, totalCount };
  }

  async rolesOf(userIds: readonly string[]): Promise<RoleAssignment[]> {
    if (userIds.length === 0) return [];
    return this.dataSource
      .getRepository(RoleAssignment)
      .createQueryBuilder('r')
      .where('r.user_id = ANY(:userIds)', { userIds })
      .orderBy('r.created_at')
      .getMany();
  }

  async createUser(manager: EntityManager, user: { email: string; name: string; jobTitle: string | null; organisationId: string }): Promise<User> {
    return manager.getRepository(User).save({ ...user, passwordHash: null, isActive: true });
  }

  /** Returns the new assignment, or null when the user already held that role there. */
  async addRole(manager: EntityManager, grant: { userId: string; organisationId: string; role: Role; grantedById: string }): Promise<RoleAssignment | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO role_assignment (user_id, organisation_id, role, granted_by_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT role_assignment_user_org_role_key DO NOTHING RETURNING id`,
      [grant.userId, grant.organisationId, grant.role, grant.grantedById],
    );
    return rows.length ? manager.getRepository(RoleAssignment).findOneByOrFail({ id: rows[0].id }) : null;
  }

  /**
   * The accounts for these addresses (compared case-insensitively), creating at `organisationId` those
   * that do not exist yet. One INSERT and one SELECT, whatever the number of people.
   */
  async findOrCreateUsers(
    manager: EntityManager,
    organisationId: string,
    people: ReadonlyArray<{ email: string; name: string; jobTitle: string | null }>,
  ): Promise<Array<{ id: string; email: string; hasPassword: boolean; isNew: boolean }>> {
    if (people.length === 0) return [];
    const created: Array<{ id: string }> = await manager.query(
      `INSERT INTO app_user (email, name, job_title, organisation_id)
       SELECT v.email, v.name, v.job_title, $4 FROM unnest($1::citext[], $2::text[], $3::text[]) AS v(email, name, job_title)
       ON CONFLICT ON CONSTRAINT app_user_email_key DO NOTHING RETURNING id`,
      [people.map((p) => p.email), people.map((p) => p.name), people.map((p) => p.jobTitle), organisationId],
    );
    const createdIds = new Set(created.map((r) => r.id));
    const rows: Array<{ id: string; email: string; has_password: boolean }> = await manager.query(
      `SELECT id, email, password_hash IS NOT NULL AS has_password FROM app_user WHERE email = ANY($1::citext[])`,
      [people.map((p) => p.email)],
    );
    return rows.map((r) => ({ id: r.id, email: r.email, hasPassword: r.has_password, isNew: createdIds.has(r.id) }));
  }

  /** Inside the caller's transaction, so accounts it has just created are seen. */
  async findUsers(manager: EntityManager, ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return manager.getRepository(User).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids }).getMany();
  }

  /** Gives each user the role at the organisation; returns the users who did not hold it already. */
  async addRoles(
    manager: EntityManager,
    grant: { userIds: readonly string[]; organisationId: string; role: Role; grantedById: string | null },
  ): Promise<string[]> {
    if (grant.userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await manager.query(
      `INSERT INTO role_assignment (user_id, organisation_id, role, granted_by_id)
       SELECT u, $2, $3, $4 FROM unnest($1::uuid[]) AS u
       ON CONFLICT ON CONSTRAINT role_assignment_user_org_role_key DO NOTHING RETURNING user_id`,
      [grant.userIds, grant.organisationId, grant.role, grant.grantedById],
    );
    return rows.map((r) => r.user_id);
  }

  /** Takes the role at the organisation from each user; returns those who held it. */
  async removeRoles(manager: EntityManager, grant: { userIds: readonly string[]; organisationId: string; role: Role }): Promise<string[]> {
    if (grant.userIds.length === 0) return [];
    const rows = await deleteReturning<{ user_id: string }>(
      manager,
      `DELETE FROM role_assignment WHERE user_id = ANY($1::uuid[]) AND organisation_id = $2 AND role = $3 RETURNING user_id`,
      [grant.userIds, grant.organisationId, grant.role],
    );
    return rows.map((r) => r.user_id);
  }

  /** How many people other than `exceptUserId` hold the role and can sign in: the last national admin must not be removed. */
  async countOtherHolders(manager: EntityManager, role: Role, exceptUserId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(DISTINCT r.user_id)::int AS n FROM role_assignment r JOIN app_user u ON u.id = r.user_id
       WHERE r.role = $1 AND r.user_id <> $2 AND u.is_active AND u.password_hash IS NOT NULL`,
      [role, exceptUserId],
    );
    return n;
  }

  /** Locks the role's rows so that two admins removing the last two national admins at once cannot both succeed. */
  async lockHolders(manager: EntityManager, role: Role): Promise<void> {
    await manager.query(`SELECT id FROM role_assignment WHERE role = $1 FOR UPDATE`, [role]);
  }

  findAssignment(id: string, manager: EntityManager): Promise<RoleAssignment | null> {
    return manager.getRepository(RoleAssignment).findOne({ where: { id } });
  }

  async removeAssignment(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RoleAssignment).delete({ id });
  }
}
