import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CourseContent, renderBlocks } from './content/course-content';
import { CourseVersion } from './entities/course-version.entity';
import { CourseVersionStatus } from './course-version-status';
import { QuestionOption } from './entities/question-option';
import { QuestionKind } from './question-kind';

export interface PublishedVersionRow {
  courseId: string;
  slug: string;
  courseTitle: string;
  version: CourseVersion;
}

export interface OutlineRows {
  modules: Array<{ id: string; position: number; title: string }>;
  pages: Array<{ id: string; moduleId: string; position: number; title: string; bodyHtml: string }>;
  checks: Array<{ id: string; pageId: string; position: number; kind: QuestionKind; prompt: string; options: QuestionOption[]; feedback: string }>;
  questionBankSize: number;
}

/** Course content: a version and everything in it. Content rows are written once, when a version is created. */
@Injectable()
export class CourseContentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publishedVersion(slug: string, manager: EntityManager = this.dataSource.manager): Promise<PublishedVersionRow | null> {
    const rows: Array<{ course_id: string; slug: string; course_title: string; version_id: string }> = await manager.query(
      `SELECT c.id AS course_id, c.slug, c.title AS course_title, v.id AS version_id
         FROM course c JOIN course_version v ON v.course_id = c.id AND v.status = 'PUBLISHED'
        WHERE c.slug = $1`,
      [slug],
    );
    if (!rows.length) return null;
    const version = await manager.getRepository(CourseVersion).findOneByOrFail({ id: rows[0].version_id });
    return { courseId: rows[0].course_id, slug: rows[0].slug, courseTitle: rows[0].course_title, version };
  }

  /** Slugs of the courses offered to new learners, by title; one row per course (course_version_published_key). */
  async publishedSlugs(): Promise<string[]> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT c.slug FROM course c JOIN course_version v ON v.course_id = c.id AND v.status = 'PUBLISHED' ORDER BY v.title, c.slug`,
    );
    return rows.map((r) => r.slug);
  }

  async versionWithCourse(versionId: string): Promise<PublishedVersionRow> {
    const version = await this.dataSource.getRepository(CourseVersion).findOneOrFail({ where: { id: versionId }, relations: { course: true } });
    return { courseId: version.courseId, slug: version.course!.slug, courseTitle: version.course!.title, version };
  }

  async versionOfPage(pageId: string): Promise<string | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(pageId)) return null;
    const rows: Array<{ version_id: string }> = await this.dataSource.query(
      `SELECT m.version_id FROM course_page p JOIN course_module m ON m.id = p.module_id WHERE p.id = $1`,
      [pageId],
    );
    return rows[0]?.version_id ?? null;
  }

  /** Modules, pages and checks of one version, in reading order. */
  async outlineRows(versionId: string): Promise<OutlineRows> {
    const [modules, pages, checks, bank] = await Promise.all([
      this.dataSource.query<OutlineRows['modules']>(`SELECT id, position, title FROM course_module WHERE version_id = $1 ORDER BY position`, [versionId]),
      this.dataSource.query<OutlineRows['pages']>(
        `SELECT p.id, p.module_id AS "moduleId", p.position, p.title, p.body_html AS "bodyHtml"
           FROM course_page p JOIN course_module m ON m.id = p.module_id
          WHERE m.version_id = $1 ORDER BY m.position, p.position`,
        [versionId],
      ),
      this.dataSource.query<OutlineRows['checks']>(
        `SELECT k.id, k.page_id AS "pageId", k.position, k.kind, k.prompt, k.options, k.feedback
           FROM knowledge_check k JOIN course_page p ON p.id = k.page_id JOIN course_module m ON m.id = p.module_id
          WHERE m.version_id = $1 ORDER BY m.position, p.position, k.position`,
        [versionId],
      ),
      this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM assessment_question WHERE version_id = $1`, [versionId]),
    ]);
    return { modules, pages, checks, questionBankSize: bank[0].n };
  }

  async ensureCourse(manager: EntityManager, slug: string, title: string): Promise<string> {
    await manager.query(`INSERT INTO course (slug, title) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT course_slug_key DO NOTHING`, [slug, title]);
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM course WHERE slug = $1`, [slug]);
    return rows[0].id;
  }

  async hasVersion(manager: EntityManager, courseId: string, number: number): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM course_version WHERE course_id = $1 AND number = $2`, [courseId, number]);
    return rows.length > 0;
  }

  async retirePublished(manager: EntityManager, courseId: string): Promise<void> {
    await manager.query(`UPDATE course_version SET status = 'RETIRED' WHERE course_id = $1 AND status = 'PUBLISHED'`, [courseId]);
  }

  /** Writes a whole version: one statement per table, rows matched back to their parents by position. */
  async insertVersion(
    manager: EntityManager,
    courseId: string,
    content: CourseContent,
    status: CourseVersionStatus,
    publishedAt: Date | null,
  ): Promise<string> {
    const [{ id: versionId }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO course_version (course_id, number, status, title, summary, content_warning, support_text, pass_mark_percent, assessment_size, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        courseId,
        content.version,
        status,
        content.title,
        content.summary,
        content.contentWarning,
        content.supportText,
        content.passMarkPercent,
        content.assessmentSize,
        publishedAt,
      ],
    );
    const modules: Array<{ id: string; position: number }> = await manager.query(
      `INSERT INTO course_module (version_id, position, title)
       SELECT $1, t.position, t.title FROM unnest($2::int[], $3::text[]) AS t(position, title) RETURNING id, position`,
      [versionId, content.modules.map((_, i) => i + 1), content.modules.map((m) => m.title)],
    );
    const moduleIdAt = new Map(modules.map((m) => [m.position, m.id]));
    const pageSpecs = content.modules.flatMap((m, mi) => m.pages.map((p, pi) => ({ moduleId: moduleIdAt.get(mi + 1)!, position: pi + 1, page: p })));
    const pages: Array<{ id: string; module_id: string; position: number }> = await manager.query(
      `INSERT INTO course_page (module_id, position, title, body_html)
       SELECT t.module_id, t.position, t.title, t.body_html FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS t(module_id, position, title, body_html)
       RETURNING id, module_id, position`,
      [pageSpecs.map((s) => s.moduleId), pageSpecs.map((s) => s.position), pageSpecs.map((s) => s.page.title), pageSpecs.map((s) => renderBlocks(s.page.body))],
    );
    const pageIdAt = new Map(pages.map((p) => [`${p.module_id}:${p.position}`, p.id]));
    const checks = pageSpecs.flatMap((s) =>
      (s.page.checks ?? []).map((c, ci) => ({ pageId: pageIdAt.get(`${s.moduleId}:${s.position}`)!, position: ci + 1, check: c })),
    );
    await manager.query(
      `INSERT INTO knowledge_check (page_id, position, kind, prompt, options, feedback)
       SELECT t.page_id, t.position, t.kind, t.prompt, t.options, t.feedback
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::text[]) AS t(page_id, position, kind, prompt, options, feedback)`,
      [
        checks.map((c) => c.pageId),
        checks.map((c) => c.position),
        checks.map((c) => c.check.kind),
        checks.map((c) => c.check.prompt),
        checks.map((c) => JSON.stringify(c.check.options)),
        checks.map((c) => c.check.feedback),
      ],
    );
    const bank = content.questionBank;
    await manager.query(
      `INSERT INTO assessment_question (version_id, position, kind, prompt, options, module_id)
       SELECT $1, t.position, t.kind, t.prompt, t.options, t.module_id
         FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::uuid[]) AS t(position, kind, prompt, options, module_id)`,
      [
        versionId,
        bank.map((_, i) => i + 1),
        bank.map((b) => b.kind),
        bank.map((b) => b.prompt),
        bank.map((b) => JSON.stringify(b.options)),
        bank.map((b) => moduleIdAt.get(b.module)!),
      ],
    );
    return versionId;
  }
}
