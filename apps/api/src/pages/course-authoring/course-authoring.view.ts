import { Injectable } from '@nestjs/common';
import { formatLondon, plural } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import {
  AuthoringBankQuestion,
  AuthoringKnowledgeCheck,
  AuthoringModule,
  AuthoringPage,
  courseAuthoringError,
  CourseDraftsService,
  CourseDraftView,
  CourseVersionStatus,
  DraftProblemView,
  QuestionKind,
} from '@dasv/elearning';

export function draftPath(slug: string): string {
  return `/training/authoring/${encodeURIComponent(slug)}/draft`;
}

export type DraftItem =
  | { kind: 'module'; module: AuthoringModule }
  | { kind: 'page'; module: AuthoringModule; page: AuthoringPage }
  | { kind: 'check'; module: AuthoringModule; page: AuthoringPage; check: AuthoringKnowledgeCheck }
  | { kind: 'question'; question: AuthoringBankQuestion };

/** Any module, page, knowledge check or bank question of the draft, by id. */
export function locate(draft: CourseDraftView, id: string): DraftItem | null {
  for (const module of draft.modules) {
    if (module.id === id) return { kind: 'module', module };
    for (const page of module.pages) {
      if (page.id === id) return { kind: 'page', module, page };
      const check = page.knowledgeChecks.find((c) => c.id === id);
      if (check) return { kind: 'check', module, page, check };
    }
  }
  const question = draft.questionBank.find((q) => q.id === id);
  return question ? { kind: 'question', question } : null;
}

/** Where to fix a problem: the item it names, or the form for the version's own fields. */
export function problemHref(slug: string, problem: DraftProblemView, draft: CourseDraftView): string {
  const base = draftPath(slug);
  const item = problem.itemId ? locate(draft, problem.itemId) : null;
  if (item?.kind === 'module') return `${base}/modules/${item.module.id}`;
  if (item?.kind === 'page') return `${base}/pages/${item.page.id}`;
  if (item?.kind === 'check') return `${base}/checks/${item.check.id}`;
  if (item?.kind === 'question') return `${base}/questions/${item.question.id}`;
  if (problem.field === 'modules') return `${base}/modules/new`;
  if (problem.field === 'questionBank') return `${base}/questions/new`;
  return `${base}/settings#${problem.field}`;
}

const STATUS_TAGS: Record<CourseVersionStatus, { text: string; colour: string }> = {
  [CourseVersionStatus.DRAFT]: { text: 'Draft', colour: 'yellow' },
  [CourseVersionStatus.PUBLISHED]: { text: 'Published', colour: 'green' },
  [CourseVersionStatus.RETIRED]: { text: 'Retired', colour: 'grey' },
};

/** Functions and labels the authoring templates share. */
export const AUTHORING_HELPERS = {
  when: (date: Date | string | null | undefined): string => (date ? formatLondon(new Date(date)) : ''),
  statusTag: (status: CourseVersionStatus) => STATUS_TAGS[status],
  kindLabel: (kind: QuestionKind) => (kind === QuestionKind.MULTIPLE ? 'Multiple choice' : 'Single choice'),
  /**
   * Items of a position select: moving offers the item's current places (its own marked); adding
   * offers "at the end" (the default) or before any existing item.
   */
  positionItems: (spec: { count: number; current: number | null; selected: string | number | null | undefined; label: string }) => {
    const adding = spec.current === null;
    const places = Array.from({ length: adding ? spec.count + 1 : spec.count }, (_, i) => i + 1);
    const chosen = String(spec.selected ?? '');
    return [
      ...(adding ? [{ value: '', text: 'At the end', selected: chosen === '' }] : []),
      ...places.map((n) => ({ value: String(n), text: `${spec.label} ${n}${n === spec.current ? ' (where it is now)' : ''}`, selected: chosen === String(n) })),
    ];
  },
  plural,
  /** A knowledge check as the learner's page asks it: radios, or checkboxes when several answers can be right; never the key. */
  previewQuestion: (check: AuthoringKnowledgeCheck) => ({
    isMultiple: check.kind === QuestionKind.MULTIPLE,
    params: {
      idPrefix: `check-${check.position}`,
      name: `check-${check.position}`,
      fieldset: { legend: { text: check.prompt, size: 's' } },
      hint: check.kind === QuestionKind.MULTIPLE ? { text: 'Select all that apply' } : undefined,
      items: check.options.map((o) => ({ value: o.id, text: o.label })),
    },
  }),
  problemsOf: (draft: CourseDraftView, itemId: string) => draft.problems.filter((p) => p.itemId === itemId).map((p) => p.message),
  moduleItems: (draft: CourseDraftView, selected: unknown) => [
    { value: '', text: 'Choose a module', selected: !selected },
    ...draft.modules.map((m) => ({ value: m.id, text: `Module ${m.position}: ${m.title}`, selected: selected === m.id })),
  ],
};

/** Loads what the authoring pages show. */
@Injectable()
export class CourseAuthoringView {
  constructor(private readonly drafts: CourseDraftsService) {}

  /** The draft, or a 404 page naming what is missing; the overview handles "no draft" itself. */
  async draft(me: AuthUser, slug: string): Promise<CourseDraftView> {
    const draft = await this.drafts.draft(me, slug);
    if (!draft) throw courseAuthoringError('VersionNotFound', 'This course has no draft. Create one from the list of versions.');
    return draft;
  }

  async item<K extends DraftItem['kind']>(
    me: AuthUser,
    slug: string,
    id: string,
    kind: K,
  ): Promise<{ draft: CourseDraftView; item: Extract<DraftItem, { kind: K }> }> {
    const draft = await this.draft(me, slug);
    const item = locate(draft, id);
    if (!item || item.kind !== kind) throw courseAuthoringError('DraftItemNotFound', 'That is not part of this draft: it may have been removed, or published.');
    return { draft, item: item as Extract<DraftItem, { kind: K }> };
  }
}
