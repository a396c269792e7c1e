import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { CertificateIssuerService } from '@dasv/certificates';
import { CompletionRecorderService, CompletionSource } from '@dasv/completions';
import { TransactionRunnerService } from '@dasv/database';
import { problemsWithAnswer } from './answer-rules';
import { AssessmentRepository } from './assessment.repository';
import { CourseCatalogueService } from './course-catalogue.service';
import { CourseOutlinesService } from './course-outlines.service';
import { CourseProgressRepository } from './course-progress.repository';
import { AssessmentAnswerInput, SubmitAssessmentInput } from './dto/course.args';
import { elearningError } from './elearning.errors';
import { AssessmentAttempt } from './entities/assessment-attempt.entity';
import { AssessmentQuestion } from './entities/assessment-question.entity';
import { AssessmentAttemptView, AssessmentResult } from './models/assessment.models';

/**
 * The final assessment. Like the rest of a learner's journey it is keyed by the caller: an attempt
 * is only ever found through the caller's own enrolment.
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly transactions: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly catalogue: CourseCatalogueService,
    private readonly outlines: CourseOutlinesService,
    private readonly progress: CourseProgressRepository,
    private readonly assessments: AssessmentRepository,
    private readonly completions: CompletionRecorderService,
    private readonly certificates: CertificateIssuerService,
  ) {}

  /**
   * Opens an attempt, or returns the open one so a reload shows the same questions. A learner who
   * has already passed may take it again for practice: completion is never undone (see submit).
   */
  async start(me: AuthUser, slug: string): Promise<AssessmentAttemptView> {
    const enrolment = await this.progress.findEnrolment(me.id, slug);
    if (!enrolment) {
      await this.catalogue.publishedOutline(slug);
      throw elearningError('NotStarted', 'Start the course before the assessment.');
    }
    const outline = await this.outlines.of(enrolment.versionId);
    const completed = new Set((await this.progress.pagesOf(enrolment.id)).filter((p) => p.completedAt).map((p) => p.pageId));
    if (!outline.order.every((id) => completed.has(id))) {
      throw elearningError('PagesIncomplete', 'Complete every page of the course before the assessment.');
    }
    const attempt = await this.transactions.run(async (manager) => {
      await this.assessments.lockEnrolment(manager, enrolment.id);
      const open = await this.assessments.openAttempt(enrolment.id, manager);
      if (open) return open;
      await this.assessments.drawAttempt(manager, {
        enrolmentId: enrolment.id,
        versionId: enrolment.versionId,
        size: outline.content.assessmentSize,
        now: this.clock.now(),
      });
      return (await this.assessments.openAttempt(enrolment.id, manager))!;
    });
    const byId = new Map((await this.assessments.questions(attempt.questionIds)).map((q) => [q.id, q]));
    return {
      id: attempt.id,
      number: attempt.number,
      startedAt: attempt.startedAt,
      questions: attempt.questionIds.map((id) => {
        const q = byId.get(id)!;
        return { id: q.id, kind: q.kind, prompt: q.prompt, options: q.options.map((o) => ({ id: o.id, label: o.label })) };
      }),
    };
  }

  async submit(me: AuthUser, input: SubmitAssessmentInput): Promise<AssessmentResult> {
    const owned = await this.assessments.findOwnedAttempt(me.id, input.attemptId);
    if (!owned) throw elearningError('AttemptNotFound', 'Assessment attempt not found.');
    const { attempt, courseId, versionId } = owned;
    if (attempt.submittedAt) throw elearningError('AttemptAlreadySubmitted', 'This attempt has already been submitted. Start a new attempt to try again.');
    const questions = await this.assessments.questions(attempt.questionIds);
    const answers = this.validAnswers(attempt, questions, input.answers);
    const outline = await this.outlines.of(versionId);

    const wrong = questions.filter((q) => {
      const correct = q.options.filter((o) => o.correct).map((o) => o.id);
      const chosen = new Set(answers.get(q.id));
      // Multiple choice is right only with every right option and no wrong one.
      return !(chosen.size === correct.length && correct.every((id) => chosen.has(id)));
    });
    // Rounded down, so a pass always means at least the pass mark was reached.
    const score = Math.floor((100 * (questions.length - wrong.length)) / questions.length);
    const passMarkPercent = outline.content.passMarkPercent;
    const passed = score >= passMarkPercent;
    const now = this.clock.now();

    const completedAt = await this.transactions.run(async (manager) => {
      const { completedAt: before } = await this.assessments.lockEnrolment(manager, attempt.enrolmentId);
      if (!(await this.assessments.mark(manager, { attemptId: attempt.id, score, passed, now }))) {
        throw elearningError('AttemptAlreadySubmitted', 'This attempt has already been submitted. Start a new attempt to try again.');
      }
      if (!passed || before) return before;
      const completedAt = await this.assessments.complete(manager, attempt.enrolmentId, now);
      // Counted with the completion itself, so a dashboard never shows one without the other.
      await this.completions.record(manager, [
        { courseId, email: me.email, userId: me.id, organisationId: me.organisationId, versionId, completedAt, source: CompletionSource.PLATFORM },
      ]);
      // Issued with the completion, so a completed learner never lacks a certificate.
      // ...and the learner is told, with its link, once: only a newly issued certificate sends the e-mail.
      await this.certificates.issue(manager, { userId: me.id, courseId, versionId, completedAt, email: me.email });
      return completedAt;
    });

    const revisit = new Set(wrong.map((q) => q.moduleId).filter((id): id is string => id !== null));
    const modulesToRevisit = passed
      ? []
      : outline.content.modules.filter((m) => revisit.has(m.id)).map((m) => ({ id: m.id, position: m.position, title: m.title }));
    return { attemptId: attempt.id, score, passed, passMarkPercent, modulesToRevisit, completedAt };
  }

  /** Every drawn question exactly once, with options it really has; anything else writes nothing. */
  private validAnswers(attempt: AssessmentAttempt, questions: AssessmentQuestion[], given: AssessmentAnswerInput[]): Map<string, string[]> {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const problems: string[] = [];
    const answers = new Map<string, string[]>();
    for (const answer of given) {
      const question = byId.get(answer.questionId);
      if (!question) {
        problems.push('Answer only the questions of this attempt');
        continue;
      }
      if (answers.has(question.id)) problems.push('Answer each question once');
      problems.push(...problemsWithAnswer(question, answer.optionIds));
      answers.set(question.id, answer.optionIds);
    }
    if (attempt.questionIds.some((id) => !answers.has(id))) problems.push('Answer every question');
    if (problems.length) throw elearningError('InvalidAnswer', 'Check your answers.', { answers: [...new Set(problems)] });
    return answers;
  }
}
