import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReminderOrigin } from '../reminder-origin';

/** One request to remind the not-yet-completed learners of an organisation's subtree, worked through in batches. */
@Entity('course_reminder_run')
@Check('course_reminder_run_origin_check', `origin IN ('ADMIN', 'SCHEDULE')`)
@Check('course_reminder_run_period_check', `period ~ '^[0-9]{4}-[0-9]{2}$'`)
@Check('course_reminder_run_reminded_check', `reminded >= 0`)
@Index('course_reminder_run_in_flight_key', ['organisationId', 'courseId', 'period'], { unique: true, where: 'finished_at IS NULL' })
@Index('course_reminder_run_due_idx', ['nextBatchAt'], { where: 'finished_at IS NULL' })
@Index('course_reminder_run_organisation_idx', ['organisationId', 'courseId', 'requestedAt'])
export class CourseReminderRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_reminder_run_pkey' })
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_reminder_run_course_id_fkey' })
  course?: unknown;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'course_reminder_run_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  origin!: ReminderOrigin;

  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'course_reminder_run_requested_by_id_fkey' })
  requestedBy?: unknown;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'next_batch_at', type: 'timestamptz' })
  nextBatchAt!: Date;

  @Column({ name: 'cursor_organisation_id', type: 'uuid', nullable: true })
  cursorOrganisationId!: string | null;

  @Column({ name: 'cursor_name', type: 'text', nullable: true })
  cursorName!: string | null;

  @Column({ name: 'cursor_user_id', type: 'uuid', nullable: true })
  cursorUserId!: string | null;

  @Column({ type: 'integer', default: 0 })
  reminded!: number;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
