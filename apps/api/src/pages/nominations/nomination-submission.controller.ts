import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { LeadAppointmentStatus, NominationDecisionsService, NominationFormService, NominationSubmissionsService, SubmissionStatus } from '@dasv/nominations';
import { Flash, PageRequest } from '../shared/flash';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { leadBoxes, onSubmissionForm, operationalSlots, OrganisationReturnParams, submissionInput, submissionValues } from './nomination-forms';
import { NOMINATION_PAGE_HELPERS, NominationPagesView } from './nomination-pages.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

/**
 * An organisation's side of a return: the form, pre-filled with what is known, and the confirmation.
 * This is the page every request and chase e-mail links to; signing in comes back here.
 */
@PageController()
export class NominationSubmissionController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: NominationPagesView,
    private readonly forms: NominationFormService,
    private readonly submissions: NominationSubmissionsService,
    private readonly decisions: NominationDecisionsService,
  ) {}

  @Get('nominations/:returnId/:odsCode')
  @Can(Permission.NominationSubmit)
  async form(@CurrentUser() me: AuthUser, @Param() { returnId, odsCode }: OrganisationReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const form = await this.forms.formFor(me, returnId, odsCode);
    const refused = Flash.take(req);
    const values = refused?.values ?? submissionValues(form);
    const slots = Number(values.operationalSlots) || operationalSlots(form.operationalLeads.length);
    return this.pages.render(res, 'nominations/form', {
      ...NOMINATION_PAGE_HELPERS,
      form,
      values,
      formBoxes: {
        executive: leadBoxes('executive'),
        senior: leadBoxes('senior'),
        operational: Array.from({ length: slots }, (_, i) => leadBoxes(`operational${i}`)),
      },
      slots,
      history: form.currentSubmission ? await this.view.history(returnId, form.organisation.id) : [],
      canDecide: this.view.canManage(me) && form.currentSubmission?.status === SubmissionStatus.PENDING,
    });
  }

  @Post('nominations/:returnId/:odsCode')
  @Can(Permission.NominationSubmit)
  @FormSubmission()
  async submit(
    @CurrentUser() me: AuthUser,
    @Param() { returnId, odsCode }: OrganisationReturnParams,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const form = await this.forms.formFor(me, returnId, odsCode);
    const { input, boxOf } = await submissionInput(returnId, form.organisation.odsCode, form.leadsAsked, body);
    const submission = await this.submissions.submit(me, input).catch((error: unknown) => {
      throw onSubmissionForm(error, boxOf);
    });
    const path = `/nominations/${returnId}/${encodeURIComponent(form.organisation.odsCode)}/submitted`;
    Flash.set(req, { path, data: { submissionId: submission.id } });
    res.redirect(303, path);
  }

  @Get('nominations/:returnId/:odsCode/submitted')
  @Can(Permission.NominationSubmit)
  async submitted(@CurrentUser() me: AuthUser, @Param() { returnId, odsCode }: OrganisationReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const form = await this.forms.formFor(me, returnId, odsCode);
    const formPath = `/nominations/${returnId}/${encodeURIComponent(form.organisation.odsCode)}`;
    // Only straight after submitting: reloading later, or arriving from elsewhere, goes to the form.
    if (!Flash.take(req)?.data?.submissionId || !form.currentSubmission) return res.redirect(303, formPath);
    const [current] = await this.view.history(returnId, form.organisation.id);
    const waiting = form.leadAppointments.filter((a) => a.status === LeadAppointmentStatus.AWAITING_CONFIRMATION);
    return this.pages.render(res, 'nominations/submitted', { ...NOMINATION_PAGE_HELPERS, form, submission: current, formPath, waiting });
  }

  /** A national admin's decision on a submission waiting for approval, from the organisation's page. */
  @Post('nominations/:returnId/:odsCode/decision')
  @Can(Permission.NominationManage)
  async decide(
    @CurrentUser() me: AuthUser,
    @Param() { returnId, odsCode }: OrganisationReturnParams,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const form = await this.forms.formFor(me, returnId, odsCode);
    const path = `/nominations/${returnId}/${encodeURIComponent(form.organisation.odsCode)}`;
    if (form.currentSubmission && (body.decision === 'accept' || body.decision === 'reject')) {
      try {
        const decided = await this.decisions.decide(me, form.currentSubmission.id, body.decision === 'accept');
        Flash.set(req, {
          path,
          notice: `Version ${decided.version} is ${decided.status === SubmissionStatus.ACCEPTED ? 'accepted: the people named from within the organisation are now the leads, and anyone else has been asked to agree' : 'rejected: the leads stay as they were'}.`,
        });
      } catch (error) {
        // Decided by someone else meanwhile, or replaced by a newer version: say so on the page the button was on.
        if (!(error instanceof AppError) || error.code !== ErrorCode.Conflict) throw error;
        Flash.set(req, { path, errors: { summary: [{ text: error.message }], fields: {} } });
      }
    }
    res.redirect(303, path);
  }
}
