import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Counters of one organisation's own learners on one course; subtrees are summed when read. */
@Entity('organisation_course_stats')
@Check('organisation_course_stats_counts_check', `started >= 0 AND completed >= 0`)
export class OrganisationCourseStats {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'organisation_course_stats_pkey' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'organisation_course_stats_organisation_id_fkey' })
  organisation?: unknown;

  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'organisation_course_stats_pkey' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'organisation_course_stats_course_id_fkey' })
  course?: unknown;

  @Column({ type: 'integer', default: 0 })
  started!: number;

  @Column({ type: 'integer', default: 0 })
  completed!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
