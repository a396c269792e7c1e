import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum NominationReturnStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(NominationReturnStatus, { name: 'NominationReturnStatus' });

@ObjectType()
@Entity('nomination_return')
@Check('nomination_return_status_check', `status IN ('OPEN', 'CLOSED')`)
@Check('nomination_return_types_check', `organisation_types <@ ARRAY['REGION', 'ICB', 'TRUST'] AND cardinality(organisation_types) > 0`)
@Check('nomination_return_policy_check', `overdue_every_working_days > 0 AND escalate_after_working_days >= 0`)
@Index('nomination_return_status_idx', ['status', 'deadline'])
export class NominationReturn {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'nomination_return_pkey' })
  id!: string;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field()
  @Column({ type: 'text', default: '' })
  instructions!: string;

  /** Which organisation types are asked: REGION, ICB and/or TRUST. */
  @Field(() => [String])
  @Column({ name: 'organisation_types', type: 'text', array: true })
  organisationTypes!: string[];

  /** Organisations of those types at or under this one are asked (NHS England for all). */
  @Column({ name: 'scope_root_id', type: 'uuid' })
  scopeRootId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'scope_root_id', foreignKeyConstraintName: 'nomination_return_scope_root_id_fkey' })
  scopeRoot?: unknown;

  @Field()
  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Field(() => [Int])
  @Column({ name: 'reminder_offsets_days', type: 'int', array: true, default: () => "'{14,7,2}'" })
  reminderOffsetsDays!: number[];

  @Field(() => Int)
  @Column({ name: 'overdue_every_working_days', type: 'int', default: 5 })
  overdueEveryWorkingDays!: number;

  @Field(() => Int)
  @Column({ name: 'escalate_after_working_days', type: 'int', default: 10 })
  escalateAfterWorkingDays!: number;

  @Field()
  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval!: boolean;

  @Field(() => NominationReturnStatus)
  @Column({ type: 'text', default: NominationReturnStatus.OPEN })
  status!: NominationReturnStatus;

  @Field()
  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'nomination_return_created_by_id_fkey' })
  createdBy?: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
