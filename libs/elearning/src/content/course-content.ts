import { QuestionOption } from '../entities/question-option';
import { QuestionKind } from '../question-kind';

/**
 * Seeded course text is written as plain-text blocks, never as HTML, and rendered here with every
 * character escaped, so a seeded page holds only the handful of tags this file emits. Versions
 * written in the authoring pages come from Markdown sanitised to an allow-list (authoring/page-body.ts).
 */
export type ContentBlock = { p: string } | { h2: string } | { ul: string[] };

export interface QuestionContent {
  kind: QuestionKind;
  prompt: string;
  options: QuestionOption[];
}

export interface BankQuestionContent extends QuestionContent {
  /** Position (from 1) of the module to revisit when this question is answered wrongly. */
  module: number;
}

export interface KnowledgeCheckContent extends QuestionContent {
  feedback: string;
}

export interface PageContent {
  title: string;
  body: ContentBlock[];
  checks?: KnowledgeCheckContent[];
}

export interface CourseContent {
  slug: string;
  title: string;
  version: number;
  summary: string;
  contentWarning: string;
  supportText: string;
  passMarkPercent: number;
  assessmentSize: number;
  modules: Array<{ title: string; pages: PageContent[] }>;
  questionBank: BankQuestionContent[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderBlocks(blocks: ContentBlock[]): string {
  return blocks
    .map((block) => {
      if ('p' in block) return `<p>${escapeHtml(block.p)}</p>`;
      if ('h2' in block) return `<h2>${escapeHtml(block.h2)}</h2>`;
      return `<ul>${block.ul.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    })
    .join('\n');
}

/** Refuses content that would leave a learner with an unanswerable or ambiguous question. */
export function assertWellFormed(content: CourseContent): void {
  const problems: string[] = [];
  const questions: Array<[string, QuestionContent]> = [
    ...content.modules.flatMap((m, mi) =>
      m.pages.flatMap((p, pi) => (p.checks ?? []).map((c, ci): [string, QuestionContent] => [`module ${mi + 1} page ${pi + 1} check ${ci + 1}`, c])),
    ),
    ...content.questionBank.map((q, i): [string, QuestionContent] => [`bank question ${i + 1}`, q]),
  ];
  for (const [where, q] of questions) {
    const ids = q.options.map((o) => o.id);
    const correct = q.options.filter((o) => o.correct).length;
    if (new Set(ids).size !== ids.length) problems.push(`${where}: option ids repeat`);
    if (q.kind === QuestionKind.SINGLE && correct !== 1) problems.push(`${where}: a single-choice question needs exactly one correct option`);
    if (q.kind === QuestionKind.MULTIPLE && correct < 1) problems.push(`${where}: a multiple-choice question needs a correct option`);
  }
  content.questionBank.forEach((q, i) => {
    if (!Number.isInteger(q.module) || q.module < 1 || q.module > content.modules.length)
      problems.push(`bank question ${i + 1}: module ${q.module} does not exist`);
  });
  if (content.questionBank.length < content.assessmentSize) problems.push(`the bank has fewer than ${content.assessmentSize} questions`);
  if (problems.length) throw new Error(`Course ${content.slug} v${content.version}: ${problems.join('; ')}`);
}
