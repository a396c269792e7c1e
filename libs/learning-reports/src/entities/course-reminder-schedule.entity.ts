import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Monthly reminders turned on for an organisation and everything beneath it. */
@Entity('course_reminder_schedule')
export class CourseReminderSchedule {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'course_reminder_schedule_pkey' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'course_reminder_schedule_organisation_id_fkey' })
  organisation?: unknown;

  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'course_reminder_schedule_pkey' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_reminder_schedule_course_id_fkey' })
  course?: unknown;

  @Column({ name: 'enabled_by_id', type: 'uuid', nullable: true })
  enabledById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'enabled_by_id', foreignKeyConstraintName: 'course_reminder_schedule_enabled_by_id_fkey' })
  enabledBy?: unknown;

  @Column({ name: 'enabled_at', type: 'timestamptz' })
  enabledAt!: Date;

  @Column({ name: 'last_period', type: 'text', nullable: true })
  lastPeriod!: string | null;
}
