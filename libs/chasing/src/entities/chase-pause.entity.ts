import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** An agreed extension: nothing is sent to this organisation for this campaign until `until`. */
@ObjectType()
@Entity('chase_pause')
@Index('chase_pause_lookup_idx', ['campaign', 'organisationId', 'until'])
@Index('chase_pause_resumed_by_idx', ['resumedById'])
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

  /** When someone ended the pause before its agreed end; the pause counts until the earlier of the two. */
  @Field(() => Date, { nullable: true, description: 'When chasing was resumed before the agreed end, if it was' })
  @Column({ name: 'resumed_at', type: 'timestamptz', nullable: true })
  resumedAt!: Date | null;

  @Column({ name: 'resumed_by_id', type: 'uuid', nullable: true })
  resumedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'resumed_by_id', foreignKeyConstraintName: 'chase_pause_resumed_by_id_fkey' })
  resumedBy?: unknown;

  /** Who agreed the pause (their name when it was read); not a column. */
  @Field(() => String, { nullable: true, description: 'Who paused chasing' })
  pausedBy?: string | null;
}
