import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { formatLondon } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { AppError } from '@dasv/common';
import {
  HeadcountService,
  LEARNER_CSV_MAX_BYTES,
  LearnersErrorReason,
  OrganisationStaff,
  StaffListCheck,
  StaffListService,
  StaffListUpload,
} from '@dasv/learners';
import { OrganisationArgs } from '@dasv/organisations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { ListQuery, PAGE_SIZE, pageLinks } from '../shared/pagination';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { CSV_FIELD } from './csv-upload';
import { ConfirmStaffListForm, HeadcountForm, rowProblemsOf } from './learner-forms';

export const staffPath = (odsCode: string) => `/training/staff/${encodeURIComponent(odsCode)}`;

const SOURCE_LABELS: Record<string, string> = { STAFF_LIST: 'counted from the staff list uploaded', ADMIN: 'entered by an administrator' };

const counted = (n: number, one = 'person', many = 'people') => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The check page's figures in words: the headcount now, and what it becomes (or the choice to make). */
function checkView(check: StaffListCheck) {
  const now = check.headcountNow;
  const nowText = now ? `${now.headcount.toLocaleString('en-GB')}, ${SOURCE_LABELS[now.source] ?? 'set earlier'}` : 'None yet';
  const listText = check.listHeadcount.toLocaleString('en-GB');
  return {
    ...check,
    rowsText: counted(check.rows),
    accountsToCreateText: counted(check.accountsToCreate),
    alreadyHaveAccountsText: counted(check.alreadyHaveAccounts),
    headcountNowText: nowText,
    headcountAfterText: check.isHeadcountChoiceNeeded
      ? `Your choice below: ${now!.headcount.toLocaleString('en-GB')} or ${listText}`
      : now?.headcount === check.listHeadcount
        ? `${listText}, unchanged`
        : `${listText}, the number of people in the list`,
    enteredText: now ? now.headcount.toLocaleString('en-GB') : '',
    enteredByText: now ? `Entered${now.updatedByName ? ` by ${now.updatedByName}` : ''} on ${formatLondon(now.updatedAt)}` : '',
    buttonText: check.accountsToCreate > 0 ? `Upload the list and e-mail ${counted(check.accountsToCreate)}` : 'Upload the list',
  };
}

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

/** A held list that has expired, was uploaded already or is someone else's: back to the upload form, saying so. */
function backToUpload(error: unknown, req: Request, res: Response, path: string): void {
  if (!(error instanceof AppError) || error.reason !== LearnersErrorReason.StaffListUploadExpired) throw error;
  Flash.set(req, { path: `${path}/staff-list`, errors: { summary: [{ text: error.message, href: `#${CSV_FIELD}` }], fields: { [CSV_FIELD]: error.message } } });
  res.redirect(303, `${path}/staff-list`);
}

/** An admin's view of their organisations' staff: which organisation, its headcount, and the forms that change it. */
@PageController()
export class StaffController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly headcounts: HeadcountService,
    private readonly staffLists: StaffListService,
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

  @Get('training/staff/:odsCode/staff-list/check')
  @Can(Permission.LearnerManage)
  async staffListCheck(
    @CurrentUser() me: AuthUser,
    @Param() { odsCode }: OrganisationArgs,
    @Query('upload') upload: unknown,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const staff = staffView(await this.headcounts.staff(me, odsCode));
    const path = staffPath(staff.organisation.odsCode);
    let check: StaffListCheck;
    try {
      check = await this.staffLists.held(me, typeof upload === 'string' ? upload : '');
    } catch (error) {
      return backToUpload(error, req, res, path);
    }
    return this.pages.render(res, 'learners/staff-list-check', { staff, path, check: checkView(check) });
  }

  @Post('training/staff/:odsCode/staff-list/check')
  @Can(Permission.LearnerManage)
  @FormSubmission()
  async confirmStaffList(
    @CurrentUser() me: AuthUser,
    @Form(ConfirmStaffListForm, { headcount: 'Choose whether to keep the headcount entered or use the number of people in the list' })
    form: ConfirmStaffListForm,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    let result: StaffListUpload;
    try {
      result = await this.staffLists.confirm(me, { uploadId: form.uploadId, headcount: form.headcount });
    } catch (error) {
      return backToUpload(error, req, res, staffPath(form.odsCode.toUpperCase()));
    }
    const path = staffPath(result.organisation.odsCode);
    Flash.set(req, {
      path,
      notice: `Staff list uploaded: ${counted(result.rows)}. ${counted(result.accountsCreated, 'new account', 'new accounts')} e-mailed a link to set a password and start the course; ${counted(result.alreadyHadAccounts)} already had an account. The headcount ${result.keptEnteredHeadcount ? 'stays at' : 'is now'} ${result.headcount.toLocaleString('en-GB')}.`,
    });
    res.redirect(303, path);
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
