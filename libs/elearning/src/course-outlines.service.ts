import { Injectable } from '@nestjs/common';
import { CourseContentRepository, PublishedVersionRow } from './course-content.repository';
import { QuestionOption } from './entities/question-option';
import { QuestionKind } from './question-kind';
import { CoursePageContent, CourseVersionContent } from './models/course.models';

export interface CheckKey {
  id: string;
  kind: QuestionKind;
  options: QuestionOption[];
  feedback: string;
}

export interface PageInOutline {
  content: CoursePageContent;
  modulePosition: number;
  /** Reading order across the whole version, from 0. */
  index: number;
  checks: CheckKey[];
}

export interface VersionOutline {
  versionId: string;
  courseId: string;
  content: CourseVersionContent;
  pages: Map<string, PageInOutline>;
  order: string[];
}

/**
 * A version's content is never edited once learners can see it (a change is a new version), so each
 * process keeps the outlines it has read: a page save then needs no content query at all.
 */
@Injectable()
export class CourseOutlinesService {
  private readonly cache = new Map<string, Promise<VersionOutline>>();
  /** A page row belongs to one version for ever; only pages that exist are remembered. */
  private readonly versionOfPageId = new Map<string, string>();

  constructor(private readonly content: CourseContentRepository) {}

  /** The version a page belongs to, or null for an unknown page (published and retired versions only). */
  async versionOfPage(pageId: string): Promise<string | null> {
    const known = this.versionOfPageId.get(pageId);
    if (known) return known;
    const versionId = await this.content.versionOfPage(pageId);
    if (versionId) this.versionOfPageId.set(pageId, versionId);
    return versionId;
  }

  of(versionId: string, known?: PublishedVersionRow): Promise<VersionOutline> {
    let outline = this.cache.get(versionId);
    if (!outline) {
      outline = this.load(versionId, known);
      this.cache.set(versionId, outline);
      outline.catch(() => this.cache.delete(versionId));
    }
    return outline;
  }

  private async load(versionId: string, known?: PublishedVersionRow): Promise<VersionOutline> {
    const [row, rows] = await Promise.all([known ?? this.content.versionWithCourse(versionId), this.content.outlineRows(versionId)]);
    const checksByPage = new Map<string, CheckKey[]>();
    const publicChecksByPage = new Map<string, CoursePageContent['knowledgeChecks']>();
    for (const c of rows.checks) {
      checksByPage.set(c.pageId, [...(checksByPage.get(c.pageId) ?? []), { id: c.id, kind: c.kind, options: c.options, feedback: c.feedback }]);
      publicChecksByPage.set(c.pageId, [
        ...(publicChecksByPage.get(c.pageId) ?? []),
        // Copy id and label only: the correct flags must not reach a learner before they answer.
        { id: c.id, kind: c.kind, prompt: c.prompt, options: c.options.map((o) => ({ id: o.id, label: o.label })) },
      ]);
    }
    const pages = new Map<string, PageInOutline>();
    const order: string[] = [];
    const modulePositionOf = new Map(rows.modules.map((m) => [m.id, m.position]));
    const modules = rows.modules.map((m) => ({ id: m.id, position: m.position, title: m.title, pages: [] as CoursePageContent[] }));
    const moduleById = new Map(modules.map((m) => [m.id, m]));
    for (const p of rows.pages) {
      const content: CoursePageContent = {
        id: p.id,
        position: p.position,
        title: p.title,
        bodyHtml: p.bodyHtml,
        knowledgeChecks: publicChecksByPage.get(p.id) ?? [],
      };
      moduleById.get(p.moduleId)!.pages.push(content);
      pages.set(p.id, { content, modulePosition: modulePositionOf.get(p.moduleId)!, index: order.length, checks: checksByPage.get(p.id) ?? [] });
      order.push(p.id);
    }
    const v = row.version;
    return {
      versionId,
      courseId: row.courseId,
      pages,
      order,
      content: {
        slug: row.slug,
        title: v.title,
        versionNumber: v.number,
        summary: v.summary,
        contentWarning: v.contentWarning,
        supportText: v.supportText,
        passMarkPercent: v.passMarkPercent,
        assessmentSize: v.assessmentSize,
        questionBankSize: rows.questionBankSize,
        publishedAt: v.publishedAt,
        modules,
      },
    };
  }
}
