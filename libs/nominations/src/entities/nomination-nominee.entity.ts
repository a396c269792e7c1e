import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { LeadRole } from '@dasv/leads';
import { NominationSubmission } from './nomination-submission.entity';

@ObjectType()
@Entity('nomination_nominee')
@Unique('nomination_nominee_submission_email_key', ['submissionId', 'email'])
@Check('nomination_nominee_lead_role_check', `lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')`)
export class NominationNominee {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'nomination_nominee_pkey' })
  id!: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  @ManyToOne(() => NominationSubmission, (s) => s.nominees, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'nomination_nominee_submission_id_fkey' })
  submission?: Relation<NominationSubmission>;

  @Field(() => LeadRole)
  @Column({ name: 'lead_role', type: 'text' })
  leadRole!: LeadRole;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field()
  @Column({ name: 'job_title', type: 'text' })
  jobTitle!: string;

  @Field()
  @Column({ type: 'citext' })
  email!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Field()
  @Column({ name: 'on_executive_team', type: 'boolean', default: false })
  onExecutiveTeam!: boolean;
}
