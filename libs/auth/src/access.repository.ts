import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from './roles';

/** Set-based scope checks: one indexed join of role_assignment with the organisation closure. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which of `organisationIds` lie at or below an organisation where the user holds one of `roles`. */
  async organisationsInScope(userId: string, roles: readonly Role[], organisationIds: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    if (organisationIds.length === 0 || roles.length === 0) return new Set();
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT DISTINCT a.descendant_id AS id
       FROM role_assignment r
       JOIN organisation_ancestor a ON a.ancestor_id = r.organisation_id
       WHERE r.user_id = $1 AND r.role = ANY($2::text[]) AND a.descendant_id = ANY($3::uuid[])`,
      [userId, roles, organisationIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * SQL condition restricting `column` (an organisation id) to the caller's scope for the given roles;
   * list queries add it to their WHERE so that filtering happens in the database, not after loading.
   */
  scopeCondition(column: string, userParam: string, rolesParam: string): string {
    return `EXISTS (SELECT 1 FROM role_assignment sr JOIN organisation_ancestor sa ON sa.ancestor_id = sr.organisation_id
                    WHERE sr.user_id = ${userParam} AND sr.role = ANY(${rolesParam}) AND sa.descendant_id = ${column})`;
  }
}
