import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseEnrolment } from './course-enrolment.entity';

@Entity('assessment_attempt')
@Unique('assessment_attempt_enrolment_number_key', ['enrolmentId', 'number'])
@Check('assessment_attempt_score_check', `score BETWEEN 0 AND 100`)
@Check('assessment_attempt_marked_check', `(submitted_at IS NULL) = (score IS NULL) AND (score IS NULL) = (passed IS NULL)`)
@Index('assessment_attempt_open_key', ['enrolmentId'], { unique: true, where: `submitted_at IS NULL` })
export class AssessmentAttempt {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'assessment_attempt_pkey' })
  id!: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @ManyToOne(() => CourseEnrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'assessment_attempt_enrolment_id_fkey' })
  enrolment?: CourseEnrolment;

  @Column({ type: 'integer' })
  number!: number;

  /** The draw, in the order shown. */
  @Column({ name: 'question_ids', type: 'uuid', array: true })
  questionIds!: string[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;
}
