import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { CompletionRecorderService } from '@dasv/completions';
import { TransactionRunnerService } from '@dasv/database';
import { problemsWithAnswer } from './answer-rules';
import { AssessmentRepository } from './assessment.repository';
import { CourseCatalogueService } from './course-catalogue.service';
import { CourseOutlinesService, PageInOutline, VersionOutline } from './course-outlines.service';
import { CourseProgressRepository } from './course-progress.repository';
import { SaveCoursePageInput } from './dto/course.args';
import { elearningError } from './elearning.errors';
import { CourseEnrolment } from './entities/course-enrolment.entity';
import { PageAnswers, PageProgress } from './entities/page-progress.entity';
import { AssessmentAttemptSummary } from './models/assessment.models';
import { CourseProgress, CourseProgressInFull, KnowledgeCheckFeedback, PageProgressSummary, SavedCoursePage } from './models/progress.models';

/**
 * A learner's own journey through a course. Every method is keyed by the caller: nothing here
 * takes another user's id, so one learner can never read or write another's progress.
 */
@Injectable()
export class CourseProgressService {
  constructor(
    private readonly transactions: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly catalogue: CourseCatalogueService,
    private readonly outlines: CourseOutlinesService,
    private readonly progress: CourseProgressRepository,
    private readonly assessments: AssessmentRepository,
    private readonly completions: CompletionRecorderService,
  ) {}

  async myProgress(me: AuthUser, slug: string): Promise<CourseProgressInFull | null> {
    const enrolment = await this.progress.findEnrolment(me.id, slug);
    if (!enrolment) {
      await this.catalogue.publishedOutline(slug); // an unknown course is NOT_FOUND, not "not started"
      return null;
    }
    return this.describe(enrolment, await this.outlines.of(enrolment.versionId));
  }

  /** Pins the version published now; starting again keeps the learner where they were. */
  async start(me: AuthUser, slug: string): Promise<CourseProgressInFull> {
    const existing = await this.progress.findEnrolment(me.id, slug);
    if (existing) return this.describe(existing, await this.outlines.of(existing.versionId));
    const outline = await this.catalogue.publishedOutline(slug);
    const enrolment = await this.transactions.run(async (manager) => {
      const now = this.clock.now();
      if (
        await this.progress.enrol(manager, {
          userId: me.id,
          courseId: outline.courseId,
          versionId: outline.versionId,
          firstPageId: outline.order[0] ?? null,
          now,
        })
      ) {
        await this.completions.recordStart(manager, { organisationId: me.organisationId, courseId: outline.courseId, now });
      }
      return (await this.progress.findEnrolment(me.id, slug, manager))!;
    });
    // Two devices starting at once: the loser's insert did nothing, and it reports the winner's pin.
    return this.describe(enrolment, await this.outlines.of(enrolment.versionId));
  }

  /**
   * The common case in one statement: the page names its version, and the save applies only if the
   * caller is enrolled on that version. Anything else (not started, a page of another version, bad
   * answers) goes the long way, which finds out which it is and says so in that order.
   */
  async savePage(me: AuthUser, input: SaveCoursePageInput): Promise<SavedCoursePage> {
    const versionId = await this.outlines.versionOfPage(input.pageId);
    if (versionId) {
      const outline = await this.outlines.of(versionId);
      const page = outline.pages.get(input.pageId)!;
      const answers = outline.content.slug === input.slug ? this.answersIfValid(page, input.answers ?? []) : null;
      const saved = answers && (await this.save(me, outline, page, answers, input.timeSpentSeconds));
      if (saved) return saved;
    }
    const enrolment = await this.progress.findEnrolment(me.id, input.slug);
    if (!enrolment) {
      await this.catalogue.publishedOutline(input.slug);
      throw elearningError('NotStarted', 'Start the course before saving a page.');
    }
    const outline = await this.outlines.of(enrolment.versionId);
    const page = outline.pages.get(input.pageId);
    if (!page) {
      throw elearningError('PageNotInVersion', 'That page is not part of the version of the course you are taking.', {
        pageId: ['Choose a page of this course'],
      });
    }
    const answers = this.validAnswers(page, input.answers ?? []);
    const saved = await this.save(me, outline, page, answers, input.timeSpentSeconds);
    // Only an enrolment removed in between (the account deleted) gets here without one.
    if (!saved) throw elearningError('NotStarted', 'Start the course before saving a page.');
    return saved;
  }

  private async save(
    me: AuthUser,
    outline: VersionOutline,
    page: PageInOutline,
    answers: PageAnswers,
    timeSpentSeconds: number,
  ): Promise<SavedCoursePage | null> {
    const feedback = page.checks
      .filter((c) => answers[c.id])
      .map((c): KnowledgeCheckFeedback => {
        const correctOptionIds = c.options.filter((o) => o.correct).map((o) => o.id);
        const chosen = new Set(answers[c.id]);
        // Multiple choice is right only with every right option and no wrong one.
        const isCorrect = chosen.size === correctOptionIds.length && correctOptionIds.every((id) => chosen.has(id));
        return { checkId: c.id, isCorrect, correctOptionIds, feedback: c.feedback };
      });
    // Resume where the learner was last active: after going back to an earlier page, that is the
    // page after it, not the furthest page ever reached.
    const pageId = page.content.id;
    const nextPageId = outline.order[page.index + 1] ?? null;
    const now = this.clock.now();
    // Reading a page is completing it; a page with questions is complete once every one is answered.
    const isComplete = page.checks.every((c) => answers[c.id]);
    const saved = await this.progress.savePage({
      userId: me.id,
      courseId: outline.courseId,
      versionId: outline.versionId,
      pageId,
      answers,
      timeSpentSeconds,
      completedAt: isComplete ? now : null,
      currentPageId: nextPageId ?? pageId,
      versionPageIds: outline.order,
      now,
    });
    if (!saved) return null;
    // The page list and attempts are read only if the caller asks for them (CourseProgressResolver).
    return { feedback, nextPageId, progress: this.summarise(saved.enrolment, outline, saved.pagesCompleted) };
  }

  private answersIfValid(page: PageInOutline, given: Array<{ checkId: string; optionIds: string[] }>): PageAnswers | null {
    try {
      return this.validAnswers(page, given);
    } catch {
      return null;
    }
  }

  /** A learner's pages of their pinned version, in course order; for CourseProgress.pages. */
  async pageSummaries(enrolmentId: string, versionId: string): Promise<PageProgressSummary[]> {
    const outline = await this.outlines.of(versionId);
    return this.orderedPages(await this.progress.pagesOf(enrolmentId), outline).map(toSummary);
  }

  /** For CourseProgress.attempts. */
  async attemptSummaries(enrolmentId: string): Promise<AssessmentAttemptSummary[]> {
    return (await this.assessments.attemptsOf(enrolmentId)).map((a) => ({
      number: a.number,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      score: a.score,
      passed: a.passed,
    }));
  }

  private validAnswers(page: PageInOutline, given: Array<{ checkId: string; optionIds: string[] }>): PageAnswers {
    const checks = new Map(page.checks.map((c) => [c.id, c]));
    const problems: string[] = [];
    const answers: PageAnswers = {};
    for (const answer of given) {
      const check = checks.get(answer.checkId);
      if (!check) {
        problems.push('Answer only the questions on this page');
        continue;
      }
      if (answers[check.id]) problems.push('Answer each question once');
      problems.push(...problemsWithAnswer(check, answer.optionIds));
      answers[check.id] = answer.optionIds;
    }
    if (problems.length) throw elearningError('InvalidAnswer', 'Check your answers.', { answers: [...new Set(problems)] });
    return answers;
  }

  private async describe(enrolment: CourseEnrolment, outline: VersionOutline): Promise<CourseProgressInFull> {
    const [allPages, attempts] = await Promise.all([this.progress.pagesOf(enrolment.id), this.attemptSummaries(enrolment.id)]);
    const pages = this.orderedPages(allPages, outline);
    return { ...this.summarise(enrolment, outline, pages.filter((p) => p.completedAt).length), pages: pages.map(toSummary), attempts };
  }

  private summarise(enrolment: CourseEnrolment, outline: VersionOutline, pagesCompleted: number): CourseProgress {
    const current = enrolment.currentPageId ? outline.pages.get(enrolment.currentPageId) : undefined;
    return {
      enrolmentId: enrolment.id,
      versionId: enrolment.versionId,
      course: outline.content,
      startedAt: enrolment.startedAt,
      lastActiveAt: enrolment.lastActiveAt,
      completedAt: enrolment.completedAt,
      timeSpentSeconds: enrolment.timeSpentSeconds,
      currentPage: current?.content ?? null,
      currentModulePosition: current?.modulePosition ?? null,
      pagesCompleted,
      totalPages: outline.order.length,
    };
  }

  /** Only pages of the pinned version, in course order. */
  private orderedPages(pages: PageProgress[], outline: VersionOutline): PageProgress[] {
    return pages.filter((p) => outline.pages.has(p.pageId)).sort((a, b) => outline.pages.get(a.pageId)!.index - outline.pages.get(b.pageId)!.index);
  }
}

function toSummary(p: PageProgress): PageProgressSummary {
  return {
    pageId: p.pageId,
    answers: Object.entries(p.answers).map(([checkId, optionIds]) => ({ checkId, optionIds })),
    timeSpentSeconds: p.timeSpentSeconds,
    completedAt: p.completedAt,
  };
}
