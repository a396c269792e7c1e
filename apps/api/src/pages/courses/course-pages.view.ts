import { Injectable } from '@nestjs/common';
import { formatLondonDate } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import {
  AssessmentResult,
  AssessmentService,
  CourseCatalogueService,
  CourseProgressService,
  CourseVersionContent,
  elearningError,
  KnowledgeCheckFeedback,
  QuestionKind,
  QuestionView,
} from '@dasv/elearning';
import { PageFlash } from '../shared/flash';
import { answerField, ChosenAnswers, chosenFromFlash, QuestionOnForm } from './course-forms';
import {
  assessmentHref,
  certificateHref,
  completedPageIds,
  courseHref,
  GENERAL_SUPPORT_TEXT,
  pageHref,
  readingOrder,
  resumeHref,
  supportHtml,
  whereToResume,
} from './course-links';
import { ReadingTimeService } from './reading-time.service';

type Status = { text: string; classes: string };

const NOT_STARTED: Status = { text: 'Not started', classes: 'nhsuk-tag--grey' };
const IN_PROGRESS: Status = { text: 'In progress', classes: 'nhsuk-tag--blue' };
const COMPLETED: Status = { text: 'Completed', classes: 'nhsuk-tag--green' };

/** A question as NHS.UK radios (one answer) or checkboxes (several), ticked with what was chosen. */
export interface QuestionField {
  id: string;
  name: string;
  isMultiple: boolean;
  legend: string;
  items: Array<{ value: string; text: string; checked: boolean }>;
  error?: string;
}

export interface FeedbackShown {
  prompt: string;
  isCorrect: boolean;
  chosen: string[];
  correct: string[];
  feedback: string;
}

/** What a save tells the learner, carried to the page shown after it (Post/Redirect/Get). */
export interface SavedFeedback {
  feedback: Array<KnowledgeCheckFeedback & { chosen: string[] }>;
  nextHref: string;
}

/**
 * What the learner's pages show, read through the services GraphQL uses: the caller's own progress
 * and the version they are pinned to. Nothing here decides anything the services would not.
 */
@Injectable()
export class CoursePagesView {
  constructor(
    private readonly catalogue: CourseCatalogueService,
    private readonly progress: CourseProgressService,
    private readonly assessments: AssessmentService,
    private readonly readingTime: ReadingTimeService,
  ) {}

  async courses(me: AuthUser) {
    const courses = await this.catalogue.publishedCourses();
    const progress = await Promise.all(courses.map((course) => this.progress.myProgress(me, course.slug)));
    return {
      supportHtml: supportHtml(GENERAL_SUPPORT_TEXT),
      courses: courses.map((published, i) => {
        const mine = progress[i];
        // A learner keeps the version they started on, and its title, until they finish.
        const course = mine?.course ?? published;
        return {
          title: course.title,
          summary: course.summary,
          href: courseHref(course.slug),
          status: !mine ? NOT_STARTED : mine.completedAt ? COMPLETED : IN_PROGRESS,
          pagesCompleted: mine?.pagesCompleted,
          totalPages: mine?.totalPages,
          continueHref: mine && !mine.completedAt ? resumeHref(course.slug) : undefined,
          completedOn: mine?.completedAt ? formatLondonDate(mine.completedAt) : undefined,
          certificateHref: mine?.completedAt ? certificateHref(course.slug) : undefined,
        };
      }),
    };
  }

  async overview(me: AuthUser, slug: string) {
    const mine = await this.progress.myProgress(me, slug);
    const course = mine?.course ?? (await this.catalogue.publishedCourse(slug));
    const completed = mine ? completedPageIds(mine) : new Set<string>();
    const allPagesDone = readingOrder(course).every(({ page }) => completed.has(page.id));
    return {
      course,
      supportHtml: supportHtml(course.supportText),
      resumeHref: resumeHref(slug),
      assessmentHref: assessmentHref(slug),
      isStarted: Boolean(mine),
      pagesCompleted: mine?.pagesCompleted ?? 0,
      totalPages: readingOrder(course).length,
      // Once every page is done the assessment is open, for practice too after completing.
      isAssessmentOpen: Boolean(mine && allPagesDone),
      completedOn: mine?.completedAt ? formatLondonDate(mine.completedAt) : undefined,
      certificateHref: certificateHref(slug),
      modules: course.modules.map((module) => {
        const done = module.pages.filter((p) => completed.has(p.id)).length;
        return {
          title: `${module.position}. ${module.title}`,
          hint: `${module.pages.length} ${module.pages.length === 1 ? 'page' : 'pages'}`,
          // Before starting, the content warning and the start button come first: no way into a page.
          href: mine && module.pages.length ? pageHref(slug, module.pages[0].id) : undefined,
          status: done === 0 ? NOT_STARTED : done === module.pages.length ? COMPLETED : IN_PROGRESS,
        };
      }),
    };
  }

  /** Null when the learner has not started: the course's overview, with its content warning, comes first. */
  async page(me: AuthUser, slug: string, pageId: string, flash: PageFlash | undefined) {
    const mine = await this.progress.myProgress(me, slug);
    if (!mine) return null;
    const course = mine.course;
    const order = readingOrder(course);
    const here = order.find(({ page }) => page.id === pageId);
    if (!here) throw elearningError('PageNotInVersionAtAddress', 'There is no such page in the version of the course you are taking.');
    const { page, module, index } = here;
    const completed = completedPageIds(mine);
    const saved = savedFeedbackOf(flash);
    const previous = order[index - 1];
    const chosen =
      chosenFromFlash(flash?.data?.answers) ?? new Map((mine.pages.find((p) => p.pageId === pageId)?.answers ?? []).map((a) => [a.checkId, a.optionIds]));
    return {
      course,
      module,
      page,
      moduleCount: course.modules.length,
      positionInCourse: index + 1,
      totalPages: order.length,
      moduleProgress: { position: page.position, pageCount: module.pages.length, completed: module.pages.filter((p) => completed.has(p.id)).length },
      previousHref: previous ? pageHref(slug, previous.page.id) : courseHref(slug),
      pageHref: pageHref(slug, page.id),
      supportHtml: supportHtml(course.supportText),
      questions: page.knowledgeChecks.map((q, i) => questionField(q, `Question ${i + 1}: ${q.prompt}`, chosen.get(q.id) ?? [], flash)),
      shownAt: this.readingTime.stamp(me.id, page.id),
      ...(saved && { feedback: feedbackShown(page.knowledgeChecks, saved), nextHref: saved.nextHref, isLastPage: index === order.length - 1 }),
    };
  }

  /**
   * The assessment as the learner can meet it: locked until every page is complete, an open attempt
   * to carry on with, or ready to start (again).
   */
  async assessment(me: AuthUser, slug: string, flash: PageFlash | undefined) {
    const mine = await this.progress.myProgress(me, slug);
    if (!mine) return null;
    const course = mine.course;
    const completed = completedPageIds(mine);
    const incomplete = readingOrder(course).filter(({ page }) => !completed.has(page.id));
    const common = {
      course,
      supportHtml: supportHtml(course.supportText),
      courseHref: courseHref(slug),
      assessmentHref: assessmentHref(slug),
      completedOn: mine.completedAt ? formatLondonDate(mine.completedAt) : undefined,
      certificateHref: certificateHref(slug),
    };
    if (incomplete.length) {
      return {
        ...common,
        state: 'locked' as const,
        pagesCompleted: mine.pagesCompleted,
        totalPages: mine.totalPages,
        resumeHref: whereToResume(slug, mine),
        incomplete: incomplete.map(({ page, module }) => ({ text: `${module.title}: ${page.title}`, href: pageHref(slug, page.id) })),
      };
    }
    if (mine.attempts.some((a) => !a.submittedAt)) {
      // The open attempt, unchanged: a reload or another device shows the same questions in the same order.
      const attempt = await this.assessments.start(me, slug);
      const chosen = chosenFromFlash(flash?.data?.answers) ?? new Map<string, string[]>();
      return {
        ...common,
        state: 'open' as const,
        attempt,
        questions: attempt.questions.map((q, i) =>
          questionField(q, `Question ${i + 1} of ${attempt.questions.length}: ${q.prompt}`, chosen.get(q.id) ?? [], flash),
        ),
      };
    }
    return {
      ...common,
      state: 'ready' as const,
      attempts: mine.attempts.map((a) => ({ number: a.number, on: formatLondonDate(a.submittedAt ?? a.startedAt), score: a.score, passed: a.passed })),
    };
  }

  /** The questions of a course page, to point a refused save at the right one. */
  async questionsOnPage(me: AuthUser, slug: string, pageId: string): Promise<QuestionOnForm[]> {
    const mine = await this.progress.myProgress(me, slug);
    const here = mine && readingOrder(mine.course).find(({ page }) => page.id === pageId);
    return here ? here.page.knowledgeChecks : [];
  }

  /** The open attempt's questions, to point a refused submission at the right one; never opens an attempt. */
  async openAttemptQuestions(me: AuthUser, slug: string): Promise<QuestionOnForm[]> {
    const mine = await this.progress.myProgress(me, slug);
    if (!mine?.attempts.some((a) => !a.submittedAt)) return [];
    return (await this.assessments.start(me, slug)).questions;
  }

  /** Null when there is no result to show (a reload after the one-off result page). */
  async result(me: AuthUser, slug: string, flash: PageFlash | undefined) {
    const result = resultOf(flash);
    const mine = result ? await this.progress.myProgress(me, slug) : null;
    if (!result || !mine) return null;
    const course: CourseVersionContent = mine.course;
    const modules = new Map(course.modules.map((m) => [m.id, m]));
    return {
      course,
      result,
      supportHtml: supportHtml(course.supportText),
      courseHref: courseHref(slug),
      assessmentHref: assessmentHref(slug),
      certificateHref: certificateHref(slug),
      completedOn: result.completedAt ? formatLondonDate(new Date(result.completedAt)) : undefined,
      revisit: result.modulesToRevisit
        .map((m) => modules.get(m.id))
        .filter((m) => m !== undefined && m.pages.length > 0)
        .map((m) => ({ text: `Module ${m!.position}: ${m!.title}`, href: pageHref(slug, m!.pages[0].id) })),
    };
  }
}

/** What a page's Next saves and shows. */
export function savedFeedback(saved: { feedback: KnowledgeCheckFeedback[]; nextPageId: string | null }, chosen: ChosenAnswers, slug: string): SavedFeedback {
  return {
    feedback: saved.feedback.map((f) => ({ ...f, chosen: chosen.get(f.checkId) ?? [] })),
    nextHref: saved.nextPageId ? pageHref(slug, saved.nextPageId) : assessmentHref(slug),
  };
}

function questionField(question: QuestionView, legend: string, chosen: string[], flash: PageFlash | undefined): QuestionField {
  const name = answerField(question.id);
  return {
    id: question.id,
    name,
    isMultiple: question.kind === QuestionKind.MULTIPLE,
    legend,
    items: question.options.map((o) => ({ value: o.id, text: o.label, checked: chosen.includes(o.id) })),
    error: flash?.errors?.fields[name],
  };
}

function feedbackShown(questions: QuestionView[], saved: SavedFeedback): FeedbackShown[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return saved.feedback.flatMap((f) => {
    const question = byId.get(f.checkId);
    if (!question) return [];
    const label = (id: string) => question.options.find((o) => o.id === id)?.label ?? id;
    return [{ prompt: question.prompt, isCorrect: f.isCorrect, chosen: f.chosen.map(label), correct: f.correctOptionIds.map(label), feedback: f.feedback }];
  });
}

function savedFeedbackOf(flash: PageFlash | undefined): SavedFeedback | undefined {
  return typeof flash?.data?.saved === 'string' ? (JSON.parse(flash.data.saved) as SavedFeedback) : undefined;
}

type FlashedResult = Omit<AssessmentResult, 'completedAt'> & { completedAt: string | null };

function resultOf(flash: PageFlash | undefined): FlashedResult | undefined {
  return typeof flash?.data?.result === 'string' ? (JSON.parse(flash.data.result) as FlashedResult) : undefined;
}
