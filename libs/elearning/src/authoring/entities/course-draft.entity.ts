import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseVersion } from '../../entities/course-version.entity';
import type { DraftContent } from '../draft-content';

/**
 * The content of a version while it is a DRAFT, as one document. Publishing writes it out as the
 * version's content rows and deletes this row; see prisma-free-migrations/010 for why drafts are
 * not edited as rows.
 */
@Entity('course_draft')
export class CourseDraft {
  @PrimaryColumn({ name: 'version_id', type: 'uuid', primaryKeyConstraintName: 'course_draft_pkey' })
  versionId!: string;

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'course_draft_version_id_fkey' })
  version?: CourseVersion;

  @Column({ type: 'jsonb' })
  content!: DraftContent;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'course_draft_updated_by_id_fkey' })
  updatedBy?: unknown;
}
