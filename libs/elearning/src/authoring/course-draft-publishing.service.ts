import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { TransactionRunnerService } from '@dasv/database';
import { CourseContentRepository } from '../course-content.repository';
import { elearningError } from '../elearning.errors';
import { courseAuthoringError } from './course-authoring.errors';
import { ContentToPublish, CourseDraftRepository } from './course-draft.repository';
import { versionSummary } from './course-draft.view';
import { DraftContent } from './draft-content';
import { draftProblems, fieldsOf, renderDraftPages } from './draft-problems';
import { RenderedBody } from './page-body';
import { DraftVersionInput } from './dto/authoring.inputs';
import { LockedDraftsService } from './locked-drafts.service';
import { CourseVersionSummary } from './models/authoring.models';

/**
 * Publishing a draft: the version new learners start from then on. Learners already part-way
 * through keep the version their enrolment is pinned to, and each completion records its own.
 *
 * Nothing cached needs clearing. CourseOutlinesService caches a version's content by version id for the
 * life of a process, which is only right because content never changes once learners can see it;
 * a draft is never read through it (its content is not in the content tables until this
 * transaction commits them, together with the PUBLISHED status that makes anyone look), and the
 * retired version's outline stays true for the learners still on it. Which version is published
 * is read afresh on every request (CourseCatalogueService).
 */
@Injectable()
export class CourseDraftPublishingService {
  constructor(
    private readonly locked: LockedDraftsService,
    private readonly drafts: CourseDraftRepository,
    private readonly content: CourseContentRepository,
    private readonly transactions: TransactionRunnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(me: AuthUser, input: DraftVersionInput): Promise<CourseVersionSummary> {
    const versionId = await this.transactions.run(async (manager) => {
      // The course row first, as CoursePublisherService and new drafts take it: one change of versions at a time per course.
      const course = await this.drafts.lockCourse(manager, input.slug);
      if (!course) throw elearningError('CourseNotFound', 'There is no such course.');
      const { version, document } = await this.locked.draft(me, manager, input);
      const rendered = renderDraftPages(document.content);
      const problems = draftProblems(version, document.content, rendered);
      if (problems.length) {
        throw courseAuthoringError(
          'DraftInvalid',
          `Version ${version.number} cannot be published until ${problems.length === 1 ? 'this problem is' : `these ${problems.length} problems are`} fixed.`,
          fieldsOf(problems),
        );
      }
      const previous = await this.content.publishedVersion(input.slug, manager);
      await this.drafts.insertContent(manager, version.id, rowsOf(document.content, rendered));
      // Retire before publishing: course_version_published_key allows one published version per course.
      await this.content.retirePublished(manager, course.id);
      const now = this.clock.now();
      await this.drafts.markPublished(manager, version.id, now);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'course_version.published',
        entityType: 'course_version',
        entityId: version.id,
        details: {
          slug: input.slug,
          number: version.number,
          retired: previous?.version.number ?? null,
          modules: document.content.modules.length,
          pages: document.content.modules.reduce((n, m) => n + m.pages.length, 0),
          bankQuestions: document.content.questionBank.length,
        },
      });
      return version.id;
    });
    const versions = await this.drafts.versionsOf([(await this.drafts.findCourse(input.slug))!.id]);
    return versionSummary(versions.find((v) => v.id === versionId)!);
  }
}

/** The draft as content rows, positions from array order, bodies as just rendered and sanitised. */
function rowsOf(content: DraftContent, rendered: Map<string, RenderedBody>): ContentToPublish {
  const rows: ContentToPublish = { modules: [], pages: [], checks: [], questions: [] };
  content.modules.forEach((m, mi) => {
    rows.modules.push({ id: m.id, position: mi + 1, title: m.title });
    m.pages.forEach((p, pi) => {
      rows.pages.push({ id: p.id, moduleId: m.id, position: pi + 1, title: p.title, bodyHtml: rendered.get(p.id)!.html, bodyMarkdown: p.bodyMarkdown });
      p.checks.forEach((c, ci) =>
        rows.checks.push({ id: c.id, pageId: p.id, position: ci + 1, kind: c.kind, prompt: c.prompt, options: c.options, feedback: c.feedback }),
      );
    });
  });
  // draftProblems has made sure every question names a module of this draft.
  content.questionBank.forEach((q, qi) =>
    rows.questions.push({ id: q.id, position: qi + 1, kind: q.kind, prompt: q.prompt, options: q.options, moduleId: q.moduleId! }),
  );
  return rows;
}
