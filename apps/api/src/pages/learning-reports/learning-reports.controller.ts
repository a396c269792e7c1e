import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CSV_CONTENT_TYPE } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { CourseRemindersService, LearningReportExport, LearningReportExportsService, periodInWords } from '@dasv/learning-reports';
import { OrganisationArgs } from '@dasv/organisations';
import { Flash } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { DEFAULT_REPORT_COURSE, NotCompletedQuery, ReportActionForm, ReportQuery } from './learning-report-pages.query';
import { LearningReportsView } from './learning-reports.view';

/** Completion rates by organisation, the learners not yet completed, and reminders to them. */
@PageController()
export class LearningReportsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: LearningReportsView,
    private readonly exports: LearningReportExportsService,
    private readonly reminders: CourseRemindersService,
  ) {}

  @Get('training/reports')
  @Can(Permission.LearningReportRead)
  async widest(@CurrentUser() me: AuthUser, @Query() query: ReportQuery, @Res() res: Response) {
    return this.pages.render(res, 'learning-reports/dashboard', await this.view.dashboard(me, query.course ?? DEFAULT_REPORT_COURSE, query.odsCode));
  }

  // Declared before training/reports/:odsCode, whose pattern would refuse "completion.csv" as a code.
  @Get('training/reports/completion.csv')
  @Can(Permission.LearningReportRead)
  async completionCsv(@CurrentUser() me: AuthUser, @Query() query: ReportQuery, @Res() res: Response) {
    return download(res, await this.exports.completion(me, query.course ?? DEFAULT_REPORT_COURSE, query.odsCode));
  }

  @Get('training/reports/:odsCode')
  @Can(Permission.LearningReportRead)
  async organisation(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Query() query: ReportQuery, @Res() res: Response) {
    return this.pages.render(res, 'learning-reports/dashboard', await this.view.dashboard(me, query.course ?? DEFAULT_REPORT_COURSE, odsCode));
  }

  /** The dashboard's buttons: send reminders now, or turn the monthly schedule on or off. */
  @Post('training/reports/:odsCode')
  @Can(Permission.LearnerManage)
  @FormSubmission()
  async act(
    @CurrentUser() me: AuthUser,
    @Param() { odsCode }: OrganisationArgs,
    @Query() query: ReportQuery,
    @Form(ReportActionForm) form: ReportActionForm,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const slug = query.course ?? DEFAULT_REPORT_COURSE;
    if (form.action === 'remind') {
      const run = await this.reminders.send(me, { slug, odsCode });
      Flash.set(req, {
        path: req.path,
        notice: `Reminders are being sent to the learners at ${run.organisationName} who have not completed and have not already been reminded in ${periodInWords(run.period)}.`,
      });
    } else {
      const schedule = await this.reminders.setSchedule(me, { slug, odsCode, enabled: form.action === 'schedule-on' });
      Flash.set(req, { path: req.path, notice: schedule.enabled ? 'Monthly reminders are on.' : 'Monthly reminders are off.' });
    }
    res.redirect(303, `${req.originalUrl}#reminders`);
  }

  @Get('training/reports/:odsCode/not-completed')
  @Can(Permission.LearningReportRead)
  async notCompleted(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Query() query: NotCompletedQuery, @Res() res: Response) {
    return this.pages.render(res, 'learning-reports/not-completed', await this.view.notCompleted(me, odsCode, query));
  }

  @Get('training/reports/:odsCode/not-completed.csv')
  @Can(Permission.LearningReportRead)
  async notCompletedCsv(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Query() query: ReportQuery, @Res() res: Response) {
    return download(res, await this.exports.notCompleted(me, query.course ?? DEFAULT_REPORT_COURSE, odsCode));
  }
}

function download(res: Response, file: LearningReportExport): void {
  // Names and e-mail addresses: the browser saves the file, and no cache along the way keeps a copy.
  res
    .status(200)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Type', CSV_CONTENT_TYPE)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .send(file.csv);
}
