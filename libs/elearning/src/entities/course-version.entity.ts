import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course } from './course.entity';
import { CourseVersionStatus } from '../course-version-status';

@Entity('course_version')
@Unique('course_version_course_number_key', ['courseId', 'number'])
@Check('course_version_status_check', `status IN ('DRAFT', 'PUBLISHED', 'RETIRED')`)
@Check('course_version_pass_mark_check', `pass_mark_percent BETWEEN 1 AND 100`)
@Check('course_version_assessment_size_check', `assessment_size > 0`)
@Index('course_version_published_key', ['courseId'], { unique: true, where: `status = 'PUBLISHED'` })
@Index('course_version_draft_key', ['courseId'], { unique: true, where: `status = 'DRAFT'` })
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_version_pkey' })
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course)
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_version_course_id_fkey' })
  course?: Course;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  status!: CourseVersionStatus;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'content_warning', type: 'text' })
  contentWarning!: string;

  @Column({ name: 'support_text', type: 'text' })
  supportText!: string;

  @Column({ name: 'pass_mark_percent', type: 'integer', default: 80 })
  passMarkPercent!: number;

  @Column({ name: 'assessment_size', type: 'integer', default: 10 })
  assessmentSize!: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
