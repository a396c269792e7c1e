import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseModule } from './course-module.entity';
import { CourseVersion } from './course-version.entity';
import { QuestionColumns } from './question-option';

/** The version's question bank; an assessment attempt draws `assessment_size` of them. */
@Entity('assessment_question')
@Unique('assessment_question_version_position_key', ['versionId', 'position'])
@Check('assessment_question_kind_check', `kind IN ('SINGLE', 'MULTIPLE')`)
export class AssessmentQuestion extends QuestionColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'assessment_question_pkey' })
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'assessment_question_version_id_fkey' })
  version?: CourseVersion;

  /** The module to revisit after a wrong answer. */
  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId!: string | null;

  @ManyToOne(() => CourseModule, { nullable: true })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'assessment_question_module_id_fkey' })
  module?: CourseModule;
}
