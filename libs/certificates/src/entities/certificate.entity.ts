import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Proof of a completion. What it says is copied at issue, so it reads the same for ever. */
@Entity('certificate')
@Unique('certificate_verification_code_key', ['verificationCode'])
@Unique('certificate_user_course_key', ['userId', 'courseId'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'certificate_pkey' })
  id!: string;

  @Column({ name: 'verification_code', type: 'text' })
  verificationCode!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'certificate_user_id_fkey' })
  user?: unknown;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne('Course')
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'certificate_course_id_fkey' })
  course?: unknown;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne('CourseVersion')
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'certificate_version_id_fkey' })
  version?: unknown;

  @Column({ name: 'learner_name', type: 'text' })
  learnerName!: string;

  @Column({ name: 'course_title', type: 'text' })
  courseTitle!: string;

  @Column({ name: 'version_number', type: 'integer' })
  versionNumber!: number;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
