import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from '@dasv/database';
import { inViewerScope, Viewer } from '@dasv/auth';
import { SqlParams } from './sql-params';

/**
 * How much a misspelt name may differ from a real one and still be found (pg_trgm word similarity,
 * 0 to 1). The default of 0.6 misses one slip in a short surname ("Patle" for Patel scores 0.5);
 * below 0.4 unrelated names start to match.
 */
const NAME_SIMILARITY_THRESHOLD = 0.4;

/**
 * Who is looking, for working out whose contact details they may see: their roles are those that
 * make them an administrator of a lead's organisation (its subtree).
 */
export type DirectoryViewer = Viewer;

export interface DirectoryFilter {
  name?: string;
  /** An ODS code, or part of a name, of the organisation the lead is a lead at. */
  organisation?: string;
  /** Organisations (an ICB, a region) the lead's organisation must lie at or beneath; all of them. */
  withinIds: string[];
  leadRole?: string;
}

/** A person as stored, before DirectoryService decides which contact details the viewer sees. */
export interface DirectoryPersonRow {
  id: string;
  name: string;
  jobTitle: string | null;
  email: string;
  organisationId: string;
  isActive: boolean;
  phone: string | null;
  bio: string;
  areasOfInterest: string[];
  showEmail: boolean;
  showPhone: boolean;
  /** The viewer is this person, or administers their organisation or one they are a lead at. */
  seesContact: boolean;
  /** Has ever been a lead somewhere. */
  hasLed: boolean;
}

export interface RankedPersonRow extends DirectoryPersonRow {
  /** 1 when the name contains the search as typed, 0 when it only resembles it or matched an interest; 1 without a search. */
  rank: number;
}

export interface DirectoryExportRow {
  userId: string;
  name: string;
  jobTitle: string | null;
  email: string;
  phone: string | null;
  showEmail: boolean;
  showPhone: boolean;
  seesContact: boolean;
  leadRole: string;
  startedAt: Date;
  organisationOdsCode: string;
  organisationName: string;
  icbOdsCode: string | null;
  icbName: string | null;
  regionOdsCode: string | null;
  regionName: string | null;
}

/**
 * The directory's reads, across accounts, profiles, leads and organisations. Every filter is SQL;
 * a search runs on app_user's trigram index (ILIKE and the word-similarity operator `<%`) and
 * on the same operators over the leads' areas of interest.
 * Reads only: dasv_lead and lead_profile change through the leads library (LeadsService).
 */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Active people who are a current lead matching the filter, partial name matches before
   * near-misses, then by name. `manager` must be a transaction: the similarity threshold is set for it alone.
   */
  async search(
    manager: EntityManager,
    query: { filter: DirectoryFilter; viewer: DirectoryViewer; first: number; after?: { rank: number; name: string; id: string } },
  ): Promise<{ rows: RankedPersonRow[]; totalCount: number }> {
    const params = new SqlParams();
    const where = [
      'u.is_active',
      `EXISTS (SELECT 1 FROM dasv_lead l JOIN organisation lo ON lo.id = l.organisation_id WHERE l.user_id = u.id AND l.ended_at IS NULL${this.leadConditions(query.filter, params)})`,
    ];
    const rank = await this.nameMatch(manager, query.filter.name, params, where);

    const [{ n: totalCount }] = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM app_user u WHERE ${where.join(' AND ')}`,
      params.values,
    );
    if (query.after) {
      const afterRank = params.add(query.after.rank, '::int');
      where.push(
        `(${rank} < ${afterRank} OR (${rank} = ${afterRank} AND (u.name, u.id) > (${params.add(query.after.name, '::text')}, ${params.add(query.after.id, '::uuid')})))`,
      );
    }
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${this.personColumns(query.viewer, params)}, ${rank} AS rank
       FROM app_user u LEFT JOIN lead_profile p ON p.user_id = u.id
       WHERE ${where.join(' AND ')}
       ORDER BY rank DESC, u.name, u.id
       LIMIT ${params.add(query.first + 1, '::int')}`,
      params.values,
    );
    return { rows: rows.map((r) => ({ ...this.personOf(r), rank: r.rank as number })), totalCount };
  }

  /** The given people, whether or not they are leads now, in no particular order. */
  async findPeople(userIds: readonly string[], viewer: DirectoryViewer, manager?: EntityManager): Promise<DirectoryPersonRow[]> {
    if (userIds.length === 0) return [];
    const params = new SqlParams();
    const ids = params.add(userIds, '::uuid[]');
    const rows: Array<Record<string, unknown>> = await (manager ?? this.dataSource.manager).query(
      `SELECT ${this.personColumns(viewer, params)}
       FROM app_user u LEFT JOIN lead_profile p ON p.user_id = u.id
       WHERE u.id = ANY(${ids})`,
      params.values,
    );
    return rows.map((r) => this.personOf(r));
  }

  /**
   * One row per current lead role matching the filter at an organisation inside `scope` (the
   * exporter's subtree), with the ICB and region above it, in the order of the hierarchy: each
   * region's own leads, then each ICB's, then its trusts'.
   */
  async exportRows(manager: EntityManager, query: { filter: DirectoryFilter; viewer: DirectoryViewer; scope: Viewer }): Promise<DirectoryExportRow[]> {
    const params = new SqlParams();
    const where = ['l.ended_at IS NULL', 'u.is_active'];
    const scoped = inViewerScope(query.scope, 'l.organisation_id', (value) => params.add(value));
    await this.nameMatch(manager, query.filter.name, params, where);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT u.id AS user_id, u.name, u.job_title, u.email::text AS email, p.phone,
              COALESCE(p.show_email, true) AS show_email, COALESCE(p.show_phone, false) AS show_phone,
              ${this.contactVisible(query.viewer, params)} AS sees_contact,
              l.lead_role, l.started_at, lo.ods_code AS organisation_ods_code, lo.name AS organisation_name,
              icb.ods_code AS icb_ods_code, icb.name AS icb_name, region.ods_code AS region_ods_code, region.name AS region_name
       FROM dasv_lead l
       JOIN app_user u ON u.id = l.user_id
       JOIN organisation lo ON lo.id = l.organisation_id
       LEFT JOIN lead_profile p ON p.user_id = u.id
       LEFT JOIN LATERAL (SELECT o.ods_code, o.name FROM organisation_ancestor a JOIN organisation o ON o.id = a.ancestor_id
                          WHERE a.descendant_id = l.organisation_id AND o.type = 'ICB') icb ON true
       LEFT JOIN LATERAL (SELECT o.ods_code, o.name FROM organisation_ancestor a JOIN organisation o ON o.id = a.ancestor_id
                          WHERE a.descendant_id = l.organisation_id AND o.type = 'REGION') region ON true
       WHERE ${where.join(' AND ')} AND ${scoped}${this.leadConditions(query.filter, params)}
       ORDER BY region.name NULLS FIRST, icb.name NULLS FIRST, array_position(ARRAY['NATIONAL', 'REGION', 'ICB', 'TRUST'], lo.type), lo.name, l.lead_role, u.name, l.id`,
      params.values,
    );
    return rows.map((r) => ({
      userId: r.user_id as string,
      name: r.name as string,
      jobTitle: r.job_title as string | null,
      email: r.email as string,
      phone: r.phone as string | null,
      showEmail: r.show_email as boolean,
      showPhone: r.show_phone as boolean,
      seesContact: r.sees_contact as boolean,
      leadRole: r.lead_role as string,
      startedAt: r.started_at as Date,
      organisationOdsCode: r.organisation_ods_code as string,
      organisationName: r.organisation_name as string,
      icbOdsCode: r.icb_ods_code as string | null,
      icbName: r.icb_name as string | null,
      regionOdsCode: r.region_ods_code as string | null,
      regionName: r.region_name as string | null,
    }));
  }

  /** Conditions on a lead row `l` at organisation `lo`, each starting with AND. */
  private leadConditions(filter: DirectoryFilter, params: SqlParams): string {
    let sql = '';
    if (filter.organisation) {
      // The name is matched on organisation's trigram index; a code only exactly.
      sql += ` AND (lo.ods_code = ${params.add(filter.organisation.toUpperCase(), '::text')} OR lo.name ILIKE ${params.add(containsPattern(filter.organisation), '::text')})`;
    }
    for (const id of filter.withinIds) {
      sql += ` AND EXISTS (SELECT 1 FROM organisation_ancestor a WHERE a.ancestor_id = ${params.add(id, '::uuid')} AND a.descendant_id = l.organisation_id)`;
    }
    if (filter.leadRole) sql += ` AND l.lead_role = ${params.add(filter.leadRole, '::text')}`;
    return sql;
  }

  /** Adds the name condition (when searching) and returns the rank expression that orders its matches. */
  private async nameMatch(manager: EntityManager, name: string | undefined, params: SqlParams, where: string[]): Promise<string> {
    if (!name) return '1';
    await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(NAME_SIMILARITY_THRESHOLD)]);
    const pattern = params.add(containsPattern(name), '::text');
    const typed = params.add(name, '::text');
    // A search finds people by name, or by what they list as their areas of interest ("coercive
    // control", "sexual safety"), each in the same way: as typed, or nearly. Leads are a few
    // thousand, so their interests are read through lead_profile's key, one person at a time.
    where.push(
      `(u.name ILIKE ${pattern} OR ${typed} <% u.name
        OR EXISTS (SELECT 1 FROM lead_profile ip, unnest(ip.areas_of_interest) AS interest
                   WHERE ip.user_id = u.id AND (interest ILIKE ${pattern} OR ${typed} <% interest)))`,
    );
    return `(CASE WHEN u.name ILIKE ${pattern} THEN 1 ELSE 0 END)`;
  }

  // A person without a lead_profile row has the column defaults of prisma-free-migrations/004.
  private personColumns(viewer: DirectoryViewer, params: SqlParams): string {
    return `u.id, u.name, u.job_title, u.email::text AS email, u.organisation_id, u.is_active,
            p.phone, COALESCE(p.bio, '') AS bio, COALESCE(p.areas_of_interest, '{}'::text[]) AS areas_of_interest,
            COALESCE(p.show_email, true) AS show_email, COALESCE(p.show_phone, false) AS show_phone,
            ${this.contactVisible(viewer, params)} AS sees_contact,
            EXISTS (SELECT 1 FROM dasv_lead hl WHERE hl.user_id = u.id) AS has_led`;
  }

  /** The person `u` is the viewer, or the viewer administers their organisation or one they lead at. */
  private contactVisible(viewer: DirectoryViewer, params: SqlParams): string {
    const me = params.add(viewer.userId, '::uuid');
    if (viewer.roles.length === 0) return `(u.id = ${me})`;
    const bind = (value: unknown) => params.add(value);
    return `(u.id = ${me} OR ${inViewerScope(viewer, 'u.organisation_id', bind)}
             OR EXISTS (SELECT 1 FROM dasv_lead cl WHERE cl.user_id = u.id AND cl.ended_at IS NULL AND ${inViewerScope(viewer, 'cl.organisation_id', bind)}))`;
  }

  private personOf(r: Record<string, unknown>): DirectoryPersonRow {
    return {
      id: r.id as string,
      name: r.name as string,
      jobTitle: r.job_title as string | null,
      email: r.email as string,
      organisationId: r.organisation_id as string,
      isActive: r.is_active as boolean,
      phone: r.phone as string | null,
      bio: r.bio as string,
      areasOfInterest: r.areas_of_interest as string[],
      showEmail: r.show_email as boolean,
      showPhone: r.show_phone as boolean,
      seesContact: r.sees_contact as boolean,
      hasLed: r.has_led as boolean,
    };
  }
}
