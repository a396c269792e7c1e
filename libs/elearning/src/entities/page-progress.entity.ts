import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEnrolment } from './course-enrolment.entity';
import { CoursePage } from './course-page.entity';

/** Answers by knowledge check id: `{ "<check uuid>": ["a", "c"] }`. */
export type PageAnswers = Record<string, string[]>;

@Entity('page_progress')
@Check('page_progress_time_spent_check', `time_spent_seconds >= 0`)
export class PageProgress {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid', primaryKeyConstraintName: 'page_progress_pkey' })
  enrolmentId!: string;

  @ManyToOne(() => CourseEnrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'page_progress_enrolment_id_fkey' })
  enrolment?: CourseEnrolment;

  @PrimaryColumn({ name: 'page_id', type: 'uuid', primaryKeyConstraintName: 'page_progress_pkey' })
  pageId!: string;

  @ManyToOne(() => CoursePage)
  @JoinColumn({ name: 'page_id', foreignKeyConstraintName: 'page_progress_page_id_fkey' })
  page?: CoursePage;

  @Column({ type: 'jsonb' })
  answers!: PageAnswers;

  @Column({ name: 'time_spent_seconds', type: 'integer', default: 0 })
  timeSpentSeconds!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
