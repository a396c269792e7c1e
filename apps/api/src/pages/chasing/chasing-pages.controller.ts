import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formatLondonDay } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { ChasePausesService, ManualChaseService, WorkingDayCalendarService } from '@dasv/chasing';
import { NOMINATION_RETURN_CAMPAIGN } from '@dasv/nominations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { ChaseNowFields, chaseNowInput, ChaseTargetParams, chasingPath, PauseFields, pauseInput } from './chasing-forms';
import { ChasingPagesView } from './chasing-pages.view';

const BASE = 'nominations/:returnId/organisations/:odsCode/chasing';

/**
 * Chasing one organisation asked by a return, on pages: where it stands and the log, chasing it by
 * hand (check your answers, then a confirmation), pausing and resuming. Each action is one call to
 * the same service as its GraphQL mutation (chaseNow, pauseChasing, resumeChasing).
 */
@PageController()
export class ChasingPagesController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: ChasingPagesView,
    private readonly manual: ManualChaseService,
    private readonly pauses: ChasePausesService,
    private readonly calendar: WorkingDayCalendarService,
  ) {}

  @Get(BASE)
  @Can(Permission.NominationRead)
  async organisation(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Res() res: Response) {
    return this.pages.render(res, 'chasing/organisation', { page: await this.view.organisation(me, params) });
  }

  @Get(`${BASE}/chase-now`)
  @Can(Permission.ChaseManage)
  async chaseNowForm(
    @CurrentUser() me: AuthUser,
    @Param() params: ChaseTargetParams,
    @Query() query: ChaseNowFields,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const page = await this.view.forManaging(me, params);
    // "Change" on the check page comes back here with the message typed, as a query.
    const values = Flash.take(req)?.values ?? { note: typeof query.note === 'string' ? query.note : '' };
    return this.pages.render(res, 'chasing/chase-now', { page, values });
  }

  /** The form's answers are checked here and shown on the check page; nothing is sent yet. */
  @Post(`${BASE}/chase-now`)
  @Can(Permission.ChaseManage)
  @FormSubmission()
  async checkChaseNow(
    @CurrentUser() me: AuthUser,
    @Param() params: ChaseTargetParams,
    @Form(ChaseNowFields) fields: ChaseNowFields,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const input = await chaseNowInput(params, fields);
    await this.view.forManaging(me, params);
    const checkPath = `${chasingPath(params)}/chase-now/check`;
    Flash.set(req, { path: checkPath, data: { note: input.note ?? '' } });
    res.redirect(303, checkPath);
  }

  @Get(`${BASE}/chase-now/check`)
  @Can(Permission.ChaseManage)
  async chaseNowCheck(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Req() req: PageRequest, @Res() res: Response) {
    const flash = Flash.take(req);
    const note = flash?.data?.note ?? flash?.values?.note;
    // Reached without filling in the form (a bookmark, a reload after sending): start from the form.
    if (typeof note !== 'string') return res.redirect(303, `${chasingPath(params)}/chase-now`);
    return this.pages.render(res, 'chasing/chase-now-check', { page: await this.view.forManaging(me, params), note });
  }

  @Post(`${BASE}/chase-now/check`)
  @Can(Permission.ChaseManage)
  @FormSubmission()
  async chaseNow(
    @CurrentUser() me: AuthUser,
    @Param() params: ChaseTargetParams,
    @Form(ChaseNowFields) fields: ChaseNowFields,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const input = await chaseNowInput(params, fields);
    const chase = await this.manual.chaseNow(
      me,
      { kind: NOMINATION_RETURN_CAMPAIGN, ref: input.returnId, organisationOdsCode: input.organisationOdsCode },
      input.note ?? null,
    );
    const sentPath = `${chasingPath(params)}/chase-now/sent`;
    Flash.set(req, { path: sentPath, data: { recipients: chase.recipients.join(', '), count: String(chase.recipients.length), note: chase.note ?? '' } });
    res.redirect(303, sentPath);
  }

  @Get(`${BASE}/chase-now/sent`)
  @Can(Permission.ChaseManage)
  async chaseNowSent(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Req() req: PageRequest, @Res() res: Response) {
    const sent = Flash.take(req)?.data;
    if (!sent) return res.redirect(303, chasingPath(params));
    return this.pages.render(res, 'chasing/chase-now-sent', { page: await this.view.organisation(me, params), sent });
  }

  @Get(`${BASE}/pause`)
  @Can(Permission.ChaseManage)
  async pauseForm(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Res() res: Response) {
    return this.pages.render(res, 'chasing/pause', { page: await this.view.forManaging(me, params) });
  }

  @Post(`${BASE}/pause`)
  @Can(Permission.ChaseManage)
  @FormSubmission()
  async pause(
    @CurrentUser() me: AuthUser,
    @Param() params: ChaseTargetParams,
    @Form(PauseFields) fields: PauseFields,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const input = await pauseInput(params, fields);
    const pause = await this.pauses.pause(
      me,
      { kind: NOMINATION_RETURN_CAMPAIGN, ref: input.returnId, organisationOdsCode: input.organisationOdsCode },
      { lastDay: input.until, reason: input.reason },
    );
    const pausedPath = `${chasingPath(params)}/paused`;
    Flash.set(req, { path: pausedPath, data: { lastDay: formatLondonDay(this.calendar.lastDayBefore(pause.until)), reason: pause.reason } });
    res.redirect(303, pausedPath);
  }

  @Get(`${BASE}/paused`)
  @Can(Permission.ChaseManage)
  async paused(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Req() req: PageRequest, @Res() res: Response) {
    const paused = Flash.take(req)?.data;
    if (!paused) return res.redirect(303, chasingPath(params));
    return this.pages.render(res, 'chasing/paused', { page: await this.view.organisation(me, params), paused });
  }

  @Get(`${BASE}/resume`)
  @Can(Permission.ChaseManage)
  async resumeForm(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Res() res: Response) {
    return this.pages.render(res, 'chasing/resume', { page: await this.view.forManaging(me, params) });
  }

  @Post(`${BASE}/resume`)
  @Can(Permission.ChaseManage)
  @FormSubmission()
  async resume(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Req() req: PageRequest, @Res() res: Response) {
    const ended = await this.pauses.resume(me, { kind: NOMINATION_RETURN_CAMPAIGN, ref: params.returnId, organisationOdsCode: params.odsCode });
    const resumedPath = `${chasingPath(params)}/resumed`;
    Flash.set(req, { path: resumedPath, data: { agreedLastDay: formatLondonDay(this.calendar.lastDayBefore(ended.until)) } });
    res.redirect(303, resumedPath);
  }

  @Get(`${BASE}/resumed`)
  @Can(Permission.ChaseManage)
  async resumed(@CurrentUser() me: AuthUser, @Param() params: ChaseTargetParams, @Req() req: PageRequest, @Res() res: Response) {
    const resumed = Flash.take(req)?.data;
    if (!resumed) return res.redirect(303, chasingPath(params));
    return this.pages.render(res, 'chasing/resumed', { page: await this.view.organisation(me, params), resumed });
  }
}
