import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { NominationRequest } from './nomination-request.entity';
import { NominationNominee } from './nomination-nominee.entity';

export enum SubmissionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(SubmissionStatus, { name: 'SubmissionStatus' });

@ObjectType()
@Entity('nomination_submission')
@Unique('nomination_submission_version_key', ['returnId', 'organisationId', 'version'])
@Check('nomination_submission_status_check', `status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'SUPERSEDED')`)
@Index('nomination_submission_organisation_status_idx', ['organisationId', 'status'])
@Check('nomination_submission_decision_reason_check', `decision_reason IS NULL OR status = 'REJECTED'`)
export class NominationSubmission {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'nomination_submission_pkey' })
  id!: string;

  @Column({ name: 'return_id', type: 'uuid' })
  returnId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => NominationRequest, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'return_id', referencedColumnName: 'returnId', foreignKeyConstraintName: 'nomination_submission_request_fkey' },
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'nomination_submission_request_fkey' },
  ])
  request?: Relation<NominationRequest>;

  @Field(() => Int)
  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'submitted_by_id', type: 'uuid', nullable: true })
  submittedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'nomination_submission_submitted_by_id_fkey' })
  submittedBy?: unknown;

  @Field()
  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Field()
  @Column({ name: 'is_late', type: 'boolean' })
  isLate!: boolean;

  @Field(() => SubmissionStatus)
  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'nomination_submission_decided_by_id_fkey' })
  decidedBy?: unknown;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why a national administrator did not accept it; the organisation was e-mailed this' })
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @OneToMany(() => NominationNominee, (n) => n.submission)
  nominees?: Relation<NominationNominee>[];
}
