import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ReportedCourseRow {
  id: string;
  slug: string;
  title: string;
}

export interface PublishedCourseRow extends ReportedCourseRow {
  /** The support signposting the course shows at the foot of every page. */
  supportText: string;
}

/** The course a report or a reminder is about. Any course with a slug: its figures outlive its versions. */
@Injectable()
export class ReportedCoursesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<ReportedCourseRow | null> {
    const [row]: ReportedCourseRow[] = await manager.query(`SELECT id, slug, title FROM course WHERE slug = $1`, [slug]);
    return row ?? null;
  }

  /** The course as learners meet it now: its published version's title and support text; null when none is published. */
  async findPublished(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<PublishedCourseRow | null> {
    const [row]: PublishedCourseRow[] = await manager.query(
      `SELECT c.id, c.slug, v.title, v.support_text AS "supportText"
       FROM course c JOIN course_version v ON v.course_id = c.id AND v.status = 'PUBLISHED'
       WHERE c.id = $1`,
      [courseId],
    );
    return row ?? null;
  }
}
