import { randomUUID } from 'node:crypto';
import { AppError } from '@dasv/common';
import { QuestionOption } from '../entities/question-option';
import { QuestionKind } from '../question-kind';
import { courseAuthoringError } from './course-authoring.errors';

/**
 * A draft's modules, pages, knowledge checks and question bank, stored as one document in
 * course_draft.content. Order is array order; positions are derived. Every item has a uuid made
 * here, which becomes its row id when the draft is published, so a page previewed in the draft is
 * the same page id learners get.
 */
export interface DraftQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  options: QuestionOption[];
}

export interface DraftCheck extends DraftQuestion {
  feedback: string;
}

export interface DraftPage {
  id: string;
  title: string;
  bodyMarkdown: string;
  checks: DraftCheck[];
}

export interface DraftModule {
  id: string;
  title: string;
  pages: DraftPage[];
}

export interface DraftBankQuestion extends DraftQuestion {
  /** The module to revisit after a wrong answer; null once that module is removed, until the author picks another. */
  moduleId: string | null;
}

export interface DraftContent {
  modules: DraftModule[];
  questionBank: DraftBankQuestion[];
}

/** Bounds on one document, so a draft stays a size every edit can rewrite whole. */
export const DRAFT_LIMITS = { modules: 20, pagesPerModule: 30, checksPerPage: 5, bankQuestions: 200 } as const;

export interface QuestionSpec {
  kind: QuestionKind;
  prompt: string;
  options: Array<{ label: string; correct: boolean }>;
}

/** Option ids are letters in the order shown ("a", "b", …), as in the content files. */
export function optionsOf(spec: QuestionSpec): QuestionOption[] {
  return spec.options.map((o, i) => ({ id: String.fromCharCode(97 + i), label: o.label.trim(), correct: o.correct }));
}

function notInDraft(what: string): AppError {
  return courseAuthoringError('DraftItemNotFound', `That ${what} is not part of this draft.`);
}

function tooLarge(field: string, message: string): AppError {
  return courseAuthoringError('DraftTooLarge', message, { [field]: [message] });
}

/** Where an item goes: `position` from 1; `slots` is how many places there are to choose from. */
function indexFor(position: number | undefined, slots: number): number {
  if (position === undefined) return slots - 1;
  if (!Number.isInteger(position) || position < 1 || position > slots) {
    throw courseAuthoringError('PositionInvalid', 'That position does not exist.', { position: [`Choose a position from 1 to ${slots}`] });
  }
  return position - 1;
}

function move<T>(list: T[], from: number, to: number): void {
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

/** The edits an author can make, applied to a document loaded (and locked) for this one change. */
export class DraftDocument {
  constructor(readonly content: DraftContent) {}

  module(id: string): DraftModule {
    const found = this.content.modules.find((m) => m.id === id);
    if (!found) throw notInDraft('module');
    return found;
  }

  page(id: string): { module: DraftModule; page: DraftPage } {
    for (const module of this.content.modules) {
      const page = module.pages.find((p) => p.id === id);
      if (page) return { module, page };
    }
    throw notInDraft('page');
  }

  check(id: string): { page: DraftPage; check: DraftCheck } {
    for (const module of this.content.modules) {
      for (const page of module.pages) {
        const check = page.checks.find((c) => c.id === id);
        if (check) return { page, check };
      }
    }
    throw notInDraft('knowledge check');
  }

  question(id: string): DraftBankQuestion {
    const found = this.content.questionBank.find((q) => q.id === id);
    if (!found) throw notInDraft('bank question');
    return found;
  }

  addModule(spec: { title: string; position?: number }): DraftModule {
    const modules = this.content.modules;
    if (modules.length >= DRAFT_LIMITS.modules) throw tooLarge('modules', `A course can have at most ${DRAFT_LIMITS.modules} modules`);
    const module: DraftModule = { id: randomUUID(), title: spec.title, pages: [] };
    modules.splice(indexFor(spec.position, modules.length + 1), 0, module);
    return module;
  }

  updateModule(id: string, spec: { title?: string; position?: number }): DraftModule {
    const module = this.module(id);
    if (spec.title !== undefined) module.title = spec.title;
    if (spec.position !== undefined) {
      const modules = this.content.modules;
      move(modules, modules.indexOf(module), indexFor(spec.position, modules.length));
    }
    return module;
  }

  /** Its pages go with it; bank questions that sent learners back to it wait for another module. */
  removeModule(id: string): DraftModule {
    const module = this.module(id);
    this.content.modules.splice(this.content.modules.indexOf(module), 1);
    for (const question of this.content.questionBank) if (question.moduleId === id) question.moduleId = null;
    return module;
  }

  addPage(moduleId: string, spec: { title: string; bodyMarkdown: string; position?: number }): DraftPage {
    const module = this.module(moduleId);
    if (module.pages.length >= DRAFT_LIMITS.pagesPerModule) throw tooLarge('pages', `A module can have at most ${DRAFT_LIMITS.pagesPerModule} pages`);
    const page: DraftPage = { id: randomUUID(), title: spec.title, bodyMarkdown: spec.bodyMarkdown, checks: [] };
    module.pages.splice(indexFor(spec.position, module.pages.length + 1), 0, page);
    return page;
  }

  updatePage(id: string, spec: { title?: string; bodyMarkdown?: string; position?: number }): DraftPage {
    const { module, page } = this.page(id);
    if (spec.title !== undefined) page.title = spec.title;
    if (spec.bodyMarkdown !== undefined) page.bodyMarkdown = spec.bodyMarkdown;
    if (spec.position !== undefined) move(module.pages, module.pages.indexOf(page), indexFor(spec.position, module.pages.length));
    return page;
  }

  removePage(id: string): DraftPage {
    const { module, page } = this.page(id);
    module.pages.splice(module.pages.indexOf(page), 1);
    return page;
  }

  addCheck(pageId: string, spec: QuestionSpec & { feedback: string }): DraftCheck {
    const { page } = this.page(pageId);
    if (page.checks.length >= DRAFT_LIMITS.checksPerPage) throw tooLarge('checks', `A page can have at most ${DRAFT_LIMITS.checksPerPage} knowledge checks`);
    const check: DraftCheck = { id: randomUUID(), kind: spec.kind, prompt: spec.prompt, options: optionsOf(spec), feedback: spec.feedback };
    page.checks.push(check);
    return check;
  }

  updateCheck(id: string, spec: QuestionSpec & { feedback: string }): DraftCheck {
    const { check } = this.check(id);
    Object.assign(check, { kind: spec.kind, prompt: spec.prompt, options: optionsOf(spec), feedback: spec.feedback });
    return check;
  }

  removeCheck(id: string): DraftCheck {
    const { page, check } = this.check(id);
    page.checks.splice(page.checks.indexOf(check), 1);
    return check;
  }

  addQuestion(spec: QuestionSpec & { moduleId: string }): DraftBankQuestion {
    const bank = this.content.questionBank;
    if (bank.length >= DRAFT_LIMITS.bankQuestions) throw tooLarge('questionBank', `The question bank can have at most ${DRAFT_LIMITS.bankQuestions} questions`);
    const question: DraftBankQuestion = {
      id: randomUUID(),
      kind: spec.kind,
      prompt: spec.prompt,
      options: optionsOf(spec),
      moduleId: this.module(spec.moduleId).id,
    };
    bank.push(question);
    return question;
  }

  updateQuestion(id: string, spec: QuestionSpec & { moduleId: string }): DraftBankQuestion {
    const question = this.question(id);
    Object.assign(question, { kind: spec.kind, prompt: spec.prompt, options: optionsOf(spec), moduleId: this.module(spec.moduleId).id });
    return question;
  }

  removeQuestion(id: string): DraftBankQuestion {
    const question = this.question(id);
    this.content.questionBank.splice(this.content.questionBank.indexOf(question), 1);
    return question;
  }
}
