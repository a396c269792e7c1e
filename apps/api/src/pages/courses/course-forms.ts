import { IsUUID } from 'class-validator';
import { AppError, ErrorCode } from '@dasv/common';
import { AnswerableQuestion, CourseArgs, problemsWithAnswer, SaveCoursePageInput, SubmitAssessmentInput } from '@dasv/elearning';
import { FormErrors } from '../shared/flash';
import { validatedInput } from '../shared/form.decorator';

/**
 * The HTML forms of the learner's pages and their translation to the GraphQL inputs. The pages
 * validate with the inputs' own class-validator rules and the services' own checks; what is here is
 * naming (one field per question) and pointing a refusal at the question it is about.
 */

/** Route parameters of a course page. */
export class CoursePageParams extends CourseArgs {
  @IsUUID('all', { message: 'Page not found' })
  pageId!: string;
}

/** Chosen options per question, keyed by question id, in the order the form sent them. */
export type ChosenAnswers = Map<string, string[]>;

const ANSWER_FIELD = /^answer-(.{1,100})$/;

/** The form field (and the id of its first option) for a question: radios or checkboxes share the name. */
export function answerField(questionId: string): string {
  return `answer-${questionId}`;
}

/**
 * Every answer the form sent. A radio group sends one value, a checkbox group one per box ticked;
 * anything else under an answer's name (a crafted nested field, say) counts as choosing nothing.
 */
export function answersIn(body: unknown): ChosenAnswers {
  const chosen: ChosenAnswers = new Map();
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const match = ANSWER_FIELD.exec(name);
    if (!match) continue;
    chosen.set(
      match[1],
      (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string'),
    );
  }
  return chosen;
}

export function savePageInput(slug: string, pageId: string, chosen: ChosenAnswers, timeSpentSeconds: number): Promise<SaveCoursePageInput> {
  const answers = [...chosen].map(([checkId, optionIds]) => ({ checkId, optionIds }));
  return validatedInput(SaveCoursePageInput, { slug, pageId, answers, timeSpentSeconds });
}

export function submitAssessmentInput(attemptId: unknown, chosen: ChosenAnswers): Promise<SubmitAssessmentInput> {
  const answers = [...chosen].map(([questionId, optionIds]) => ({ questionId, optionIds }));
  return validatedInput(SubmitAssessmentInput, { attemptId: typeof attemptId === 'string' ? attemptId : '', answers });
}

/** A question on a course page or the assessment, as far as pointing a refusal at it goes. */
export type QuestionOnForm = AnswerableQuestion;

/** Whether a refusal is about what was chosen, and so belongs on the form rather than an error page. */
export function isAnswerRefusal(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    error.code === ErrorCode.BadUserInput &&
    Object.keys(error.fields ?? {}).every((path) => path === 'answers' || path.startsWith('answers.'))
  );
}

/**
 * The service says what is wrong with the answers as a whole ("Choose one answer"); the form shows
 * it at the question it is about, by the service's own rule for one answer (problemsWithAnswer),
 * so the error summary can link there.
 * `everyRequired`: the assessment needs every question answered; a course page does not.
 */
export function answerErrors(error: AppError, questions: QuestionOnForm[], chosen: ChosenAnswers, everyRequired: boolean): FormErrors {
  const fields: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  questions.forEach((question, i) => {
    // A question left alone on a course page is not a problem; sent with nothing chosen, it is.
    if (!everyRequired && !chosen.has(question.id)) return;
    const [problem] = problemsWithAnswer(question, chosen.get(question.id) ?? []);
    if (problem) {
      const text = `${problem} to question ${i + 1}`;
      fields[answerField(question.id)] = text;
      summary.push({ text, href: `#${answerField(question.id)}` });
    }
  });
  // Whatever could not be pinned to a question (an answer to a question not on this form, say).
  if (summary.length === 0) {
    const messages = [...new Set(Object.values(error.fields ?? {}).flat())];
    const href = questions.length ? `#${answerField(questions[0].id)}` : undefined;
    for (const text of messages.length ? messages : [error.message]) summary.push({ text, href });
  }
  return { summary, fields };
}

/** What was chosen, to tick again after a refusal; the flash carries only strings. */
export function chosenToFlash(chosen: ChosenAnswers): string {
  return JSON.stringify([...chosen]);
}

export function chosenFromFlash(value: unknown): ChosenAnswers | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const entries: unknown = JSON.parse(value);
    if (!Array.isArray(entries)) return undefined;
    return new Map(entries.filter((e): e is [string, string[]] => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1])));
  } catch {
    return undefined;
  }
}
