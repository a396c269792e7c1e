import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course } from './course.entity';
import { CoursePage } from './course-page.entity';
import { CourseVersion } from './course-version.entity';

/** A learner on a course, pinned to the version they started on. */
@Entity('course_enrolment')
@Unique('course_enrolment_user_course_key', ['userId', 'courseId'])
@Check('course_enrolment_time_spent_check', `time_spent_seconds >= 0`)
@Index('course_enrolment_version_id_idx', ['versionId'])
export class CourseEnrolment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_enrolment_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'course_enrolment_user_id_fkey' })
  user?: unknown;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course)
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_enrolment_course_id_fkey' })
  course?: Course;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => CourseVersion)
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'course_enrolment_version_id_fkey' })
  version?: CourseVersion;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'last_active_at', type: 'timestamptz' })
  lastActiveAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'current_page_id', type: 'uuid', nullable: true })
  currentPageId!: string | null;

  @ManyToOne(() => CoursePage, { nullable: true })
  @JoinColumn({ name: 'current_page_id', foreignKeyConstraintName: 'course_enrolment_current_page_id_fkey' })
  currentPage?: CoursePage;

  @Column({ name: 'time_spent_seconds', type: 'integer', default: 0 })
  timeSpentSeconds!: number;
}
