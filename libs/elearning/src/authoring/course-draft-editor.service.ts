import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { TransactionRunnerService } from '@dasv/database';
import { CourseDraftRepository, VersionRow } from './course-draft.repository';
import { draftView } from './course-draft.view';
import { DraftDocument } from './draft-content';
import { LockedDraftsService } from './locked-drafts.service';
import {
  AddAssessmentQuestionInput,
  AddCourseModuleInput,
  AddCoursePageInput,
  AddKnowledgeCheckInput,
  DraftEditInput,
  DraftItemInput,
  QuestionInput,
  UpdateAssessmentQuestionInput,
  UpdateCourseDraftSettingsInput,
  UpdateCourseModuleInput,
  UpdateCoursePageInput,
  UpdateKnowledgeCheckInput,
} from './dto/authoring.inputs';
import { CourseDraftView } from './models/authoring.models';

interface Change {
  /** What was changed, for the audit trail. */
  itemId: string | null;
  details?: Record<string, unknown>;
}

const question = (input: QuestionInput) => ({ kind: input.kind, prompt: input.prompt, options: input.options });

/**
 * Editing a draft. Every edit is one use case of the same shape: lock the version, refuse it unless
 * it is still the draft the author was looking at, change the document, save it and audit the
 * change, all in one transaction; then show the draft as it now stands.
 */
@Injectable()
export class CourseDraftEditorService {
  constructor(
    private readonly locked: LockedDraftsService,
    private readonly drafts: CourseDraftRepository,
    private readonly transactions: TransactionRunnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  updateSettings(me: AuthUser, input: UpdateCourseDraftSettingsInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'settings_updated', async (_, version, manager) => {
      const settings = {
        title: input.title ?? version.title,
        summary: input.summary ?? version.summary,
        contentWarning: input.contentWarning ?? version.contentWarning,
        supportText: input.supportText ?? version.supportText,
        passMarkPercent: input.passMarkPercent ?? version.passMarkPercent,
        assessmentSize: input.assessmentSize ?? version.assessmentSize,
      };
      await this.drafts.updateSettings(manager, version.id, settings);
      return { itemId: null, details: { passMarkPercent: settings.passMarkPercent, assessmentSize: settings.assessmentSize } };
    });
  }

  addModule(me: AuthUser, input: AddCourseModuleInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'module_added', (draft) => ({ itemId: draft.addModule(input).id, details: { title: input.title } }));
  }

  updateModule(me: AuthUser, input: UpdateCourseModuleInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'module_updated', (draft) => ({
      itemId: draft.updateModule(input.moduleId, input).id,
      details: { title: input.title, position: input.position },
    }));
  }

  removeModule(me: AuthUser, input: DraftItemInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'module_removed', (draft) => {
      const removed = draft.removeModule(input.id);
      return { itemId: removed.id, details: { title: removed.title, pages: removed.pages.length } };
    });
  }

  addPage(me: AuthUser, input: AddCoursePageInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'page_added', (draft) => ({
      itemId: draft.addPage(input.moduleId, input).id,
      details: { moduleId: input.moduleId, title: input.title },
    }));
  }

  updatePage(me: AuthUser, input: UpdateCoursePageInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'page_updated', (draft) => ({
      itemId: draft.updatePage(input.pageId, input).id,
      details: { title: input.title, position: input.position, bodyChanged: input.bodyMarkdown !== undefined },
    }));
  }

  removePage(me: AuthUser, input: DraftItemInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'page_removed', (draft) => {
      const removed = draft.removePage(input.id);
      return { itemId: removed.id, details: { title: removed.title } };
    });
  }

  addKnowledgeCheck(me: AuthUser, input: AddKnowledgeCheckInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'knowledge_check_added', (draft) => ({
      itemId: draft.addCheck(input.pageId, { ...question(input), feedback: input.feedback }).id,
      details: { pageId: input.pageId },
    }));
  }

  updateKnowledgeCheck(me: AuthUser, input: UpdateKnowledgeCheckInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'knowledge_check_updated', (draft) => ({
      itemId: draft.updateCheck(input.checkId, { ...question(input), feedback: input.feedback }).id,
    }));
  }

  removeKnowledgeCheck(me: AuthUser, input: DraftItemInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'knowledge_check_removed', (draft) => ({ itemId: draft.removeCheck(input.id).id }));
  }

  addAssessmentQuestion(me: AuthUser, input: AddAssessmentQuestionInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'bank_question_added', (draft) => ({
      itemId: draft.addQuestion({ ...question(input), moduleId: input.moduleId }).id,
      details: { moduleId: input.moduleId },
    }));
  }

  updateAssessmentQuestion(me: AuthUser, input: UpdateAssessmentQuestionInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'bank_question_updated', (draft) => ({
      itemId: draft.updateQuestion(input.questionId, { ...question(input), moduleId: input.moduleId }).id,
      details: { moduleId: input.moduleId },
    }));
  }

  removeAssessmentQuestion(me: AuthUser, input: DraftItemInput): Promise<CourseDraftView> {
    return this.edit(me, input, 'bank_question_removed', (draft) => ({ itemId: draft.removeQuestion(input.id).id }));
  }

  private async edit(
    me: AuthUser,
    ref: DraftEditInput,
    action: string,
    change: (draft: DraftDocument, version: VersionRow, manager: EntityManager) => Change | Promise<Change>,
  ): Promise<CourseDraftView> {
    const draft = await this.transactions.run(async (manager) => {
      const { version, document } = await this.locked.draft(me, manager, ref);
      const { itemId, details } = await change(document, version, manager);
      const now = this.clock.now();
      await this.drafts.saveDraft(manager, { versionId: version.id, content: document.content, now, userId: me.id });
      await this.audit.record(manager, {
        actorId: me.id,
        action: `course_draft.${action}`,
        entityType: 'course_version',
        entityId: version.id,
        details: { slug: version.slug, number: version.number, itemId, ...details },
      });
      return this.drafts.findDraft(version.slug, manager);
    });
    return draftView(draft!);
  }
}
