import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HeadcountSource } from '../headcount-source';

/** Staff in post: the denominator of an organisation's completion rate. */
@Entity('organisation_headcount')
@Check('organisation_headcount_headcount_check', `headcount >= 0`)
@Check('organisation_headcount_source_check', `source IN ('STAFF_LIST', 'ADMIN')`)
export class OrganisationHeadcount {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'organisation_headcount_pkey' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'organisation_headcount_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ type: 'integer' })
  headcount!: number;

  @Column({ type: 'text' })
  source!: HeadcountSource;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'organisation_headcount_updated_by_id_fkey' })
  updatedBy?: unknown;
}
