import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import {
  AddAssessmentQuestionInput,
  AddCourseModuleInput,
  AddCoursePageInput,
  AddKnowledgeCheckInput,
  CourseDraftEditorService,
  UpdateAssessmentQuestionInput,
  UpdateCourseModuleInput,
  UpdateCoursePageInput,
  UpdateKnowledgeCheckInput,
} from '@dasv/elearning';
import { Flash } from '../shared/flash';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import {
  CheckParams,
  CourseParams,
  formInput,
  moduleFields,
  ModuleParams,
  OPTION_ROWS,
  pageFields,
  PageParams,
  QuestionParams,
  questionFields,
  questionValues,
} from './course-authoring.forms';
import { AUTHORING_HELPERS, CourseAuthoringView, draftPath } from './course-authoring.view';

// Not named Body: decorator metadata would name the @Body() decorator as the parameter’s class.
type FormBody = Record<string, unknown>;

/**
 * Plain forms for a draft's modules, pages, knowledge checks and bank questions, and a preview of a
 * page exactly as learners will get it. Each form posts back to its own address; a refusal comes
 * back to it with the errors and what was typed (FormSubmission). Routes ending in /new are
 * declared before the ones taking an id, so "new" is never read as one.
 */
@PageController()
export class DraftContentController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: CourseAuthoringView,
    private readonly editor: CourseDraftEditorService,
  ) {}

  @Get('training/authoring/:slug/draft/modules/new')
  @Can(Permission.CourseAuthor)
  async newModule(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Res() res: Response) {
    return this.pages.render(res, 'course-authoring/module', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft: await this.view.draft(me, slug),
      module: null,
    });
  }

  @Post('training/authoring/:slug/draft/modules/new')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async addModule(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const before = new Set((await this.view.draft(me, slug)).modules.map((m) => m.id));
    const draft = await this.editor.addModule(me, await formInput(AddCourseModuleInput, moduleFields(slug, body)));
    const added = draft.modules.find((m) => !before.has(m.id))!;
    return this.saved(req, res, `${draftPath(slug)}/modules/${added.id}`, 'The module has been added. Add its first page.');
  }

  @Get('training/authoring/:slug/draft/modules/:moduleId')
  @Can(Permission.CourseAuthor)
  async module(@CurrentUser() me: AuthUser, @Param() { slug, moduleId }: ModuleParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, moduleId, 'module');
    return this.pages.render(res, 'course-authoring/module', { ...AUTHORING_HELPERS, slug, base: draftPath(slug), draft, module: item.module });
  }

  @Post('training/authoring/:slug/draft/modules/:moduleId')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async saveModule(@CurrentUser() me: AuthUser, @Param() { slug, moduleId }: ModuleParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.editor.updateModule(me, await formInput(UpdateCourseModuleInput, moduleFields(slug, body, moduleId)));
    return this.saved(req, res, draftPath(slug), 'The module has been saved');
  }

  @Get('training/authoring/:slug/draft/modules/:moduleId/pages/new')
  @Can(Permission.CourseAuthor)
  async newPage(@CurrentUser() me: AuthUser, @Param() { slug, moduleId }: ModuleParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, moduleId, 'module');
    return this.pages.render(res, 'course-authoring/page', { ...AUTHORING_HELPERS, slug, base: draftPath(slug), draft, module: item.module, page: null });
  }

  @Post('training/authoring/:slug/draft/modules/:moduleId/pages/new')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async addPage(@CurrentUser() me: AuthUser, @Param() { slug, moduleId }: ModuleParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const before = new Set((await this.view.item(me, slug, moduleId, 'module')).item.module.pages.map((p) => p.id));
    const draft = await this.editor.addPage(me, await formInput(AddCoursePageInput, pageFields(slug, body, { moduleId })));
    const added = draft.modules.find((m) => m.id === moduleId)!.pages.find((p) => !before.has(p.id))!;
    return this.saved(req, res, `${draftPath(slug)}/pages/${added.id}`, 'The page has been added');
  }

  @Get('training/authoring/:slug/draft/pages/:pageId')
  @Can(Permission.CourseAuthor)
  async page(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: PageParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, pageId, 'page');
    return this.pages.render(res, 'course-authoring/page', { ...AUTHORING_HELPERS, slug, base: draftPath(slug), draft, module: item.module, page: item.page });
  }

  @Post('training/authoring/:slug/draft/pages/:pageId')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async savePage(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: PageParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.editor.updatePage(me, await formInput(UpdateCoursePageInput, pageFields(slug, body, { pageId })));
    // "Save and preview" goes straight to what learners will see.
    const path = body.then === 'preview' ? `${draftPath(slug)}/pages/${pageId}/preview` : `${draftPath(slug)}/pages/${pageId}`;
    return this.saved(req, res, path, 'The page has been saved');
  }

  /** The page as a learner will see it: the same sanitised HTML, its questions without their answers, and the support text. */
  @Get('training/authoring/:slug/draft/pages/:pageId/preview')
  @Can(Permission.CourseAuthor)
  async preview(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: PageParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, pageId, 'page');
    const order = draft.modules.flatMap((m) => m.pages.map((p) => p.id));
    const at = order.indexOf(pageId);
    return this.pages.render(res, 'course-authoring/preview', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      module: item.module,
      page: item.page,
      positionInCourse: at + 1,
      totalPages: order.length,
      previousId: order[at - 1] ?? null,
      nextId: order[at + 1] ?? null,
    });
  }

  @Get('training/authoring/:slug/draft/pages/:pageId/checks/new')
  @Can(Permission.CourseAuthor)
  async newCheck(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: PageParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, pageId, 'page');
    return this.pages.render(res, 'course-authoring/question', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      page: item.page,
      question: null,
      saved: questionValues(),
      rows: OPTION_ROWS,
    });
  }

  @Post('training/authoring/:slug/draft/pages/:pageId/checks/new')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async addCheck(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: PageParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const { fields, boxOf, order } = questionFields(slug, body, { pageId, feedback: body.feedback });
    await this.editor.addKnowledgeCheck(me, await formInput(AddKnowledgeCheckInput, fields, boxOf, order));
    return this.saved(req, res, `${draftPath(slug)}/pages/${pageId}`, 'The knowledge check has been added');
  }

  @Get('training/authoring/:slug/draft/checks/:checkId')
  @Can(Permission.CourseAuthor)
  async check(@CurrentUser() me: AuthUser, @Param() { slug, checkId }: CheckParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, checkId, 'check');
    return this.pages.render(res, 'course-authoring/question', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      page: item.page,
      question: item.check,
      saved: questionValues(item.check),
      rows: OPTION_ROWS,
    });
  }

  @Post('training/authoring/:slug/draft/checks/:checkId')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async saveCheck(@CurrentUser() me: AuthUser, @Param() { slug, checkId }: CheckParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const { item } = await this.view.item(me, slug, checkId, 'check');
    const { fields, boxOf, order } = questionFields(slug, body, { checkId, feedback: body.feedback });
    await this.editor.updateKnowledgeCheck(me, await formInput(UpdateKnowledgeCheckInput, fields, boxOf, order));
    return this.saved(req, res, `${draftPath(slug)}/pages/${item.page.id}`, 'The knowledge check has been saved');
  }

  @Get('training/authoring/:slug/draft/questions/new')
  @Can(Permission.CourseAuthor)
  async newQuestion(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Res() res: Response) {
    const draft = await this.view.draft(me, slug);
    return this.pages.render(res, 'course-authoring/question', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      page: null,
      question: null,
      saved: questionValues(),
      rows: OPTION_ROWS,
    });
  }

  @Post('training/authoring/:slug/draft/questions/new')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async addQuestion(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const { fields, boxOf, order } = questionFields(slug, body, { moduleId: body.moduleId });
    await this.editor.addAssessmentQuestion(me, await formInput(AddAssessmentQuestionInput, fields, boxOf, order));
    return this.saved(req, res, `${draftPath(slug)}#question-bank`, 'The question has been added to the bank');
  }

  @Get('training/authoring/:slug/draft/questions/:questionId')
  @Can(Permission.CourseAuthor)
  async question(@CurrentUser() me: AuthUser, @Param() { slug, questionId }: QuestionParams, @Res() res: Response) {
    const { draft, item } = await this.view.item(me, slug, questionId, 'question');
    return this.pages.render(res, 'course-authoring/question', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      page: null,
      question: item.question,
      saved: questionValues(item.question),
      rows: OPTION_ROWS,
    });
  }

  @Post('training/authoring/:slug/draft/questions/:questionId')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async saveQuestion(
    @CurrentUser() me: AuthUser,
    @Param() { slug, questionId }: QuestionParams,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { fields, boxOf, order } = questionFields(slug, body, { questionId, moduleId: body.moduleId });
    await this.editor.updateAssessmentQuestion(me, await formInput(UpdateAssessmentQuestionInput, fields, boxOf, order));
    return this.saved(req, res, `${draftPath(slug)}#question-bank`, 'The question has been saved');
  }

  private saved(req: Request, res: Response, path: string, notice: string): void {
    Flash.set(req, { path: path.split('#')[0], notice });
    res.redirect(303, path);
  }
}
