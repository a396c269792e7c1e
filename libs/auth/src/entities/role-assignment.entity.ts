import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { Role } from '../roles';
import { User } from './user.entity';

@ObjectType()
@Entity('role_assignment')
@Unique('role_assignment_user_org_role_key', ['userId', 'organisationId', 'role'])
@Check('role_assignment_role_check', `role IN ('NATIONAL_ADMIN', 'REGIONAL_ADMIN', 'ICB_ADMIN', 'ORG_ADMIN', 'DASV_LEAD', 'LEARNER')`)
@Index('role_assignment_organisation_role_idx', ['organisationId', 'role'])
@Index('role_assignment_role_user_idx', ['role', 'userId'])
export class RoleAssignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'role_assignment_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, (u) => u.roleAssignments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'role_assignment_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  // Named, not imported: organisations depends on auth, not the other way round.
  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'role_assignment_organisation_id_fkey' })
  organisation?: unknown;

  @Field(() => Role)
  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'granted_by_id', type: 'uuid', nullable: true })
  grantedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'granted_by_id', foreignKeyConstraintName: 'role_assignment_granted_by_id_fkey' })
  grantedBy?: Relation<User> | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
