import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A learner reminded about a course in a period; its key is what makes a reminder go once. */
@Entity('course_reminder')
export class CourseReminder {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'course_reminder_pkey' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'course_reminder_user_id_fkey' })
  user?: unknown;

  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'course_reminder_pkey' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_reminder_course_id_fkey' })
  course?: unknown;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'course_reminder_pkey' })
  period!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @ManyToOne('CourseReminderRun')
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'course_reminder_run_id_fkey' })
  run?: unknown;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'course_reminder_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
