import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, RequestContext } from '@dasv/common';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  organisationId?: string | null;
  details?: Record<string, unknown>;
}

/** Written inside the caller's transaction, so an action and its audit row exist together or not at all. */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const requestId = RequestContext.current()?.requestId ?? null;
    await manager.query(
      `INSERT INTO audit_event (occurred_at, actor_id, action, entity_type, entity_id, organisation_id, details, request_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::text[])`,
      [
        this.clock.now(),
        list.map((e) => e.actorId),
        list.map((e) => e.action),
        list.map((e) => e.entityType),
        list.map((e) => e.entityId),
        list.map((e) => e.organisationId ?? null),
        list.map((e) => JSON.stringify(e.details ?? {})),
        list.map(() => requestId),
      ],
    );
  }
}
