import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IsIn } from 'class-validator';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { LeadAppointmentArgs, LeadAppointmentResponsesService, LeadAppointmentStatus } from '@dasv/nominations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { NOMINATION_PAGE_HELPERS } from './nomination-pages.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

export class LeadAppointmentAnswerForm extends LeadAppointmentArgs {
  @IsIn(['agree', 'decline'], { message: 'Choose whether you agree to be the lead' })
  answer!: 'agree' | 'decline';
}

/**
 * The page the "do you agree to be the lead?" e-mail links to. Like the account page, it needs
 * only a signed-in person: the person asked may hold no role yet, and the service finds the
 * question among their own or answers "not found".
 */
@PageController()
export class NominationLeadAppointmentsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly responses: LeadAppointmentResponsesService,
  ) {}

  @Get('lead-appointments/:id')
  async question(@CurrentUser() me: AuthUser, @Param() { id }: LeadAppointmentArgs, @Res() res: Response) {
    const appointment = await this.responses.find(me, id);
    return this.pages.render(res, 'nominations/lead-appointment', {
      ...NOMINATION_PAGE_HELPERS,
      appointment,
      organisation: await this.responses.organisationOf(appointment),
      isAwaiting: appointment.status === LeadAppointmentStatus.AWAITING_CONFIRMATION,
    });
  }

  @Post('lead-appointments/:id')
  @FormSubmission()
  async answer(@CurrentUser() me: AuthUser, @Form(LeadAppointmentAnswerForm) form: LeadAppointmentAnswerForm, @Req() req: Request, @Res() res: Response) {
    await (form.answer === 'agree' ? this.responses.agree(me, form.id) : this.responses.decline(me, form.id));
    const path = `/lead-appointments/${form.id}/answered`;
    Flash.set(req, { path, data: { answered: true } });
    res.redirect(303, path);
  }

  @Get('lead-appointments/:id/answered')
  async answered(@CurrentUser() me: AuthUser, @Param() { id }: LeadAppointmentArgs, @Req() req: PageRequest, @Res() res: Response) {
    const appointment = await this.responses.find(me, id);
    // Only straight after answering: coming back later shows the question page, which says where it stands.
    if (!Flash.take(req)?.data?.answered) return res.redirect(303, `/lead-appointments/${id}`);
    return this.pages.render(res, 'nominations/lead-appointment-answered', {
      ...NOMINATION_PAGE_HELPERS,
      appointment,
      organisation: await this.responses.organisationOf(appointment),
    });
  }
}
