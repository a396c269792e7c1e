import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, Clock, CSV_CONTENT_TYPE, ErrorCode } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { NominationExport, NominationExportsService, NominationReturnsService } from '@dasv/nominations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { DashboardQuery, OPEN_RETURN_DEFAULTS, OpenReturnFields, openReturnInput, ReturnParams } from './nomination-forms';
import { NOMINATION_PAGE_HELPERS, NominationPagesView } from './nomination-pages.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { ListQuery } from '../shared/pagination';
import { ChasingPagesView } from '../chasing/chasing-pages.view';

declare module 'express-session' {
  interface SessionData {
    /** The open-a-return form as typed, between the form, its check page and opening. */
    nominationReturnDraft?: Record<string, string>;
  }
}

/**
 * NHS England's side of nomination returns: the list, opening one (form, check your answers,
 * confirmation), its dashboard, closing it (check, confirmation) and its exports.
 */
@PageController()
export class NominationReturnsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: NominationPagesView,
    private readonly returns: NominationReturnsService,
    private readonly exports: NominationExportsService,
    private readonly clock: Clock,
    private readonly chasing: ChasingPagesView,
  ) {}

  @Get('nominations')
  @Can(Permission.NominationRead)
  async index(@CurrentUser() me: AuthUser, @Query() query: ListQuery, @Res() res: Response) {
    return this.pages.render(res, 'nominations/index', { ...NOMINATION_PAGE_HELPERS, ...(await this.view.returnList(me, query)) });
  }

  // Declared before nominations/:returnId, which would otherwise take "new" for an id.
  @Get('nominations/new')
  @Can(Permission.NominationManage)
  openForm(@Req() req: PageRequest, @Res() res: Response) {
    const refused = Flash.take(req);
    // Coming back from the check page ("Change") shows what was typed there.
    return this.pages.render(res, 'nominations/new', { values: refused?.values ?? req.session.nominationReturnDraft ?? OPEN_RETURN_DEFAULTS });
  }

  /** Checks everything the form says, then shows what opening would do; nothing is written or sent yet. */
  @Post('nominations/new')
  @Can(Permission.NominationManage)
  @FormSubmission()
  async checkOpening(@CurrentUser() me: AuthUser, @Form(OpenReturnFields) fields: OpenReturnFields, @Req() req: Request, @Res() res: Response) {
    // The form's boxes are named as the input's fields, so refusals need no renaming to find their box.
    await this.returns.preview(me, await openReturnInput(fields, (input) => this.returns.openingProblems(me, input)));
    req.session.nominationReturnDraft = draftOf(fields);
    res.redirect(303, '/nominations/new/check');
  }

  @Get('nominations/new/check')
  @Can(Permission.NominationManage)
  async openingCheck(@CurrentUser() me: AuthUser, @Req() req: PageRequest, @Res() res: Response) {
    const draft = req.session.nominationReturnDraft;
    if (!draft) return res.redirect(303, '/nominations/new');
    const refused = Flash.take(req);
    try {
      const preview = await this.returns.preview(me, await openReturnInput(draft, (input) => this.returns.openingProblems(me, input)));
      return this.pages.render(res, 'nominations/check-open', { ...NOMINATION_PAGE_HELPERS, preview, draft, errors: refused?.errors });
    } catch (error) {
      // Time has moved on since the form (the deadline has passed, say): back to the form, saying why.
      if (!(error instanceof AppError) || error.code !== ErrorCode.BadUserInput) throw error;
      const fields = Object.fromEntries(Object.entries(error.fields ?? {}).map(([name, messages]) => [name, messages[0]]));
      Flash.set(req, {
        path: '/nominations/new',
        values: draft,
        errors: { summary: Object.entries(fields).map(([name, text]) => ({ text, href: `#${name}` })), fields },
      });
      return res.redirect(303, '/nominations/new');
    }
  }

  /** Opens the return and e-mails the organisations that can be reached: the one step that sends anything. */
  @Post('nominations/new/check')
  @Can(Permission.NominationManage)
  @FormSubmission()
  async open(@CurrentUser() me: AuthUser, @Req() req: Request, @Res() res: Response) {
    const draft = req.session.nominationReturnDraft;
    if (!draft) return res.redirect(303, '/nominations/new');
    const opened = await this.returns.open(me, await openReturnInput(draft, (input) => this.returns.openingProblems(me, input)));
    delete req.session.nominationReturnDraft;
    const path = `/nominations/${opened.nominationReturn.id}/return-opened`;
    Flash.set(req, { path, data: { asked: String(opened.asked), emailed: String(opened.emailed) } });
    res.redirect(303, path);
  }

  @Get('nominations/:returnId/return-opened')
  @Can(Permission.NominationManage)
  async opened(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const outcome = Flash.take(req)?.data;
    // Only straight after opening: reloading later goes to the dashboard, which has the live figures.
    if (!outcome) return res.redirect(303, `/nominations/${returnId}`);
    const asked = Number(outcome.asked);
    const emailed = Number(outcome.emailed);
    return this.pages.render(res, 'nominations/opened', {
      ...NOMINATION_PAGE_HELPERS,
      nominationReturn: await this.returns.get(me, returnId),
      asked,
      emailed,
      unreachable: asked - emailed,
    });
  }

  @Get('nominations/:returnId')
  @Can(Permission.NominationRead)
  async dashboard(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Query() query: DashboardQuery, @Res() res: Response) {
    const page = await this.view.dashboard(me, returnId, query);
    return this.pages.render(res, 'nominations/dashboard', {
      ...NOMINATION_PAGE_HELPERS,
      ...page,
      chasing: await this.chasing.forDashboard(page.dashboard.nominationReturn, page.requests),
      asAt: NOMINATION_PAGE_HELPERS.when(this.clock.now()),
    });
  }

  /** What closing stops, before it is done: it cannot be undone. */
  @Get('nominations/:returnId/close-return')
  @Can(Permission.NominationManage)
  async closingCheck(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const refused = Flash.take(req);
    return this.pages.render(res, 'nominations/check-close', {
      ...NOMINATION_PAGE_HELPERS,
      ...(await this.view.closing(me, returnId)),
      errors: refused?.errors,
    });
  }

  @Post('nominations/:returnId/close-return')
  @Can(Permission.NominationManage)
  // Someone else closing it first is a conflict to show on the check page, not an error page.
  @FormSubmission()
  async close(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Req() req: Request, @Res() res: Response) {
    await this.returns.close(me, returnId);
    const path = `/nominations/${returnId}/return-closed`;
    Flash.set(req, { path, data: { closed: true } });
    res.redirect(303, path);
  }

  @Get('nominations/:returnId/return-closed')
  @Can(Permission.NominationManage)
  async closed(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    if (!Flash.take(req)?.data?.closed) return res.redirect(303, `/nominations/${returnId}`);
    return this.pages.render(res, 'nominations/closed', { ...NOMINATION_PAGE_HELPERS, ...(await this.view.closing(me, returnId)) });
  }

  @Get('nominations/:returnId/export/statuses.csv')
  @Can(Permission.NominationRead)
  async statuses(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Query() query: DashboardQuery, @Res() res: Response) {
    return download(res, await this.exports.statuses(me, returnId, query.within));
  }

  @Get('nominations/:returnId/export/leads.csv')
  @Can(Permission.NominationRead)
  async leads(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Query() query: DashboardQuery, @Res() res: Response) {
    return download(res, await this.exports.leads(me, returnId, query.within));
  }
}

/** The typed boxes worth keeping between pages: strings only, as the form has them. */
function draftOf(fields: OpenReturnFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function download(res: Response, file: NominationExport): void {
  // Personal data: the browser saves it, and no cache along the way keeps a copy.
  res
    .status(200)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Type', CSV_CONTENT_TYPE)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .send(file.csv);
}
