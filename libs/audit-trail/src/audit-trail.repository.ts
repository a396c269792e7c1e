import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inViewerScope, positionalParameters, Viewer } from '@dasv/auth';
import { AuditActor, AuditEventView } from './models/audit-event.model';

export interface AuditEventFilter {
  /** Whose scope the events lie in; null for callers who may see the whole log, events of no organisation included. */
  scope: Viewer | null;
  withinOrganisationId?: string;
  action?: string;
  actorEmail?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditCursor {
  occurredAt: string;
  id: string;
}

interface AuditEventRow {
  id: string;
  occurred_at: Date;
  cursor_time: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

/** Reads of the append-only audit_event table, newest first, each page off audit_event_occurred_at_idx. */
@Injectable()
export class AuditTrailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page after the (occurred_at, id) cursor, with one row more than asked to tell whether more follow. */
  async page(filter: AuditEventFilter, first: number, after?: AuditCursor): Promise<AuditEventView[]> {
    const { where, params } = conditionsOf(filter);
    if (after) {
      // A row comparison the index can start from, so page 500 costs what page 1 does (no OFFSET).
      where.push(`(e.occurred_at, e.id) < (${push(params, after.occurredAt)}::timestamptz, ${push(params, after.id)}::bigint)`);
    }
    const rows: AuditEventRow[] = await this.dataSource.query(
      `SELECT e.id::text AS id, e.occurred_at,
              to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_time,
              e.actor_id, e.action, e.entity_type, e.entity_id, e.organisation_id, e.details, e.request_id
       FROM audit_event e
       WHERE ${where.join(' AND ')}
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT ${push(params, first + 1)}`,
      params,
    );
    return rows.map(toEvent);
  }

  /**
   * How many events match, counting no further than `cap + 1`: enough to say "more than cap", and
   * never a walk over the whole log, whose size has no bound.
   */
  async countUpTo(filter: AuditEventFilter, cap: number): Promise<number> {
    const { where, params } = conditionsOf(filter);
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_event e WHERE ${where.join(' AND ')} LIMIT ${push(params, cap + 1)}) capped`,
      params,
    );
    return row.n;
  }

  /** Accounts by id, in one query per batch; accounts are never deleted, so every actor is found. */
  async actorsByIds(ids: readonly string[]): Promise<AuditActor[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT id, name, email::text AS email FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Organisations' names by id, for sentences; closed organisations included, since events outlive them. */
  async organisationsByIds(ids: readonly string[]): Promise<Map<string, { name: string; odsCode: string }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string; ods_code: string }> = await this.dataSource.query(
      `SELECT id, name, ods_code FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, odsCode: r.ods_code }]));
  }

  /** The organisations whose events the scope reads, to choose one from a list: regions, then ICBs, then trusts, by name. */
  async organisationsInScope(scope: Viewer | null): Promise<Array<{ odsCode: string; name: string; type: string }>> {
    const params: unknown[] = [];
    const where = scope ? inViewerScope(scope, 'o.id', positionalParameters(params)) : 'true';
    return this.dataSource.query(
      `SELECT o.ods_code AS "odsCode", o.name, o.type FROM organisation o WHERE ${where}
       ORDER BY array_position(ARRAY['NATIONAL', 'REGION', 'ICB', 'TRUST'], o.type), o.name`,
      params,
    );
  }

  /**
   * The people who act in the audit trail of a scope, to choose one from a list: everyone holding an
   * administrator's role at an organisation in the scope or above it (national admins act
   * everywhere). Learners and leads act on themselves only, and the log is searched by them through
   * the organisation filter; listing them would make a list of a million names.
   */
  async administratorsFor(scope: Viewer | null): Promise<AuditActor[]> {
    const params: unknown[] = [['NATIONAL_ADMIN', 'REGIONAL_ADMIN', 'ICB_ADMIN', 'ORG_ADMIN']];
    const where = scope
      ? `(${inViewerScope(scope, 'r.organisation_id', positionalParameters(params))}
          OR r.organisation_id IN (SELECT a.ancestor_id FROM organisation_ancestor a JOIN role_assignment sr ON sr.organisation_id = a.descendant_id
                                   WHERE sr.user_id = ${push(params, scope.userId)}::uuid AND sr.role = ANY(${push(params, scope.roles)}::text[])))`
      : 'true';
    return this.dataSource.query(
      `SELECT DISTINCT u.id, u.name, u.email::text AS email FROM role_assignment r JOIN app_user u ON u.id = r.user_id
       WHERE r.role = ANY($1::text[]) AND ${where}
       ORDER BY u.name, u.email::text LIMIT 2000`,
      params,
    );
  }
}

function push(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

function conditionsOf(filter: AuditEventFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = ['true'];
  if (filter.scope) where.push(inViewerScope(filter.scope, 'e.organisation_id', positionalParameters(params)));
  if (filter.withinOrganisationId) {
    where.push(`e.organisation_id IN (SELECT descendant_id FROM organisation_ancestor WHERE ancestor_id = ${push(params, filter.withinOrganisationId)}::uuid)`);
  }
  if (filter.action) where.push(`e.action = ${push(params, filter.action)}::text`);
  if (filter.actorId) where.push(`e.actor_id = ${push(params, filter.actorId)}::uuid`);
  if (filter.actorEmail) where.push(`e.actor_id IN (SELECT id FROM app_user WHERE email = ${push(params, filter.actorEmail)}::citext)`);
  if (filter.from) where.push(`e.occurred_at >= ${push(params, filter.from)}::timestamptz`);
  if (filter.to) where.push(`e.occurred_at < ${push(params, filter.to)}::timestamptz`);
  return { where, params };
}

function toEvent(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    cursorTime: row.cursor_time,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    organisationId: row.organisation_id,
    details: JSON.stringify(row.details ?? {}),
    requestId: row.request_id,
  };
}
