import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('course')
@Unique('course_slug_key', ['slug'])
export class Course {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_pkey' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
