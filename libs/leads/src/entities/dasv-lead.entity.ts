import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { LeadRole } from '../lead-role';

/**
 * Who is, and was, a DASV lead of which organisation. A lead replaced by a later submission or a
 * handover gets ended_at (and successor_id), never deleted: the organisation's history.
 */
@ObjectType()
@Entity('dasv_lead')
@Check('dasv_lead_lead_role_check', `lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')`)
@Index('dasv_lead_current_key', ['organisationId', 'userId', 'leadRole'], { unique: true, where: 'ended_at IS NULL' })
@Index('dasv_lead_user_idx', ['userId'])
@Index('dasv_lead_organisation_idx', ['organisationId', 'endedAt'])
export class DasvLead {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dasv_lead_pkey' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'dasv_lead_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne('User')
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'dasv_lead_user_id_fkey' })
  user?: unknown;

  @Field(() => LeadRole)
  @Column({ name: 'lead_role', type: 'text' })
  leadRole!: LeadRole;

  @Field()
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId!: string | null;

  @ManyToOne(() => DasvLead, { nullable: true })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'dasv_lead_successor_id_fkey' })
  successor?: Relation<DasvLead> | null;

  @Column({ name: 'source_submission_id', type: 'uuid', nullable: true })
  sourceSubmissionId!: string | null;

  @ManyToOne('NominationSubmission', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'source_submission_id', foreignKeyConstraintName: 'dasv_lead_source_submission_id_fkey' })
  sourceSubmission?: unknown;
}
