import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CourseVersionStatus } from '../course-version-status';
import { QuestionOption } from '../entities/question-option';
import { QuestionKind } from '../question-kind';
import { DraftContent } from './draft-content';
import { DraftSettings } from './draft-problems';

export interface CourseRow {
  id: string;
  slug: string;
  title: string;
}

export interface VersionSummaryRow {
  id: string;
  courseId: string;
  number: number;
  status: CourseVersionStatus;
  title: string;
  createdAt: Date;
  publishedAt: Date | null;
  learners: number;
}

export interface VersionRow extends DraftSettings {
  id: string;
  courseId: string;
  slug: string;
  number: number;
  status: CourseVersionStatus;
  publishedAt: Date | null;
}

export interface DraftRow extends VersionRow {
  content: DraftContent;
  updatedAt: Date;
}

/** The published content of a version, in reading order, answer keys included: what a draft is copied from. */
export interface PublishedContentRows {
  modules: Array<{ id: string; title: string }>;
  pages: Array<{ id: string; moduleId: string; title: string; bodyHtml: string; bodyMarkdown: string | null }>;
  checks: Array<{ pageId: string; kind: QuestionKind; prompt: string; options: QuestionOption[]; feedback: string }>;
  questions: Array<{ kind: QuestionKind; prompt: string; options: QuestionOption[]; moduleId: string | null }>;
}

/** What publishing writes: the draft's items with their ids, bodies already rendered and sanitised. */
export interface ContentToPublish {
  modules: Array<{ id: string; position: number; title: string }>;
  pages: Array<{ id: string; moduleId: string; position: number; title: string; bodyHtml: string; bodyMarkdown: string }>;
  checks: Array<{ id: string; pageId: string; position: number; kind: QuestionKind; prompt: string; options: QuestionOption[]; feedback: string }>;
  questions: Array<{ id: string; position: number; kind: QuestionKind; prompt: string; options: QuestionOption[]; moduleId: string }>;
}

const VERSION_COLUMNS = `v.id, v.course_id AS "courseId", c.slug, v.number, v.status, v.title, v.summary, v.content_warning AS "contentWarning",
  v.support_text AS "supportText", v.pass_mark_percent AS "passMarkPercent", v.assessment_size AS "assessmentSize", v.published_at AS "publishedAt"`;

/** Versions as authors see them, drafts and their documents. Content rows of a published version are only ever inserted here, never updated. */
@Injectable()
export class CourseDraftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async courses(): Promise<CourseRow[]> {
    return this.dataSource.query(`SELECT id, slug, title FROM course ORDER BY title`);
  }

  async findCourse(slug: string, manager: EntityManager = this.dataSource.manager): Promise<CourseRow | null> {
    const rows: CourseRow[] = await manager.query(`SELECT id, slug, title FROM course WHERE slug = $1`, [slug]);
    return rows[0] ?? null;
  }

  /**
   * Serialises whatever changes which versions a course has (a new draft, a publish, the seed's
   * CoursePublisherService) on the course row, as CoursePublisherService does.
   */
  async lockCourse(manager: EntityManager, slug: string): Promise<CourseRow | null> {
    const rows: CourseRow[] = await manager.query(`SELECT id, slug, title FROM course WHERE slug = $1 FOR UPDATE`, [slug]);
    return rows[0] ?? null;
  }

  /** Newest first. Each count is read from course_enrolment_version_id_idx. */
  async versionsOf(courseIds: readonly string[]): Promise<VersionSummaryRow[]> {
    return this.dataSource.query(
      `SELECT v.id, v.course_id AS "courseId", v.number, v.status, v.title, v.created_at AS "createdAt", v.published_at AS "publishedAt",
              (SELECT count(*)::int FROM course_enrolment e WHERE e.version_id = v.id) AS learners
         FROM course_version v
        WHERE v.course_id = ANY($1)
        ORDER BY v.course_id, v.number DESC`,
      [courseIds],
    );
  }

  /** The course's draft, if it has one (served by course_version_draft_key). */
  async findDraft(slug: string, manager: EntityManager = this.dataSource.manager): Promise<DraftRow | null> {
    const rows: DraftRow[] = await manager.query(
      `SELECT ${VERSION_COLUMNS}, d.content, d.updated_at AS "updatedAt"
         FROM course c JOIN course_version v ON v.course_id = c.id AND v.status = 'DRAFT' JOIN course_draft d ON d.version_id = v.id
        WHERE c.slug = $1`,
      [slug],
    );
    return rows[0] ?? null;
  }

  /**
   * One version of a course, locked for the rest of the transaction: every edit of a draft and its
   * publishing queue on this row, so none is lost and none lands after the draft was published.
   */
  async lockVersion(
    manager: EntityManager,
    slug: string,
    number: number,
  ): Promise<(VersionRow & { content: DraftContent | null; updatedAt: Date | null }) | null> {
    const rows: VersionRow[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM course c JOIN course_version v ON v.course_id = c.id WHERE c.slug = $1 AND v.number = $2 FOR UPDATE OF v`,
      [slug, number],
    );
    if (!rows.length) return null;
    // Read after the lock is held, in a statement of its own: a statement that waited for the lock
    // would still see the document as it was before the edit it waited for, and overwrite that edit.
    const drafts: Array<{ content: DraftContent; updatedAt: Date }> = await manager.query(
      `SELECT content, updated_at AS "updatedAt" FROM course_draft WHERE version_id = $1`,
      [rows[0].id],
    );
    return { ...rows[0], content: drafts[0]?.content ?? null, updatedAt: drafts[0]?.updatedAt ?? null };
  }

  async publishedContent(manager: EntityManager, versionId: string): Promise<PublishedContentRows> {
    // One after another: a transaction's statements share one connection.
    const modules = await manager.query<PublishedContentRows['modules']>(`SELECT id, title FROM course_module WHERE version_id = $1 ORDER BY position`, [
      versionId,
    ]);
    const pages = await manager.query<PublishedContentRows['pages']>(
      `SELECT p.id, p.module_id AS "moduleId", p.title, p.body_html AS "bodyHtml", p.body_markdown AS "bodyMarkdown"
         FROM course_page p JOIN course_module m ON m.id = p.module_id WHERE m.version_id = $1 ORDER BY m.position, p.position`,
      [versionId],
    );
    const checks = await manager.query<PublishedContentRows['checks']>(
      `SELECT k.page_id AS "pageId", k.kind, k.prompt, k.options, k.feedback
         FROM knowledge_check k JOIN course_page p ON p.id = k.page_id JOIN course_module m ON m.id = p.module_id
        WHERE m.version_id = $1 ORDER BY m.position, p.position, k.position`,
      [versionId],
    );
    const questions = await manager.query<PublishedContentRows['questions']>(
      `SELECT kind, prompt, options, module_id AS "moduleId" FROM assessment_question WHERE version_id = $1 ORDER BY position`,
      [versionId],
    );
    return { modules, pages, checks, questions };
  }

  /** The next number after every version the course has had, as a DRAFT with the published version's settings. */
  async insertDraftVersion(manager: EntityManager, courseId: string, from: DraftSettings): Promise<{ id: string; number: number }> {
    const rows: Array<{ id: string; number: number }> = await manager.query(
      `INSERT INTO course_version (course_id, number, status, title, summary, content_warning, support_text, pass_mark_percent, assessment_size)
       SELECT $1, COALESCE(max(number), 0) + 1, 'DRAFT', $2, $3, $4, $5, $6, $7 FROM course_version WHERE course_id = $1
       RETURNING id, number`,
      [courseId, from.title, from.summary, from.contentWarning, from.supportText, from.passMarkPercent, from.assessmentSize],
    );
    return rows[0];
  }

  async insertDraft(manager: EntityManager, draft: { versionId: string; content: DraftContent; now: Date; userId: string }): Promise<void> {
    await manager.query(`INSERT INTO course_draft (version_id, content, updated_at, updated_by_id) VALUES ($1, $2, $3, $4)`, [
      draft.versionId,
      JSON.stringify(draft.content),
      draft.now,
      draft.userId,
    ]);
  }

  async saveDraft(manager: EntityManager, draft: { versionId: string; content: DraftContent; now: Date; userId: string }): Promise<void> {
    await manager.query(`UPDATE course_draft SET content = $2, updated_at = $3, updated_by_id = $4 WHERE version_id = $1`, [
      draft.versionId,
      JSON.stringify(draft.content),
      draft.now,
      draft.userId,
    ]);
  }

  /** Only a draft's settings change; the status test makes that hold whatever the caller checked. */
  async updateSettings(manager: EntityManager, versionId: string, settings: DraftSettings): Promise<void> {
    await manager.query(
      `UPDATE course_version SET title = $2, summary = $3, content_warning = $4, support_text = $5, pass_mark_percent = $6, assessment_size = $7
        WHERE id = $1 AND status = 'DRAFT'`,
      [versionId, settings.title, settings.summary, settings.contentWarning, settings.supportText, settings.passMarkPercent, settings.assessmentSize],
    );
  }

  /** Writes a draft out as its version's content rows: one statement per table, ids kept from the draft. */
  async insertContent(manager: EntityManager, versionId: string, content: ContentToPublish): Promise<void> {
    const { modules, pages, checks, questions } = content;
    await manager.query(
      `INSERT INTO course_module (id, version_id, position, title)
       SELECT t.id, $1, t.position, t.title FROM unnest($2::uuid[], $3::int[], $4::text[]) AS t(id, position, title)`,
      [versionId, modules.map((m) => m.id), modules.map((m) => m.position), modules.map((m) => m.title)],
    );
    await manager.query(
      `INSERT INTO course_page (id, module_id, position, title, body_html, body_markdown)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[])`,
      [
        pages.map((p) => p.id),
        pages.map((p) => p.moduleId),
        pages.map((p) => p.position),
        pages.map((p) => p.title),
        pages.map((p) => p.bodyHtml),
        pages.map((p) => p.bodyMarkdown),
      ],
    );
    await manager.query(
      `INSERT INTO knowledge_check (id, page_id, position, kind, prompt, options, feedback)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::text[])`,
      [
        checks.map((c) => c.id),
        checks.map((c) => c.pageId),
        checks.map((c) => c.position),
        checks.map((c) => c.kind),
        checks.map((c) => c.prompt),
        checks.map((c) => JSON.stringify(c.options)),
        checks.map((c) => c.feedback),
      ],
    );
    await manager.query(
      `INSERT INTO assessment_question (id, version_id, position, kind, prompt, options, module_id)
       SELECT t.id, $1, t.position, t.kind, t.prompt, t.options, t.module_id
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::uuid[]) AS t(id, position, kind, prompt, options, module_id)`,
      [
        versionId,
        questions.map((q) => q.id),
        questions.map((q) => q.position),
        questions.map((q) => q.kind),
        questions.map((q) => q.prompt),
        questions.map((q) => JSON.stringify(q.options)),
        questions.map((q) => q.moduleId),
      ],
    );
  }

  /** The draft becomes what new learners start; the caller has retired the published version first (course_version_published_key). */
  async markPublished(manager: EntityManager, versionId: string, now: Date): Promise<void> {
    await manager.query(`UPDATE course_version SET status = 'PUBLISHED', published_at = $2 WHERE id = $1 AND status = 'DRAFT'`, [versionId, now]);
    await manager.query(`DELETE FROM course_draft WHERE version_id = $1`, [versionId]);
  }
}
