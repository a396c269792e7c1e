import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BadUserInputError } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import {
  LeadAppointmentStatus,
  NominationDecisionsService,
  NominationErrorReason,
  NominationFormService,
  NominationReviewService,
  NominationSubmissionsService,
  SubmissionStatus,
} from '@dasv/nominations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { DecisionFields, leadBoxes, onSubmissionForm, operationalSlots, OrganisationReturnParams, submissionInput, submissionValues } from './nomination-forms';
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
    private readonly reviews: NominationReviewService,
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
      canReview: this.view.canManage(me) && Boolean(form.currentSubmission),
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
    const { input, boxOf } = await submissionInput(returnId, form.organisation.odsCode, form.leadsAsked, body, (plain) =>
      this.submissions.leadProblems(form.organisation.type, plain),
    );
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

  /**
   * A national administrator's review of the organisation's latest answer: what it changes against
   * the version last accepted, and accepting it or sending it back with a reason. The page says what
   * each does before it is done, so it is its own check page.
   */
  @Get('nominations/:returnId/:odsCode/review')
  @Can(Permission.NominationManage)
  async review(@CurrentUser() me: AuthUser, @Param() { returnId, odsCode }: OrganisationReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const review = await this.reviews.reviewFor(me, returnId, odsCode);
    const refused = Flash.take(req);
    return this.pages.render(res, 'nominations/review', {
      ...NOMINATION_PAGE_HELPERS,
      review,
      values: refused?.values ?? {},
      errors: refused?.errors,
      formPath: `/nominations/${returnId}/${encodeURIComponent(review.organisation.odsCode)}`,
      canDecide: review.submission?.status === SubmissionStatus.PENDING,
    });
  }

  @Post('nominations/:returnId/:odsCode/review')
  @Can(Permission.NominationManage)
  @FormSubmission({ fieldForReason: { [NominationErrorReason.Superseded]: 'decision' } })
  async decide(
    @CurrentUser() me: AuthUser,
    @Param() { returnId, odsCode }: OrganisationReturnParams,
    @Form(DecisionFields) fields: DecisionFields,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const review = await this.reviews.reviewFor(me, returnId, odsCode);
    const basePath = `/nominations/${returnId}/${encodeURIComponent(review.organisation.odsCode)}`;
    if (!review.submission) return res.redirect(303, `${basePath}/review`);
    if (!fields.decision) {
      throw new BadUserInputError('Choose whether to accept it.', { decision: ['Choose whether to accept this answer or send it back'] });
    }
    const decided = await this.decisions.decide(me, review.submission.id, fields.decision === 'accept', fields.reason);
    const path = `${basePath}/reviewed`;
    Flash.set(req, { path, data: { version: String(decided.version), status: decided.status } });
    res.redirect(303, path);
  }

  @Get('nominations/:returnId/:odsCode/reviewed')
  @Can(Permission.NominationManage)
  async reviewed(@CurrentUser() me: AuthUser, @Param() { returnId, odsCode }: OrganisationReturnParams, @Req() req: PageRequest, @Res() res: Response) {
    const outcome = Flash.take(req)?.data;
    const review = await this.reviews.reviewFor(me, returnId, odsCode);
    if (!outcome) return res.redirect(303, `/nominations/${returnId}/${encodeURIComponent(review.organisation.odsCode)}/review`);
    return this.pages.render(res, 'nominations/reviewed', {
      ...NOMINATION_PAGE_HELPERS,
      review,
      version: outcome.version,
      accepted: outcome.status === SubmissionStatus.ACCEPTED,
    });
  }
}
