import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum ChaseStage {
  REMINDER = 'REMINDER',
  OVERDUE = 'OVERDUE',
  ESCALATION = 'ESCALATION',
  MANUAL = 'MANUAL',
}
registerEnumType(ChaseStage, { name: 'ChaseStage' });

/** One decided chase. `key` is deterministic (campaign, organisation or recipient, stage, due date). */
@ObjectType()
@Entity('chase_log')
@Unique('chase_log_key_key', ['key'])
@Check('chase_log_stage_check', `stage IN ('REMINDER', 'OVERDUE', 'ESCALATION', 'MANUAL')`)
@Index('chase_log_campaign_idx', ['campaign', 'organisationId', 'decidedAt'])
export class ChaseLog {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chase_log_pkey' })
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  /** e.g. `nomination-return:<uuid>`; later campaigns (e-learning reminders, the charter) use their own prefix. */
  @Column({ type: 'text' })
  campaign!: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne('Organisation', { nullable: true })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'chase_log_organisation_id_fkey' })
  organisation?: unknown;

  @Field(() => ChaseStage)
  @Column({ type: 'text' })
  stage!: ChaseStage;

  @Field()
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  // Exposed through ChaseLogResolver, which hides an escalation's recipients (the parent's admins)
  // from callers who may read the organisation's returns but not manage its chasing.
  @Column({ type: 'citext', array: true })
  recipients!: string[];

  @Field()
  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'chase_log_created_by_id_fkey' })
  createdBy?: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Who chased by hand (their name when the log was read); not a column. */
  @Field(() => String, { nullable: true, description: 'Who sent a chase by hand' })
  sentBy?: string | null;
}
