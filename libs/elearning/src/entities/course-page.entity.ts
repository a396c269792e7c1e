import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseModule } from './course-module.entity';

@Entity('course_page')
@Unique('course_page_module_position_key', ['moduleId', 'position'])
export class CoursePage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_page_pkey' })
  id!: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId!: string;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'course_page_module_id_fkey' })
  module?: CourseModule;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;

  /** Rendered from escaped text by renderBlocks() (content files) or from bodyMarkdown and sanitised (authored). */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  /** What an author wrote; null for pages published from a content file. */
  @Column({ name: 'body_markdown', type: 'text', nullable: true })
  bodyMarkdown!: string | null;
}
