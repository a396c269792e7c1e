import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import {
  CourseAuthoringErrorReason,
  CourseDraftEditorService,
  CourseVersionStatus,
  CourseDraftPublishingService,
  CourseDraftsService,
  DraftItemInput,
  DraftVersionInput,
  UpdateCourseDraftSettingsInput,
} from '@dasv/elearning';
import { Flash, PageRequest } from '../shared/flash';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { CourseParams, formInput, ItemParams, settingsFields } from './course-authoring.forms';
import { AUTHORING_HELPERS, CourseAuthoringView, draftPath, locate, problemHref } from './course-authoring.view';

const REMOVED: Record<string, string> = { module: 'module', page: 'page', check: 'knowledge check', question: 'bank question' };

/**
 * National admins' pages for a course's versions: the list, a draft's overview and settings,
 * removing items, and publishing. Editing modules, pages and questions is DraftContentController's.
 * Every form carries the draft's version number, so a form left open while someone else publishes
 * that draft is refused rather than applied to what learners now see.
 */
@PageController()
export class CourseAuthoringController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: CourseAuthoringView,
    private readonly drafts: CourseDraftsService,
    private readonly editor: CourseDraftEditorService,
    private readonly publishing: CourseDraftPublishingService,
  ) {}

  @Get('training/authoring')
  @Can(Permission.CourseAuthor)
  async index(@CurrentUser() me: AuthUser, @Res() res: Response) {
    return this.pages.render(res, 'course-authoring/index', { ...AUTHORING_HELPERS, courses: await this.drafts.catalogue(me), draftPath });
  }

  /** The draft's modules, pages and bank at a glance, and what stands in the way of publishing it. */
  @Get('training/authoring/:slug/draft')
  @Can(Permission.CourseAuthor)
  async overview(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Res() res: Response) {
    const [draft, versions] = await Promise.all([this.drafts.draft(me, slug), this.drafts.versions(me, slug)]);
    const published = versions.find((v) => v.status === CourseVersionStatus.PUBLISHED) ?? null;
    return this.pages.render(res, 'course-authoring/draft', {
      ...AUTHORING_HELPERS,
      slug,
      draft,
      published,
      base: draftPath(slug),
      moduleTitles: new Map(draft?.modules.map((m) => [m.id, `${m.position}. ${m.title}`]) ?? []),
    });
  }

  @Post('training/authoring/:slug/draft')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async create(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Req() req: Request, @Res() res: Response) {
    const draft = await this.drafts.create(me, slug);
    Flash.set(req, {
      path: draftPath(slug),
      notice: `Version ${draft.number} is now a draft, copied from the published version. Learners will not see it until you publish it.`,
    });
    res.redirect(303, draftPath(slug));
  }

  @Get('training/authoring/:slug/draft/settings')
  @Can(Permission.CourseAuthor)
  async settings(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Res() res: Response) {
    return this.pages.render(res, 'course-authoring/settings', { ...AUTHORING_HELPERS, slug, base: draftPath(slug), draft: await this.view.draft(me, slug) });
  }

  @Post('training/authoring/:slug/draft/settings')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async saveSettings(
    @CurrentUser() me: AuthUser,
    @Param() { slug }: CourseParams,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const input = await formInput(UpdateCourseDraftSettingsInput, settingsFields(slug, body));
    await this.editor.updateSettings(me, input);
    Flash.set(req, { path: draftPath(slug), notice: 'The course details have been saved' });
    res.redirect(303, draftPath(slug));
  }

  @Get('training/authoring/:slug/draft/items/:id/remove')
  @Can(Permission.CourseAuthor)
  async confirmRemoval(@CurrentUser() me: AuthUser, @Param() { slug, id }: ItemParams, @Res() res: Response) {
    const draft = await this.view.draft(me, slug);
    const item = locate(draft, id);
    if (!item) return res.redirect(303, draftPath(slug));
    return this.pages.render(res, 'course-authoring/remove', { ...AUTHORING_HELPERS, slug, base: draftPath(slug), draft, item, what: REMOVED[item.kind] });
  }

  @Post('training/authoring/:slug/draft/items/:id/remove')
  @Can(Permission.CourseAuthor)
  @FormSubmission()
  async remove(
    @CurrentUser() me: AuthUser,
    @Param() { slug, id }: ItemParams,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const input = await formInput(DraftItemInput, { slug, id, version: Number(body.version) });
    const item = locate(await this.view.draft(me, slug), id);
    if (item?.kind === 'module') await this.editor.removeModule(me, input);
    if (item?.kind === 'page') await this.editor.removePage(me, input);
    if (item?.kind === 'check') await this.editor.removeKnowledgeCheck(me, input);
    if (item?.kind === 'question') await this.editor.removeAssessmentQuestion(me, input);
    // Back to where the item was listed: a page's checks are on the page, the rest on the overview.
    const path =
      item?.kind === 'check'
        ? `${draftPath(slug)}/pages/${item.page.id}`
        : item?.kind === 'page'
          ? `${draftPath(slug)}/modules/${item.module.id}`
          : draftPath(slug);
    Flash.set(req, { path, notice: item ? `The ${REMOVED[item.kind]} has been removed` : undefined });
    res.redirect(303, path);
  }

  /** Lists every problem (in the NHS.UK error summary, each linking to where to fix it), or asks to confirm. */
  @Get('training/authoring/:slug/draft/publish')
  @Can(Permission.CourseAuthor)
  async confirmPublish(@CurrentUser() me: AuthUser, @Param() { slug }: CourseParams, @Req() req: PageRequest, @Res() res: Response) {
    const draft = await this.view.draft(me, slug);
    const versions = await this.drafts.versions(me, slug);
    const refused = Flash.take(req)?.errors;
    const problems = draft.problems.map((p) => ({ text: p.message, href: problemHref(slug, p, draft) }));
    return this.pages.render(res, 'course-authoring/publish', {
      ...AUTHORING_HELPERS,
      slug,
      base: draftPath(slug),
      draft,
      pageCount: draft.modules.reduce((n, m) => n + m.pages.length, 0),
      published: versions.find((v) => v.status === CourseVersionStatus.PUBLISHED) ?? null,
      errors: problems.length ? { summary: problems, fields: {} } : (refused ?? { summary: [], fields: {} }),
    });
  }

  @Post('training/authoring/:slug/draft/publish')
  @Can(Permission.CourseAuthor)
  async publish(
    @CurrentUser() me: AuthUser,
    @Param() { slug }: CourseParams,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const path = `${draftPath(slug)}/publish`;
    try {
      const input = await formInput(DraftVersionInput, { slug, version: Number(body.version) });
      const published = await this.publishing.publish(me, input);
      Flash.set(req, {
        path: '/training/authoring',
        notice: `Version ${published.number} is published. New learners start it from now on; learners part-way through an earlier version finish that one.`,
      });
      res.redirect(303, '/training/authoring');
    } catch (error) {
      // The confirmation page lists the draft's problems itself; other refusals (published meanwhile) are shown there too.
      if (!(error instanceof AppError) || ![ErrorCode.BadUserInput, ErrorCode.Conflict].includes(error.code)) throw error;
      // Published (by someone else) since the page was shown: there is no draft to come back to.
      const back = error.reason === CourseAuthoringErrorReason.VersionNotEditable ? '/training/authoring' : path;
      Flash.set(req, { path: back, errors: { summary: [{ text: error.message }], fields: {} } });
      res.redirect(303, back);
    }
  }
}
