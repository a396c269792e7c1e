import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';

/** A current lead moved from a closed organisation to the one that took over its work. */
export interface CarriedLead {
  fromLeadId: string;
  fromOrganisationId: string;
  /** The lead's row at the successor: new, or one they already held there. */
  toLeadId: string;
  toOrganisationId: string;
  userId: string;
  leadRole: string;
}

/** How many successor links to follow: far more than any real chain of mergers, and a stop if ODS data ever loops. */
export const MAX_SUCCESSION_DEPTH = 20;

/**
 * The one write the ODS import makes to dasv_lead. Plain SQL, no entity: the CLI that runs imports
 * loads only LeadSuccessionModule, not the directory's TypeORM entities.
 */
@Injectable()
export class LeadSuccessionRepository {
  /**
   * Carries the current leads of each predecessor to its successor, in one statement: a new row at
   * the successor (or the one the person already holds there in that role), and the old row ended
   * with successor_id pointing at it. A successor that has itself closed into another passes the
   * leads on to the end of the chain. Returns what moved, for the audit trail.
   */
  async carryToSuccessors(manager: EntityManager, successions: ReadonlyArray<{ predecessorId: string; successorId: string }>, at: Date): Promise<CarriedLead[]> {
    if (successions.length === 0) return [];
    const carried = await updateReturning<Record<string, string>>(
      manager,
      `WITH RECURSIVE chain (predecessor_id, organisation_id, depth) AS (
         SELECT s.predecessor_id, s.successor_id, 1 FROM unnest($1::uuid[], $2::uuid[]) AS s(predecessor_id, successor_id)
         UNION ALL
         SELECT c.predecessor_id, o.successor_id, c.depth + 1
         FROM chain c JOIN organisation o ON o.id = c.organisation_id
         WHERE o.successor_id IS NOT NULL AND c.depth < $4
       ),
       target AS (
         SELECT DISTINCT ON (predecessor_id) predecessor_id, organisation_id AS successor_id FROM chain ORDER BY predecessor_id, depth DESC
       ),
       moving AS (
         SELECT l.id, l.organisation_id, l.user_id, l.lead_role, t.successor_id
         FROM dasv_lead l JOIN target t ON t.predecessor_id = l.organisation_id
         WHERE l.ended_at IS NULL AND t.successor_id <> l.organisation_id
       ),
       inserted AS (
         INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at)
         SELECT DISTINCT successor_id, user_id, lead_role, $3::timestamptz FROM moving
         ON CONFLICT (organisation_id, user_id, lead_role) WHERE ended_at IS NULL DO NOTHING
         RETURNING id, organisation_id, user_id, lead_role
       )
       UPDATE dasv_lead old
       SET ended_at = $3::timestamptz, successor_id = COALESCE(i.id, held.id)
       FROM moving m
       LEFT JOIN inserted i ON i.organisation_id = m.successor_id AND i.user_id = m.user_id AND i.lead_role = m.lead_role
       LEFT JOIN dasv_lead held ON held.organisation_id = m.successor_id AND held.user_id = m.user_id AND held.lead_role = m.lead_role AND held.ended_at IS NULL
       WHERE old.id = m.id
       RETURNING old.id AS from_lead_id, old.organisation_id AS from_organisation_id, old.successor_id AS to_lead_id,
                 m.successor_id AS to_organisation_id, old.user_id, old.lead_role`,
      [successions.map((s) => s.predecessorId), successions.map((s) => s.successorId), at, MAX_SUCCESSION_DEPTH],
    );
    return carried.map((r) => ({
      fromLeadId: r.from_lead_id,
      fromOrganisationId: r.from_organisation_id,
      toLeadId: r.to_lead_id,
      toOrganisationId: r.to_organisation_id,
      userId: r.user_id,
      leadRole: r.lead_role,
    }));
  }
}
