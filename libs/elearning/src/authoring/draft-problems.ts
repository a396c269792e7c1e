import { FieldErrors } from '@dasv/common';
import { QuestionKind } from '../question-kind';
import { DraftContent, DraftQuestion } from './draft-content';
import { RenderedBody, renderPageBody } from './page-body';

/** The version's own fields, kept on its course_version row while it is a draft. */
export interface DraftSettings {
  title: string;
  summary: string;
  contentWarning: string;
  supportText: string;
  passMarkPercent: number;
  assessmentSize: number;
}

export interface DraftProblem {
  /** Where, as a path: `modules.2.pages.1.checks.1.options` (positions from 1). */
  field: string;
  message: string;
  /** The module, page, knowledge check or bank question to change; null for the version's own fields. */
  itemId: string | null;
}

/** Every page's body rendered once, for the problems below and for showing the draft. */
export function renderDraftPages(content: DraftContent): Map<string, RenderedBody> {
  return new Map(content.modules.flatMap((m) => m.pages.map((p) => [p.id, renderPageBody(p.bodyMarkdown)] as const)));
}

/**
 * What stands between a draft and learners: anything that would leave a learner with an empty
 * module, an unanswerable or ambiguous question, an assessment that cannot be drawn, or a page the
 * sanitiser had to cut. Publishing is refused while this list is not empty.
 */
export function draftProblems(settings: DraftSettings, content: DraftContent, rendered = renderDraftPages(content)): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, message: string, itemId: string | null = null) => problems.push({ field, message, itemId });

  for (const [field, label] of [
    ['title', 'a title'],
    ['summary', 'a summary'],
    ['contentWarning', 'a content warning'],
    ['supportText', 'support text'],
  ] as const) {
    if (!settings[field].trim()) add(field, `Give the course ${label}`);
  }
  if (content.modules.length === 0) add('modules', 'Add at least one module');

  content.modules.forEach((module, mi) => {
    const where = `Module ${mi + 1}`;
    const path = `modules.${mi + 1}`;
    if (!module.title.trim()) add(`${path}.title`, `${where}: give the module a title`, module.id);
    if (module.pages.length === 0) add(`${path}.pages`, `${where}: add at least one page`, module.id);
    module.pages.forEach((page, pi) => {
      const pageWhere = `${where}, page ${pi + 1}`;
      const pagePath = `${path}.pages.${pi + 1}`;
      if (!page.title.trim()) add(`${pagePath}.title`, `${pageWhere}: give the page a title`, page.id);
      const body = rendered.get(page.id) ?? renderPageBody(page.bodyMarkdown);
      if (!body.html) add(`${pagePath}.body`, `${pageWhere}: write the page`, page.id);
      for (const problem of body.problems) add(`${pagePath}.body`, `${pageWhere}: ${problem}`, page.id);
      page.checks.forEach((check, ci) => {
        const checkWhere = `${pageWhere}, knowledge check ${ci + 1}`;
        const checkPath = `${pagePath}.checks.${ci + 1}`;
        questionProblems(check, checkWhere, checkPath, check.id, add);
        if (!check.feedback.trim()) add(`${checkPath}.feedback`, `${checkWhere}: write the feedback learners see after answering`, check.id);
      });
    });
  });

  const moduleIds = new Set(content.modules.map((m) => m.id));
  content.questionBank.forEach((question, qi) => {
    const where = `Bank question ${qi + 1}`;
    const path = `questionBank.${qi + 1}`;
    questionProblems(question, where, path, question.id, add);
    if (!question.moduleId || !moduleIds.has(question.moduleId)) add(`${path}.module`, `${where}: choose the module that teaches its answer`, question.id);
  });
  if (content.questionBank.length < settings.assessmentSize) {
    add(
      'questionBank',
      `The question bank has ${content.questionBank.length} questions: the assessment draws ${settings.assessmentSize}, so add ${settings.assessmentSize - content.questionBank.length} or make the assessment smaller`,
    );
  }
  if (!Number.isInteger(settings.passMarkPercent) || settings.passMarkPercent < 1 || settings.passMarkPercent > 100)
    add('passMarkPercent', 'Set a pass mark from 1 to 100');
  if (!Number.isInteger(settings.assessmentSize) || settings.assessmentSize < 1) add('assessmentSize', 'The assessment must draw at least one question');
  return problems;
}

function questionProblems(
  question: DraftQuestion,
  where: string,
  path: string,
  itemId: string,
  add: (field: string, message: string, itemId: string) => void,
): void {
  if (!question.prompt.trim()) add(`${path}.prompt`, `${where}: write the question`, itemId);
  const options = question.options;
  if (options.length < 2) add(`${path}.options`, `${where}: give at least two answers to choose from`, itemId);
  if (options.some((o) => !o.label.trim())) add(`${path}.options`, `${where}: every answer needs some text`, itemId);
  const labels = options.map((o) => o.label.trim().toLowerCase());
  if (new Set(labels).size !== labels.length) add(`${path}.options`, `${where}: two answers say the same thing`, itemId);
  const correct = options.filter((o) => o.correct).length;
  if (question.kind === QuestionKind.SINGLE && correct !== 1)
    add(`${path}.options`, `${where}: mark exactly one answer correct, as it is a single-choice question`, itemId);
  if (question.kind === QuestionKind.MULTIPLE && correct < 1) add(`${path}.options`, `${where}: mark at least one answer correct`, itemId);
}

/** For BAD_USER_INPUT: every message, grouped by field. */
export function fieldsOf(problems: readonly DraftProblem[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const p of problems) (fields[p.field] ??= []).push(p.message);
  return fields;
}
