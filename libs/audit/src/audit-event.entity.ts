import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity('audit_event')
@Index('audit_event_entity_idx', ['entityType', 'entityId'])
@Index('audit_event_actor_idx', ['actorId', 'occurredAt'])
@Index('audit_event_organisation_idx', ['organisationId', 'occurredAt'])
// Migration 011 builds it (occurred_at DESC, id DESC) for the newest-first audit trail; TypeORM's
// schema comparison does not see column order, and a backward scan of an ascending one would serve too.
@Index('audit_event_occurred_at_idx', ['occurredAt', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'audit_event_pkey' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
