import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** An agreed extension: nothing is sent to this organisation for this campaign until `until`. */
@ObjectType()
@Entity('chase_pause')
@Index('chase_pause_lookup_idx', ['campaign', 'organisationId', 'until'])
export class ChasePause {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chase_pause_pkey' })
  id!: string;

  @Column({ type: 'text' })
  campaign!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'chase_pause_organisation_id_fkey' })
  organisation?: unknown;

  @Field()
  @Column({ type: 'timestamptz' })
  until!: Date;

  @Field()
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'chase_pause_created_by_id_fkey' })
  createdBy?: unknown;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
