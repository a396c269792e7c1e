import { QuestionKind } from './question-kind';

/** A question as far as checking an answer to it goes: one answer or several, and which options it has. */
export interface AnswerableQuestion {
  id: string;
  kind: QuestionKind;
  options: ReadonlyArray<{ id: string }>;
}

/** A question answered with nothing chosen; the inputs' own validation says the same. */
export const CHOOSE_AN_ANSWER = 'Choose an answer';

/**
 * What is wrong with the options chosen for one question, the most telling first; none when the
 * answer stands. Saving a course page and submitting the assessment refuse on these, and the pages
 * show the first of them at the question it is about, so the rule and its words live only here.
 */
export function problemsWithAnswer(question: AnswerableQuestion, optionIds: readonly string[]): string[] {
  if (optionIds.length === 0) return [CHOOSE_AN_ANSWER];
  const problems: string[] = [];
  const known = new Set(question.options.map((o) => o.id));
  if (optionIds.some((id) => !known.has(id))) problems.push('Choose from the answers given');
  if (question.kind === QuestionKind.SINGLE && optionIds.length > 1) problems.push('Choose one answer');
  return problems;
}
