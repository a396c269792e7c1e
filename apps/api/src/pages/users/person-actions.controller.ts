import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import 'express-session';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { formatLondon, NotFoundError } from '@dasv/common';
import { HandOverLeadInput, LeadHandoverOutcome, LeadHandoverService, LeadInput } from '@dasv/nominations';
import { InvitationsService, ROLE_LABELS, RolesService } from '@dasv/users';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { PersonLeadParams, PersonParams, PersonRoleParams } from './users-page.params';
import { PersonView, sentenceCase } from './users.view';

/** A successor typed on the handover form, kept until the check page is confirmed. */
interface HandoverAnswers {
  leadId: string;
  successor: { name: string; jobTitle: string; email: string; phone?: string };
}

declare module 'express-session' {
  interface SessionData {
    handover?: HandoverAnswers;
  }
}

/**
 * What an administrator does from a person's page, each in the NHS way: a page that says what will
 * happen and asks to confirm, then a confirmation panel saying what happened and what happens next.
 */
@PageController()
export class PersonActionsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly personView: PersonView,
    private readonly roles: RolesService,
    private readonly invitations: InvitationsService,
    private readonly handovers: LeadHandoverService,
  ) {}

  // --- Remove a role ---------------------------------------------------------------------------

  @Get('admin/users/:id/roles/:roleId/remove')
  @Can(Permission.RoleGrant)
  async confirmRemoval(@CurrentUser() me: AuthUser, @Param() { id, roleId }: PersonRoleParams, @Res() res: Response) {
    const person = await this.personView.page(me, id);
    const role = person.roles.find((r) => r.id === roleId);
    if (!role) throw new NotFoundError(`${person.name} does not hold that role any more.`);
    return this.pages.render(res, 'users/remove-role', { person, role });
  }

  @Post('admin/users/:id/roles/:roleId/remove')
  @Can(Permission.RoleGrant)
  @FormSubmission()
  async removeRole(@CurrentUser() me: AuthUser, @Param() { id, roleId }: PersonRoleParams, @Req() req: Request, @Res() res: Response) {
    const removed = await this.roles.remove(me, roleId);
    Flash.set(req, {
      path: `/admin/users/${id}/role-removed`,
      data: { role: sentenceCase(ROLE_LABELS[removed.role]), organisation: removed.organisationName },
    });
    res.redirect(303, `/admin/users/${id}/role-removed`);
  }

  @Get('admin/users/:id/role-removed')
  @Can(Permission.UserRead)
  async roleRemoved(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Req() req: PageRequest, @Res() res: Response) {
    return this.done(me, id, req, res, 'role-removed');
  }

  // --- Resend or cancel an invitation ----------------------------------------------------------

  @Get('admin/users/:id/invitation/resend')
  @Can(Permission.UserInvite)
  async confirmResend(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Res() res: Response) {
    return this.pages.render(res, 'users/resend-invitation', { person: await this.invitee(me, id) });
  }

  @Get('admin/users/:id/invitation/cancel')
  @Can(Permission.UserInvite)
  async confirmCancel(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Res() res: Response) {
    return this.pages.render(res, 'users/cancel-invitation', { person: await this.invitee(me, id) });
  }

  @Post('admin/users/:id/invitation/resend')
  @Can(Permission.UserInvite)
  @FormSubmission()
  async resend(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Req() req: Request, @Res() res: Response) {
    const user = await this.invitations.resend(me, id);
    Flash.set(req, { path: `/admin/users/${id}/invitation-resent`, data: { email: user.email } });
    res.redirect(303, `/admin/users/${id}/invitation-resent`);
  }

  @Post('admin/users/:id/invitation/cancel')
  @Can(Permission.UserInvite)
  @FormSubmission()
  async cancel(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Req() req: Request, @Res() res: Response) {
    const user = await this.invitations.cancel(me, id);
    Flash.set(req, { path: `/admin/users/${id}/invitation-cancelled`, data: { email: user.email } });
    res.redirect(303, `/admin/users/${id}/invitation-cancelled`);
  }

  @Get('admin/users/:id/invitation-resent')
  @Can(Permission.UserRead)
  async invitationResent(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Req() req: PageRequest, @Res() res: Response) {
    return this.done(me, id, req, res, 'invitation-resent');
  }

  @Get('admin/users/:id/invitation-cancelled')
  @Can(Permission.UserRead)
  async invitationCancelled(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Req() req: PageRequest, @Res() res: Response) {
    return this.done(me, id, req, res, 'invitation-cancelled');
  }

  // --- Hand over a lead place ------------------------------------------------------------------

  @Get('admin/users/:id/leads/:leadId/hand-over')
  @Can(Permission.NominationSubmit)
  async handoverForm(@CurrentUser() me: AuthUser, @Param() { id, leadId }: PersonLeadParams, @Req() req: PageRequest, @Res() res: Response) {
    const { person, place } = await this.leadPlace(me, id, leadId);
    // Coming back from the check page to change an answer: the answers are put back in the boxes.
    const kept = req.session.handover?.leadId === leadId && !Flash.take(req)?.values ? req.session.handover.successor : undefined;
    return this.pages.render(res, 'users/hand-over', { person, place, ...(kept ? { values: kept } : {}) });
  }

  @Post('admin/users/:id/leads/:leadId/hand-over')
  @Can(Permission.NominationSubmit)
  @FormSubmission()
  checkHandover(@Param() { id, leadId }: PersonLeadParams, @Form(LeadInput) successor: LeadInput, @Req() req: Request, @Res() res: Response) {
    req.session.handover = {
      leadId,
      successor: { name: successor.name, jobTitle: successor.jobTitle, email: successor.email, ...(successor.phone ? { phone: successor.phone } : {}) },
    };
    res.redirect(303, `/admin/users/${id}/leads/${leadId}/hand-over/check`);
  }

  @Get('admin/users/:id/leads/:leadId/hand-over/check')
  @Can(Permission.NominationSubmit)
  async handoverCheck(@CurrentUser() me: AuthUser, @Param() { id, leadId }: PersonLeadParams, @Req() req: PageRequest, @Res() res: Response) {
    const answers = req.session.handover;
    if (answers?.leadId !== leadId) return res.redirect(303, `/admin/users/${id}/leads/${leadId}/hand-over`);
    const { person, place } = await this.leadPlace(me, id, leadId);
    return this.pages.render(res, 'users/hand-over-check', { person, place, successor: answers.successor });
  }

  @Post('admin/users/:id/leads/:leadId/hand-over/check')
  @Can(Permission.NominationSubmit)
  @FormSubmission()
  async handOver(@CurrentUser() me: AuthUser, @Param() { id, leadId }: PersonLeadParams, @Req() req: Request, @Res() res: Response) {
    const answers = req.session.handover;
    if (answers?.leadId !== leadId) return res.redirect(303, `/admin/users/${id}/leads/${leadId}/hand-over`);
    const input = Object.assign(new HandOverLeadInput(), { leadId, successor: answers.successor });
    const result = await this.handovers.handOver(me, input);
    delete req.session.handover;
    Flash.set(req, {
      path: `/admin/users/${id}/leads/${leadId}/handed-over`,
      data: {
        isAsked: result.outcome === LeadHandoverOutcome.AWAITING_CONFIRMATION,
        successorName: answers.successor.name,
        successorEmail: answers.successor.email,
        expiresAt: result.appointment ? formatLondon(result.appointment.expiresAt) : '',
      },
    });
    res.redirect(303, `/admin/users/${id}/leads/${leadId}/handed-over`);
  }

  @Get('admin/users/:id/leads/:leadId/handed-over')
  @Can(Permission.NominationSubmit)
  async handedOver(@CurrentUser() me: AuthUser, @Param() { id }: PersonLeadParams, @Req() req: PageRequest, @Res() res: Response) {
    return this.done(me, id, req, res, 'handed-over');
  }

  /** The confirmation after a Post/Redirect/Get: shown once; reloading it goes back to the person. */
  private async done(me: AuthUser, id: string, req: PageRequest, res: Response, done: string) {
    const flash = Flash.take(req)?.data;
    if (!flash) return res.redirect(303, `/admin/users/${id}`);
    return this.pages.render(res, 'users/done', { person: await this.personView.page(me, id), done, flash });
  }

  private async invitee(me: AuthUser, id: string) {
    const person = await this.personView.page(me, id);
    if (person.hasActivated) throw new NotFoundError(`${person.name} has already set up their account: there is no invitation.`);
    return person;
  }

  private async leadPlace(me: AuthUser, id: string, leadId: string) {
    const person = await this.personView.page(me, id);
    const place = person.leadPlaces.find((l) => l.leadId === leadId);
    if (!place) throw new NotFoundError(`${person.name} is no longer that lead: someone may have replaced them already.`);
    return { person, place };
  }
}
