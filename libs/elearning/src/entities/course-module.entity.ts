import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseVersion } from './course-version.entity';

@Entity('course_module')
@Unique('course_module_version_position_key', ['versionId', 'position'])
export class CourseModule {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_module_pkey' })
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'course_module_version_id_fkey' })
  version?: CourseVersion;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;
}
