import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Completions credited to an organisation on one day in London time: the trend's raw material. */
@Entity('organisation_completion_day')
@Check('organisation_completion_day_completed_check', `completed > 0`)
export class OrganisationCompletionDay {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'organisation_completion_day_pkey' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'organisation_completion_day_organisation_id_fkey' })
  organisation?: unknown;

  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'organisation_completion_day_pkey' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'organisation_completion_day_course_id_fkey' })
  course?: unknown;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'organisation_completion_day_pkey' })
  day!: string;

  @Column({ type: 'integer' })
  completed!: number;
}
