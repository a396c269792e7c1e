import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
// Only the type: the organisation table is read here by name, because the organisations library
// itself depends on this one (for permissions) and must not be loaded by it.
import type { Organisation } from '@dasv/organisations';
import { inViewerScope, namedParameters, positionalParameters, Viewer } from './access-scope';

/** Set-based scope checks: one indexed join of role_assignment with the organisation closure (inViewerScope). */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which of `organisationIds` lie at or below an organisation where the viewer holds one of their roles. */
  async organisationsInScope(viewer: Viewer, organisationIds: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    if (organisationIds.length === 0 || viewer.roles.length === 0) return new Set();
    const params: unknown[] = [[...new Set(organisationIds)]];
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT t.id FROM unnest($1::uuid[]) AS t(id) WHERE ${inViewerScope(viewer, 't.id', positionalParameters(params))}`,
      params,
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The organisation with this ODS code, and whether it lies in the viewer's scope, in one query;
   * null when no organisation has the code.
   */
  async organisationByOdsCode(
    odsCode: string,
    viewer: Viewer | null,
    manager?: EntityManager,
  ): Promise<{ organisation: Organisation; isInScope: boolean } | null> {
    const qb = (manager ?? this.dataSource.manager)
      .getRepository<Organisation>('organisation')
      .createQueryBuilder('o')
      .where('o.ods_code = :odsCode', { odsCode: odsCode.toUpperCase() });
    qb.addSelect(viewer?.roles.length ? inViewerScope(viewer, 'o.id', namedParameters(qb)) : 'false', 'is_in_scope');
    const { entities, raw } = await qb.getRawAndEntities<{ is_in_scope: boolean }>();
    return entities.length ? { organisation: entities[0], isInScope: raw[0].is_in_scope } : null;
  }
}
