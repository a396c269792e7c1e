import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const LEARNER_ADMIN_ACTIONS = {
  staffListUploaded: 'learner.staff_list_uploaded',
  headcountSet: 'learner.headcount_set',
  completionsImported: 'learner.completions_imported',
} as const;

export interface LearnerAdminEventRow {
  action: string;
  occurredAt: Date;
  actorName: string | null;
  details: Record<string, unknown>;
}

/** The audit trail read back: what administrators last did about an organisation's learners. */
@Injectable()
export class LearnerActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recent(organisationId: string, limit: number): Promise<LearnerAdminEventRow[]> {
    const rows: Array<{ action: string; occurred_at: Date; actor_name: string | null; details: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT e.action, e.occurred_at, u.name AS actor_name, e.details
       FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
       -- By entity, not organisation_id: a staff list also audits a row per account at the organisation.
       WHERE e.entity_type = 'organisation' AND e.entity_id = $1::text AND e.action = ANY($2::text[])
       ORDER BY e.occurred_at DESC, e.id DESC LIMIT $3`,
      [organisationId, Object.values(LEARNER_ADMIN_ACTIONS), limit],
    );
    return rows.map((r) => ({ action: r.action, occurredAt: r.occurred_at, actorName: r.actor_name, details: r.details }));
  }
}
