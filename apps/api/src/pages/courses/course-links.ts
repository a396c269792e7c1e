import { CoursePageContent, CourseProgress, CourseProgressInFull, CourseVersionContent, escapeHtml } from '@dasv/elearning';

/** Where each of the learner's pages lives; the certificate is served by the certificate pages. */
export const courseHref = (slug: string) => `/training/courses/${encodeURIComponent(slug)}`;
export const resumeHref = (slug: string) => `${courseHref(slug)}/resume`;
export const pageHref = (slug: string, pageId: string) => `${courseHref(slug)}/pages/${encodeURIComponent(pageId)}`;
export const assessmentHref = (slug: string) => `${courseHref(slug)}/assessment`;
export const assessmentResultHref = (slug: string) => `${assessmentHref(slug)}/result`;
export const certificateHref = (slug: string) => `${courseHref(slug)}/certificate.pdf`;

export interface PageInReadingOrder {
  page: CoursePageContent;
  module: CourseVersionContent['modules'][number];
  /** From 0, across the whole version. */
  index: number;
}

export function readingOrder(course: CourseVersionContent): PageInReadingOrder[] {
  const order: PageInReadingOrder[] = [];
  for (const module of course.modules) for (const page of module.pages) order.push({ page, module, index: order.length });
  return order;
}

/** Exactly where the learner stopped: the page after the last one they saved, or the one they were on. */
export function whereToResume(slug: string, progress: CourseProgress): string {
  return progress.currentPage ? pageHref(slug, progress.currentPage.id) : courseHref(slug);
}

export function completedPageIds(progress: CourseProgressInFull): Set<string> {
  return new Set(progress.pages.filter((p) => p.completedAt).map((p) => p.pageId));
}

/** Shown on training pages that belong to no one course version. */
export const GENERAL_SUPPORT_TEXT =
  'If anything in your training raises something for you, support is available. The Rape and Sexual Abuse Support Line is free and open 24 hours a day, every day: call 0808 500 2222. If you are in immediate danger, call 999.';

const PHONE_NUMBER = /\b(0\d{3} \d{3} \d{4}|999)\b/g;

/**
 * A version's support text as HTML: escaped, with its telephone numbers as links, so that someone
 * reading on a phone can call the support line with one tap.
 */
export function supportHtml(text: string): string {
  return escapeHtml(text).replace(PHONE_NUMBER, (number) => `<a href="tel:${number.replace(/ /g, '')}">${number}</a>`);
}
