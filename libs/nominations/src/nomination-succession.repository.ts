import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An open return's request to a closed organisation, now asked of its successor. */
export interface CarriedRequest {
  returnId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
}

/** The ODS import's one write to nomination_request. Plain SQL: the import CLI loads no entities of this library. */
@Injectable()
export class NominationSuccessionRepository {
  /**
   * For every open return a predecessor had not answered, asks the successor too, when the return
   * covers it (its type, under the scope root) and has not asked it already. The closed
   * organisation's request stays as it was: closed organisations are not chased.
   */
  async askSuccessors(manager: EntityManager, successions: ReadonlyArray<{ predecessorId: string; successorId: string }>): Promise<CarriedRequest[]> {
    if (successions.length === 0) return [];
    const rows: Array<{ return_id: string; from_organisation_id: string; to_organisation_id: string }> = await manager.query(
      `WITH owed AS (
         SELECT DISTINCT ON (q.return_id, s.successor_id) q.return_id, q.organisation_id AS from_organisation_id, s.successor_id AS to_organisation_id
         FROM nomination_request q
         JOIN unnest($1::uuid[], $2::uuid[]) AS s(predecessor_id, successor_id) ON s.predecessor_id = q.organisation_id
         JOIN nomination_return r ON r.id = q.return_id AND r.status = 'OPEN'
         JOIN organisation o ON o.id = s.successor_id AND o.is_active AND o.type = ANY(r.organisation_types)
         JOIN organisation_ancestor a ON a.ancestor_id = r.scope_root_id AND a.descendant_id = o.id
         WHERE q.responded_at IS NULL
         ORDER BY q.return_id, s.successor_id, q.organisation_id
       ),
       asked AS (
         INSERT INTO nomination_request (return_id, organisation_id)
         SELECT return_id, to_organisation_id FROM owed
         ON CONFLICT (return_id, organisation_id) DO NOTHING
         RETURNING return_id, organisation_id
       )
       SELECT owed.* FROM owed JOIN asked ON asked.return_id = owed.return_id AND asked.organisation_id = owed.to_organisation_id
       ORDER BY owed.return_id, owed.to_organisation_id`,
      [successions.map((s) => s.predecessorId), successions.map((s) => s.successorId)],
    );
    return rows.map((r) => ({ returnId: r.return_id, fromOrganisationId: r.from_organisation_id, toOrganisationId: r.to_organisation_id }));
  }
}
