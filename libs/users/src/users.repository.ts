import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoleAssignment, Role, User } from '@dasv/auth';

export interface UserListFilter {
  viewerId: string;
  viewerRoles: Role[];
  withinOrganisationId?: string;
  search?: string;
  first: number;
  after?: { sortKey: string; id: string };
}

/** Reads and writes of accounts and their roles, as seen by administrators. */
@Injectable()
export class UserDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: UserListFilter, scopeSql: string): Promise<{ rows: User[]; totalCount: number }> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').where(scopeSql, { viewerId: filter.viewerId, viewerRoles: filter.viewerRoles });
    if (filter.withinOrganisationId) {
      qb.andWhere('EXISTS (SELECT 1 FROM organisation_ancestor wa WHERE wa.ancestor_id = :within AND wa.descendant_id = u.organisation_id)', {
        within: filter.withinOrganisationId,
      });
    }
    if (filter.search) {
      qb.andWhere('(u.name ILIKE :pattern OR u.email ILIKE :pattern)', { pattern: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const totalCount = await qb.clone().getCount();
    if (filter.after) qb.andWhere('(u.name, u.id) > (:afterName, :afterId)', { afterName: filter.after.sortKey, afterId: filter.after.id });
    const rows = await qb.orderBy('u.name').addOrderBy('u.id').limit(filter.first + 1).getMany();
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

  findAssignment(id: string, manager: EntityManager): Promise<RoleAssignment | null> {
    return manager.getRepository(RoleAssignment).findOne({ where: { id } });
  }

  async removeAssignment(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RoleAssignment).delete({ id });
  }
}
