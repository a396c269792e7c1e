import { CourseVersionStatus } from '../course-version-status';
import { DraftRow, VersionSummaryRow } from './course-draft.repository';
import { draftProblems, renderDraftPages } from './draft-problems';
import { CourseDraftView, CourseVersionSummary } from './models/authoring.models';

/** A draft as authors see it: positions from array order, every body rendered as learners will get it, and what still blocks publishing. */
export function draftView(row: DraftRow): CourseDraftView {
  const { content } = row;
  const rendered = renderDraftPages(content);
  return {
    id: row.id,
    slug: row.slug,
    number: row.number,
    status: CourseVersionStatus.DRAFT,
    title: row.title,
    summary: row.summary,
    contentWarning: row.contentWarning,
    supportText: row.supportText,
    passMarkPercent: row.passMarkPercent,
    assessmentSize: row.assessmentSize,
    updatedAt: row.updatedAt,
    modules: content.modules.map((m, mi) => ({
      id: m.id,
      position: mi + 1,
      title: m.title,
      pages: m.pages.map((p, pi) => ({
        id: p.id,
        position: pi + 1,
        title: p.title,
        bodyMarkdown: p.bodyMarkdown,
        bodyHtml: rendered.get(p.id)!.html,
        knowledgeChecks: p.checks.map((c, ci) => ({ ...c, position: ci + 1 })),
      })),
    })),
    questionBank: content.questionBank.map((q, qi) => ({ ...q, position: qi + 1 })),
    problems: draftProblems(row, content, rendered),
  };
}

export function versionSummary(row: VersionSummaryRow): CourseVersionSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    title: row.title,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    learners: row.learners,
  };
}
