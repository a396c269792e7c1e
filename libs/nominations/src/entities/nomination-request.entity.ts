import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { NominationReturn } from './nomination-return.entity';
import { NominationSubmission } from './nomination-submission.entity';

/** One organisation asked by one return. responded_at set = chasing stops. */
@Entity('nomination_request')
@Index('nomination_request_outstanding_idx', ['returnId', 'organisationId'], { where: 'responded_at IS NULL' })
@Index('nomination_request_organisation_idx', ['organisationId'])
export class NominationRequest {
  @PrimaryColumn({ name: 'return_id', type: 'uuid', primaryKeyConstraintName: 'nomination_request_pkey' })
  returnId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'nomination_request_pkey' })
  organisationId!: string;

  @ManyToOne(() => NominationReturn, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'return_id', foreignKeyConstraintName: 'nomination_request_return_id_fkey' })
  nominationReturn?: Relation<NominationReturn>;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'nomination_request_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ name: 'is_late', type: 'boolean', default: false })
  isLate!: boolean;

  @Column({ name: 'current_submission_id', type: 'uuid', nullable: true })
  currentSubmissionId!: string | null;

  @ManyToOne(() => NominationSubmission, { nullable: true })
  @JoinColumn({ name: 'current_submission_id', foreignKeyConstraintName: 'nomination_request_current_submission_id_fkey' })
  currentSubmission?: Relation<NominationSubmission> | null;
}
