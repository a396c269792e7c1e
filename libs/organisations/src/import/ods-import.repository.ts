import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { OrganisationType } from '../entities/organisation.entity';
import { mixedCaseOrganisationName } from '../names/organisation-name';
import { PlatformOrganisation } from './ods-import.plan';

/** Any fixed 64-bit number; it only has to be the same for every process importing into this database. */
const ODS_IMPORT_LOCK_KEY = 7_316_001_230_618n;

/** Far more links than any real chain of mergers. */
const MAX_SUCCESSION_DEPTH = 20;

export interface ImportedOrganisationRef {
  id: string;
  odsCode: string;
}

/**
 * The writes of an ODS import. Each is one statement over arrays (unnest), joined to `organisation`
 * by ODS code, so parents added or moved earlier in the same transaction are found; every statement
 * returns what it touched so the service can audit it. Parent changes go through UPDATE so the
 * closure-table trigger (prisma-free-migrations/001) keeps subtree queries right.
 */
@Injectable()
export class OdsImportRepository {
  /**
   * Serialises imports: two runs planning against the same snapshot would both add the same trust,
   * and the second would fail on the unique ODS code after doing the rest of its work.
   */
  async lockForImport(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ODS_IMPORT_LOCK_KEY.toString()]);
  }

  async findForImport(manager: EntityManager, odsCodes: readonly string[]): Promise<Map<string, PlatformOrganisation>> {
    if (odsCodes.length === 0) return new Map();
    const rows: Array<{
      ods_code: string;
      name: string;
      type: OrganisationType;
      is_active: boolean;
      closed_on: string | null;
      parent_ods_code: string | null;
      successor_ods_code: string | null;
    }> = await manager.query(
      // ODS's own spelling, which the extracts are compared with; `name` is the mixed-case form people read.
      `SELECT o.ods_code, o.ods_name AS name, o.type, o.is_active, o.closed_on::text AS closed_on,
              p.ods_code AS parent_ods_code, s.ods_code AS successor_ods_code
       FROM organisation o
       LEFT JOIN organisation p ON p.id = o.parent_id
       LEFT JOIN organisation s ON s.id = o.successor_id
       WHERE o.ods_code = ANY($1::text[])`,
      [odsCodes],
    );
    return new Map(
      rows.map((r) => [
        r.ods_code,
        {
          odsCode: r.ods_code,
          name: r.name,
          type: r.type,
          isActive: r.is_active,
          closedOn: r.closed_on,
          parentOdsCode: r.parent_ods_code,
          successorOdsCode: r.successor_ods_code,
        },
      ]),
    );
  }

  async addOrganisations(
    manager: EntityManager,
    type: OrganisationType,
    rows: ReadonlyArray<{ odsCode: string; name: string; parentOdsCode: string }>,
  ): Promise<ImportedOrganisationRef[]> {
    if (rows.length === 0) return [];
    return this.refs(
      await manager.query(
        `INSERT INTO organisation (ods_code, name, ods_name, type, parent_id)
         SELECT v.ods_code, v.name, v.ods_name, $5, p.id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(ods_code, name, ods_name, parent_ods_code)
         JOIN organisation p ON p.ods_code = v.parent_ods_code
         RETURNING id, ods_code`,
        [rows.map((r) => r.odsCode), rows.map((r) => mixedCaseOrganisationName(r.name)), rows.map((r) => r.name), rows.map((r) => r.parentOdsCode), type],
      ),
      rows.length,
      'add',
    );
  }

  async renameOrganisations(manager: EntityManager, rows: ReadonlyArray<{ odsCode: string; name: string }>): Promise<ImportedOrganisationRef[]> {
    if (rows.length === 0) return [];
    return this.refs(
      await updateReturning(
        manager,
        `UPDATE organisation o SET name = v.name, ods_name = v.ods_name, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(ods_code, name, ods_name)
         WHERE o.ods_code = v.ods_code
         RETURNING o.id, o.ods_code`,
        [rows.map((r) => r.odsCode), rows.map((r) => mixedCaseOrganisationName(r.name)), rows.map((r) => r.name)],
      ),
      rows.length,
      'rename',
    );
  }

  /** Call once per level (ICBs, then trusts): the trigger reads the new parent's ancestors, which must be settled first. */
  async moveOrganisations(manager: EntityManager, rows: ReadonlyArray<{ odsCode: string; parentOdsCode: string }>): Promise<ImportedOrganisationRef[]> {
    if (rows.length === 0) return [];
    return this.refs(
      await updateReturning(
        manager,
        `UPDATE organisation o SET parent_id = p.id, updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS v(ods_code, parent_ods_code)
         JOIN organisation p ON p.ods_code = v.parent_ods_code
         WHERE o.ods_code = v.ods_code
         RETURNING o.id, o.ods_code`,
        [rows.map((r) => r.odsCode), rows.map((r) => r.parentOdsCode)],
      ),
      rows.length,
      'move',
    );
  }

  async closeOrganisations(manager: EntityManager, rows: ReadonlyArray<{ odsCode: string; closedOn: string }>): Promise<ImportedOrganisationRef[]> {
    if (rows.length === 0) return [];
    return this.refs(
      await updateReturning(
        manager,
        `UPDATE organisation o SET is_active = false, closed_on = v.closed_on, updated_at = now()
         FROM unnest($1::text[], $2::date[]) AS v(ods_code, closed_on)
         WHERE o.ods_code = v.ods_code
         RETURNING o.id, o.ods_code`,
        [rows.map((r) => r.odsCode), rows.map((r) => r.closedOn)],
      ),
      rows.length,
      'close',
    );
  }

  /** The successor is kept: it records what happened while the organisation was closed. */
  async reopenOrganisations(manager: EntityManager, odsCodes: readonly string[]): Promise<ImportedOrganisationRef[]> {
    if (odsCodes.length === 0) return [];
    return this.refs(
      await updateReturning(
        manager,
        `UPDATE organisation SET is_active = true, closed_on = NULL, updated_at = now()
         WHERE ods_code = ANY($1::text[])
         RETURNING id, ods_code`,
        [odsCodes],
      ),
      odsCodes.length,
      'reopen',
    );
  }

  async assignSuccessors(manager: EntityManager, rows: ReadonlyArray<{ odsCode: string; successorOdsCode: string }>): Promise<ImportedOrganisationRef[]> {
    if (rows.length === 0) return [];
    return this.refs(
      await updateReturning(
        manager,
        `UPDATE organisation o SET successor_id = s.id, updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS v(ods_code, successor_ods_code)
         JOIN organisation s ON s.ods_code = v.successor_ods_code
         WHERE o.ods_code = v.ods_code
         RETURNING o.id, o.ods_code`,
        [rows.map((r) => r.odsCode), rows.map((r) => r.successorOdsCode)],
      ),
      rows.length,
      'assign successors to',
    );
  }

  /**
   * Where each organisation's work ended up: its successor, or that one's successor when it has
   * closed in turn, to the end of the chain (at most MAX_SUCCESSION_DEPTH links, a stop if data loops).
   */
  async findSuccessionTargets(manager: EntityManager, predecessorIds: readonly string[]): Promise<Array<{ predecessorId: string; successorId: string }>> {
    if (predecessorIds.length === 0) return [];
    const rows: Array<{ predecessor_id: string; successor_id: string }> = await manager.query(
      `WITH RECURSIVE chain (predecessor_id, organisation_id, depth) AS (
         SELECT id, successor_id, 1 FROM organisation WHERE id = ANY($1::uuid[]) AND successor_id IS NOT NULL
         UNION ALL
         SELECT c.predecessor_id, o.successor_id, c.depth + 1
         FROM chain c JOIN organisation o ON o.id = c.organisation_id
         WHERE o.successor_id IS NOT NULL AND c.depth < $2
       )
       SELECT DISTINCT ON (predecessor_id) predecessor_id, organisation_id AS successor_id
       FROM chain WHERE organisation_id <> predecessor_id ORDER BY predecessor_id, depth DESC`,
      [predecessorIds, MAX_SUCCESSION_DEPTH],
    );
    return rows.map((r) => ({ predecessorId: r.predecessor_id, successorId: r.successor_id }));
  }

  /** Open ICBs with no open trust under them, as the import leaves them: a merger may have moved them all away. */
  async findIcbsWithoutOpenTrusts(manager: EntityManager): Promise<Array<{ odsCode: string; name: string }>> {
    const rows: Array<{ ods_code: string; name: string }> = await manager.query(
      `SELECT i.ods_code, i.name FROM organisation i
       WHERE i.type = $1 AND i.is_active
         AND NOT EXISTS (SELECT 1 FROM organisation t WHERE t.parent_id = i.id AND t.type = $2 AND t.is_active)
       ORDER BY i.ods_code`,
      [OrganisationType.ICB, OrganisationType.TRUST],
    );
    return rows.map((r) => ({ odsCode: r.ods_code, name: r.name }));
  }

  /** Closed ICBs that still have open trusts: the trust extract that moves them to the successor is still to come. */
  async findClosedIcbsWithOpenTrusts(manager: EntityManager): Promise<Array<{ odsCode: string; openTrusts: number }>> {
    const rows: Array<{ ods_code: string; open_trusts: number }> = await manager.query(
      `SELECT i.ods_code, count(*)::int AS open_trusts FROM organisation i JOIN organisation t ON t.parent_id = i.id AND t.type = $2 AND t.is_active
       WHERE i.type = $1 AND NOT i.is_active
       GROUP BY i.ods_code ORDER BY i.ods_code`,
      [OrganisationType.ICB, OrganisationType.TRUST],
    );
    return rows.map((r) => ({ odsCode: r.ods_code, openTrusts: r.open_trusts }));
  }

  async findOdsCodes(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; ods_code: string }> = await manager.query(`SELECT id, ods_code FROM organisation WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.ods_code]));
  }

  /**
   * The plan has checked every code, so a statement touching fewer rows than asked means the data
   * changed underneath it; failing here rolls the whole import back rather than half-applying it.
   */
  private refs(rows: ReadonlyArray<{ id: string; ods_code: string }>, expected: number, verb: string): ImportedOrganisationRef[] {
    if (rows.length !== expected) throw new Error(`ODS import: expected to ${verb} ${expected} organisations, touched ${rows.length}`);
    return rows.map((r) => ({ id: r.id, odsCode: r.ods_code }));
  }
}
