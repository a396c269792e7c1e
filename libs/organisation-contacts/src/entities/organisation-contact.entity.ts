import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One contact of an organisation per role (organisation_contact); storage only, GraphQL shows OrganisationContact. */
@Entity('organisation_contact')
@Index('organisation_contact_role_key', ['organisationId', 'role'], { unique: true })
@Check('organisation_contact_role_check', `role IN ('CHIEF_EXECUTIVE_OFFICE', 'CHIEF_EXECUTIVE', 'CHIEF_PEOPLE_OFFICER', 'DASV_LEAD_OFFICE')`)
export class OrganisationContactEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_contact_pkey' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'organisation_contact_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'citext' })
  email!: string;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'organisation_contact_updated_by_id_fkey' })
  updatedBy?: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
