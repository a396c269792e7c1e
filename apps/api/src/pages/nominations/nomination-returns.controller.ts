import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock, CSV_CONTENT_TYPE } from '@dasv/common';
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

/** NHS England's side of nomination returns: the list, opening one, its dashboard and its exports. */
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
    return this.pages.render(res, 'nominations/new', { values: refused?.values ?? OPEN_RETURN_DEFAULTS });
  }

  @Post('nominations/new')
  @Can(Permission.NominationManage)
  @FormSubmission()
  async open(@CurrentUser() me: AuthUser, @Form(OpenReturnFields) fields: OpenReturnFields, @Req() req: Request, @Res() res: Response) {
    // The form's boxes are named as the input's fields, so refusals need no renaming to find their box.
    const opened = await this.returns.open(me, await openReturnInput(fields));
    const path = `/nominations/${opened.id}`;
    Flash.set(req, { path, notice: `“${opened.title}” is open, and the organisations asked have been e-mailed.` });
    res.redirect(303, path);
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

  /** The dashboard's own address takes its one action, closing; any other two-part address is an organisation's form. */
  @Post('nominations/:returnId')
  @Can(Permission.NominationManage)
  // Someone else closing it first is a conflict to show on the dashboard, not an error page.
  @FormSubmission()
  async close(@CurrentUser() me: AuthUser, @Param() { returnId }: ReturnParams, @Body('action') action: unknown, @Req() req: Request, @Res() res: Response) {
    const path = `/nominations/${returnId}`;
    if (action === 'close') {
      const closed = await this.returns.close(me, returnId);
      Flash.set(req, { path, notice: `“${closed.title}” is closed: no more chasing, and no more submissions.` });
    }
    res.redirect(303, path);
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

function download(res: Response, file: NominationExport): void {
  // Personal data: the browser saves it, and no cache along the way keeps a copy.
  res
    .status(200)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Type', CSV_CONTENT_TYPE)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .send(file.csv);
}
