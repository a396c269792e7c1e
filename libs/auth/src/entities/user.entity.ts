import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, Relation } from 'typeorm';
import { RoleAssignment } from './role-assignment.entity';

@ObjectType()
@Entity('app_user')
@Unique('app_user_email_key', ['email'])
@Index('app_user_organisation_id_idx', ['organisationId', 'name', 'id'])
@Index('app_user_name_trgm_idx', { synchronize: false })
@Index('app_user_name_id_idx', ['name', 'id'])
@Index('app_user_email_trgm_idx', { synchronize: false })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'app_user_pkey' })
  id!: string;

  /** citext: one account per address whatever its case. */
  @Field()
  @Column({ type: 'citext' })
  email!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  // Named, not imported: organisations depends on auth, not the other way round.
  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'app_user_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Field()
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @OneToMany(() => RoleAssignment, (r) => r.user)
  roleAssignments?: Relation<RoleAssignment>[];

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
