import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CompletionSource } from '../completion-source';

/** One person (by e-mail) and course, however many sources report it. */
@Entity('learner_completion')
@Unique('learner_completion_course_email_key', ['courseId', 'email'])
@Index('learner_completion_organisation_id_idx', ['organisationId', 'courseId', 'completedAt'])
@Check('learner_completion_sources_check', `cardinality(sources) > 0 AND sources <@ ARRAY['PLATFORM', 'ELFH', 'ESR']::text[]`)
export class LearnerCompletion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'learner_completion_pkey' })
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'learner_completion_course_id_fkey' })
  course?: unknown;

  @Column({ type: 'citext' })
  email!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'learner_completion_user_id_fkey' })
  user?: unknown;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'learner_completion_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'version_id', type: 'uuid', nullable: true })
  versionId!: string | null;

  @ManyToOne('CourseVersion', { nullable: true })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'learner_completion_version_id_fkey' })
  version?: unknown;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ type: 'text', array: true })
  sources!: CompletionSource[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
