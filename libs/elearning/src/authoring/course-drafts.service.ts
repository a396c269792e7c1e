import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { AppError, Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { TransactionRunnerService } from '@dasv/database';
import { CourseContentRepository } from '../course-content.repository';
import { elearningError } from '../elearning.errors';
import { CourseVersionStatus } from '../course-version-status';
import { CourseAuthorsService } from './course-authors.service';
import { courseAuthoringError } from './course-authoring.errors';
import { CourseDraftRepository, CourseRow, PublishedContentRows } from './course-draft.repository';
import { draftView, versionSummary } from './course-draft.view';
import { DraftCheck, DraftContent, DraftModule, DraftPage } from './draft-content';
import { markdownFromBlocksHtml } from './page-body';
import { CourseDraftView, CourseVersionSummary } from './models/authoring.models';

export interface CourseVersions {
  course: CourseRow;
  versions: CourseVersionSummary[];
  draftNumber: number | null;
}

function draftExists(): AppError {
  return courseAuthoringError('DraftExists', 'This course already has a draft: edit it, or publish it before starting another.');
}

/** A course's versions as authors see them, and starting a draft of the next one. */
@Injectable()
export class CourseDraftsService {
  constructor(
    private readonly authors: CourseAuthorsService,
    private readonly drafts: CourseDraftRepository,
    private readonly content: CourseContentRepository,
    private readonly transactions: TransactionRunnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every course with its versions, newest first. */
  async catalogue(me: AuthUser): Promise<CourseVersions[]> {
    await this.authors.require(me);
    const courses = await this.drafts.courses();
    const versions = await this.drafts.versionsOf(courses.map((c) => c.id));
    return courses.map((course) => {
      const own = versions.filter((v) => v.courseId === course.id).map(versionSummary);
      return { course, versions: own, draftNumber: own.find((v) => v.status === CourseVersionStatus.DRAFT)?.number ?? null };
    });
  }

  async versions(me: AuthUser, slug: string): Promise<CourseVersionSummary[]> {
    await this.authors.require(me);
    const course = await this.requireCourse(slug);
    return (await this.drafts.versionsOf([course.id])).map(versionSummary);
  }

  /** Null when the course has no draft. */
  async draft(me: AuthUser, slug: string): Promise<CourseDraftView | null> {
    await this.authors.require(me);
    const draft = await this.drafts.findDraft(slug);
    if (draft) return draftView(draft);
    await this.requireCourse(slug);
    return null;
  }

  /** A copy of the published version, numbered after every version the course has had. */
  async create(me: AuthUser, slug: string): Promise<CourseDraftView> {
    await this.authors.require(me);
    try {
      await this.transactions.run(async (manager) => {
        const course = await this.drafts.lockCourse(manager, slug);
        if (!course) throw elearningError('CourseNotFound', 'There is no such course.');
        if (await this.drafts.findDraft(slug, manager)) throw draftExists();
        const published = await this.content.publishedVersion(slug, manager);
        if (!published) throw elearningError('CourseNotFound', 'This course has no published version to copy.');
        const from = published.version;
        const content = copyOf(await this.drafts.publishedContent(manager, from.id));
        const created = await this.drafts.insertDraftVersion(manager, course.id, from);
        await this.drafts.insertDraft(manager, { versionId: created.id, content, now: this.clock.now(), userId: me.id });
        await this.audit.record(manager, {
          actorId: me.id,
          action: 'course_version.draft_created',
          entityType: 'course_version',
          entityId: created.id,
          details: { slug, number: created.number, copiedFrom: from.number },
        });
      });
    } catch (error) {
      // The course row lock makes this unreachable between our own callers; the index is what guarantees it.
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'course_version_draft_key') throw draftExists();
      throw error;
    }
    return draftView((await this.drafts.findDraft(slug))!);
  }

  private async requireCourse(slug: string): Promise<CourseRow> {
    const course = await this.drafts.findCourse(slug);
    if (!course) throw elearningError('CourseNotFound', 'There is no such course.');
    return course;
  }
}

/**
 * The published content as a fresh document: new ids throughout (the published rows keep theirs),
 * bank questions pointed at the copies of their modules, and Markdown for every page, derived from
 * the HTML for pages that came from a content file.
 */
function copyOf(rows: PublishedContentRows): DraftContent {
  const modules = new Map<string, DraftModule>(rows.modules.map((m) => [m.id, { id: randomUUID(), title: m.title, pages: [] }]));
  const pages = new Map(
    rows.pages.map((p) => {
      const page: DraftPage = { id: randomUUID(), title: p.title, bodyMarkdown: p.bodyMarkdown ?? markdownFromBlocksHtml(p.bodyHtml), checks: [] };
      modules.get(p.moduleId)!.pages.push(page);
      return [p.id, page] as const;
    }),
  );
  for (const c of rows.checks)
    pages.get(c.pageId)!.checks.push({ id: randomUUID(), kind: c.kind, prompt: c.prompt, options: c.options, feedback: c.feedback } satisfies DraftCheck);
  return {
    modules: [...modules.values()],
    questionBank: rows.questions.map((q) => ({
      id: randomUUID(),
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      moduleId: q.moduleId ? (modules.get(q.moduleId)?.id ?? null) : null,
    })),
  };
}
