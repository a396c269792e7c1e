import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, Relation } from 'typeorm';

export enum OrganisationType {
  NATIONAL = 'NATIONAL',
  REGION = 'REGION',
  ICB = 'ICB',
  TRUST = 'TRUST',
}
registerEnumType(OrganisationType, { name: 'OrganisationType' });

/** The types in words, for pages, e-mails and CSV cells (labels live beside their enum: see README, "Labels"). */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  [OrganisationType.NATIONAL]: 'National',
  [OrganisationType.REGION]: 'Region',
  [OrganisationType.ICB]: 'Integrated care board',
  [OrganisationType.TRUST]: 'Trust',
};

/** Depth in the hierarchy, used to refuse a trust placed directly under a region and the like. */
export const PARENT_TYPE: Record<OrganisationType, OrganisationType | null> = {
  [OrganisationType.NATIONAL]: null,
  [OrganisationType.REGION]: OrganisationType.NATIONAL,
  [OrganisationType.ICB]: OrganisationType.REGION,
  [OrganisationType.TRUST]: OrganisationType.ICB,
};

@ObjectType()
@Entity('organisation')
@Unique('organisation_ods_code_key', ['odsCode'])
@Check('organisation_type_check', `type IN ('NATIONAL', 'REGION', 'ICB', 'TRUST')`)
@Index('organisation_parent_id_idx', ['parentId'])
@Index('organisation_type_name_idx', ['type', 'name'])
@Index('organisation_name_trgm_idx', { synchronize: false })
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_pkey' })
  id!: string;

  @Field({ description: 'NHS Organisation Data Service code' })
  @Column({ name: 'ods_code', type: 'text' })
  odsCode!: string;

  @Field({ description: 'The name as people write it, in mixed case ("Guy\'s and St Thomas\' NHS Foundation Trust")' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'The name exactly as NHS ODS publishes it, usually in capitals' })
  @Column({ name: 'ods_name', type: 'text' })
  odsName!: string;

  @Field(() => OrganisationType)
  @Column({ type: 'text' })
  type!: OrganisationType;

  @Field(() => String, { nullable: true, description: 'For trusts: acute, specialist, mental health, community or ambulance' })
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'organisation_parent_id_fkey' })
  parent?: Relation<Organisation> | null;

  @Field()
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Field(() => String, { nullable: true })
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'organisation_successor_id_fkey' })
  successor?: Relation<Organisation> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
