import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { formatLondon } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { HeadcountService, LEARNER_CSV_MAX_BYTES, OrganisationStaff } from '@dasv/learners';
import { OrganisationArgs } from '@dasv/organisations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { ListQuery, PAGE_SIZE, pageLinks } from '../shared/pagination';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { HeadcountForm, rowProblemsOf } from './learner-forms';

export const staffPath = (odsCode: string) => `/training/staff/${encodeURIComponent(odsCode)}`;

const SOURCE_LABELS: Record<string, string> = { STAFF_LIST: 'counted from the staff list uploaded', ADMIN: 'entered by an administrator' };

/** Dates as the page says them, in London time. */
function staffView(staff: OrganisationStaff) {
  return {
    ...staff,
    headcount: staff.headcount
      ? { ...staff.headcount, headcountText: staff.headcount.headcount.toLocaleString('en-GB'), updatedText: formatLondon(staff.headcount.updatedAt) }
      : null,
    recentActivity: staff.recentActivity.map((e) => ({ ...e, whenText: formatLondon(e.occurredAt) })),
  };
}

/** An admin's view of their organisations' staff: which organisation, its headcount, and the forms that change it. */
@PageController()
export class StaffController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly headcounts: HeadcountService,
  ) {}

  @Get('training/staff')
  @Can(Permission.LearnerManage)
  async organisations(@CurrentUser() me: AuthUser, @Query() query: ListQuery, @Res() res: Response) {
    const search = query.search?.trim() || undefined;
    const connection = await this.headcounts.managedOrganisations(me, { search, first: PAGE_SIZE, after: query.after });
    // Someone who looks after one organisation has nothing to choose.
    if (!search && !query.after && connection.totalCount === 1) return res.redirect(303, staffPath(connection.edges[0].node.organisation.odsCode));
    return this.pages.render(res, 'learners/staff-organisations', {
      search,
      organisations: connection.edges.map((e) => e.node),
      links: pageLinks('/training/staff', query, connection),
      sourceLabels: SOURCE_LABELS,
    });
  }

  @Get('training/staff/:odsCode')
  @Can(Permission.LearnerManage)
  async organisation(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Res() res: Response) {
    const staff = staffView(await this.headcounts.staff(me, odsCode));
    return this.pages.render(res, 'learners/staff', { staff, path: staffPath(staff.organisation.odsCode), sourceLabels: SOURCE_LABELS });
  }

  @Get('training/staff/:odsCode/headcount')
  @Can(Permission.LearnerManage)
  async headcountForm(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Res() res: Response) {
    const staff = staffView(await this.headcounts.staff(me, odsCode));
    return this.pages.render(res, 'learners/headcount', { staff, path: staffPath(staff.organisation.odsCode) });
  }

  @Post('training/staff/:odsCode/headcount')
  @Can(Permission.LearnerManage)
  @FormSubmission()
  async setHeadcount(
    @CurrentUser() me: AuthUser,
    @Form(HeadcountForm, { headcount: 'Enter the headcount as a whole number, like 4500' }) form: HeadcountForm,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const saved = await this.headcounts.set(me, { odsCode: form.odsCode, headcount: form.headcount });
    const path = staffPath(form.odsCode.toUpperCase());
    Flash.set(req, { path, notice: `The headcount is now ${saved.headcount.toLocaleString('en-GB')}.` });
    res.redirect(303, path);
  }

  @Get('training/staff/:odsCode/staff-list')
  @Can(Permission.LearnerManage)
  async staffListForm(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Req() req: PageRequest, @Res() res: Response) {
    const staff = staffView(await this.headcounts.staff(me, odsCode));
    const errors = Flash.take(req)?.errors;
    return this.pages.render(res, 'learners/staff-list', {
      staff,
      path: staffPath(staff.organisation.odsCode),
      problems: errors ? rowProblemsOf(errors) : [],
      maxMegabytes: LEARNER_CSV_MAX_BYTES / 1024 / 1024,
    });
  }

  @Get('training/staff/:odsCode/completions')
  @Can(Permission.LearnerManage)
  async completionsForm(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Req() req: PageRequest, @Res() res: Response) {
    const staff = staffView(await this.headcounts.staff(me, odsCode));
    const errors = Flash.take(req)?.errors;
    return this.pages.render(res, 'learners/completions', {
      staff,
      path: staffPath(staff.organisation.odsCode),
      problems: errors ? rowProblemsOf(errors) : [],
      maxMegabytes: LEARNER_CSV_MAX_BYTES / 1024 / 1024,
    });
  }
}
