import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@ObjectType()
@Entity('lead_profile')
export class LeadProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'lead_profile_pkey' })
  userId!: string;

  @OneToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'lead_profile_user_id_fkey' })
  user?: unknown;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Field()
  @Column({ type: 'text', default: '' })
  bio!: string;

  @Field(() => [String])
  @Column({ name: 'areas_of_interest', type: 'text', array: true, default: () => "'{}'" })
  areasOfInterest!: string[];

  @Field()
  @Column({ name: 'show_email', type: 'boolean', default: true })
  showEmail!: boolean;

  @Field()
  @Column({ name: 'show_phone', type: 'boolean', default: false })
  showPhone!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
