import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from '@dasv/database';
import { inViewerScope, positionalParameters, Viewer } from '@dasv/auth';
import { HeadcountSource } from '@dasv/completions';
import { Organisation, OrganisationType } from '@dasv/organisations';
import { Headcount } from './models/learners.models';

export interface ManagedOrganisationRow {
  organisation: Organisation;
  headcount: Headcount | null;
}

export interface ManagedOrganisationFilter {
  /** Whose LearnerManage scope the organisations lie in. */
  viewer: Viewer;
  search?: string;
  first: number;
  after?: { sortKey: string; id: string };
}

/** NHS England first, then regions, ICBs and trusts: an admin's own organisation heads their list. */
const TYPE_RANK = `CASE o.type WHEN '${OrganisationType.NATIONAL}' THEN 0 WHEN '${OrganisationType.REGION}' THEN 1 WHEN '${OrganisationType.ICB}' THEN 2 ELSE 3 END`;

type HeadcountRow = { headcount: number | null; source: string | null; updated_at: Date | null; updated_by_name: string | null };

function headcountOf(r: HeadcountRow): Headcount | null {
  return r.headcount === null ? null : { headcount: r.headcount, source: r.source!, updatedAt: r.updated_at!, updatedByName: r.updated_by_name };
}

/** organisation_headcount: the denominator of each organisation's completion rate. */
@Injectable()
export class HeadcountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(organisationId: string, manager: EntityManager = this.dataSource.manager): Promise<Headcount | null> {
    const rows: HeadcountRow[] = await manager.query(
      `SELECT h.headcount, h.source, h.updated_at, u.name AS updated_by_name
       FROM organisation_headcount h LEFT JOIN app_user u ON u.id = h.updated_by_id
       WHERE h.organisation_id = $1`,
      [organisationId],
    );
    return rows.length ? headcountOf(rows[0]) : null;
  }

  /** Sets the headcount and returns the one it replaces (null if there was none), in the caller's transaction. */
  async set(
    manager: EntityManager,
    value: { organisationId: string; headcount: number; source: HeadcountSource; now: Date; userId: string },
  ): Promise<number | null> {
    // Locked first, so two admins saving at once each audit the value they really replaced.
    const previous: Array<{ headcount: number }> = await manager.query(`SELECT headcount FROM organisation_headcount WHERE organisation_id = $1 FOR UPDATE`, [
      value.organisationId,
    ]);
    await manager.query(
      `INSERT INTO organisation_headcount AS h (organisation_id, headcount, source, updated_at, updated_by_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT organisation_headcount_pkey DO UPDATE
         SET headcount = EXCLUDED.headcount, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id`,
      [value.organisationId, value.headcount, value.source, value.now, value.userId],
    );
    return previous[0]?.headcount ?? null;
  }

  /** Open organisations in the viewer's scope, with their headcounts. */
  async listManaged(filter: ManagedOrganisationFilter): Promise<{ rows: ManagedOrganisationRow[]; totalCount: number }> {
    const params: unknown[] = [];
    const where = [`o.is_active`, inViewerScope(filter.viewer, 'o.id', positionalParameters(params))];
    if (filter.search) {
      params.push(containsPattern(filter.search), filter.search.toUpperCase());
      where.push(`(o.name ILIKE $${params.length - 1} OR o.ods_code = $${params.length})`);
    }
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisation o WHERE ${where.join(' AND ')}`,
      params,
    );
    if (filter.after) {
      const [rank, name] = splitSortKey(filter.after.sortKey);
      params.push(rank, name, filter.after.id);
      where.push(`(${TYPE_RANK}, o.name, o.id) > ($${params.length - 2}::int, $${params.length - 1}::text, $${params.length}::uuid)`);
    }
    params.push(filter.first + 1);
    const rows: Array<
      HeadcountRow & {
        id: string;
        ods_code: string;
        name: string;
        type: OrganisationType;
        kind: string | null;
        parent_id: string | null;
        is_active: boolean;
        closed_on: string | null;
        rank: number;
      }
    > = await this.dataSource.query(
      `SELECT o.id, o.ods_code, o.name, o.type, o.kind, o.parent_id, o.is_active, o.closed_on, ${TYPE_RANK} AS rank,
                h.headcount, h.source, h.updated_at, u.name AS updated_by_name
         FROM organisation o
         LEFT JOIN organisation_headcount h ON h.organisation_id = o.id
         LEFT JOIN app_user u ON u.id = h.updated_by_id
         WHERE ${where.join(' AND ')}
         ORDER BY rank, o.name, o.id
         LIMIT $${params.length}`,
      params,
    );
    return {
      totalCount: total,
      rows: rows.map((r) => ({
        organisation: this.dataSource.getRepository(Organisation).create({
          id: r.id,
          odsCode: r.ods_code,
          name: r.name,
          type: r.type,
          kind: r.kind,
          parentId: r.parent_id,
          isActive: r.is_active,
          closedOn: r.closed_on,
        }),
        headcount: headcountOf(r),
      })),
    };
  }
}

/** Keyset cursors over (type rank, name): the sort key is "<rank>:<name>". */
export function sortKeyOf(row: ManagedOrganisationRow): string {
  const rank = [OrganisationType.NATIONAL, OrganisationType.REGION, OrganisationType.ICB, OrganisationType.TRUST].indexOf(row.organisation.type);
  return `${rank}:${row.organisation.name}`;
}

function splitSortKey(sortKey: string): [number, string] {
  const at = sortKey.indexOf(':');
  return [Number(sortKey.slice(0, at)) || 0, sortKey.slice(at + 1)];
}
