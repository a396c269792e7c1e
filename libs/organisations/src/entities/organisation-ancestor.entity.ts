import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Organisation } from './organisation.entity';

/** Closure table, maintained by triggers (prisma-free-migrations/001); the app only reads it. */
@Entity('organisation_ancestor')
@Index('organisation_ancestor_descendant_idx', ['descendantId', 'ancestorId'])
export class OrganisationAncestor {
  @PrimaryColumn({ name: 'ancestor_id', type: 'uuid', primaryKeyConstraintName: 'organisation_ancestor_pkey' })
  ancestorId!: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'uuid', primaryKeyConstraintName: 'organisation_ancestor_pkey' })
  descendantId!: string;

  @Column({ type: 'int' })
  depth!: number;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ancestor_id', foreignKeyConstraintName: 'organisation_ancestor_ancestor_id_fkey' })
  ancestor?: Relation<Organisation>;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'descendant_id', foreignKeyConstraintName: 'organisation_ancestor_descendant_id_fkey' })
  descendant?: Relation<Organisation>;
}
