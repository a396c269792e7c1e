import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CoursePage } from './course-page.entity';
import { QuestionColumns } from './question-option';

@Entity('knowledge_check')
@Unique('knowledge_check_page_position_key', ['pageId', 'position'])
@Check('knowledge_check_kind_check', `kind IN ('SINGLE', 'MULTIPLE')`)
export class KnowledgeCheck extends QuestionColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'knowledge_check_pkey' })
  id!: string;

  @Column({ name: 'page_id', type: 'uuid' })
  pageId!: string;

  @ManyToOne(() => CoursePage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'page_id', foreignKeyConstraintName: 'knowledge_check_page_id_fkey' })
  page?: CoursePage;

  @Column({ type: 'text' })
  feedback!: string;
}
