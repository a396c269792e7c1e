import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthErrorReason, AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { AppConfig } from '@dasv/config';
import { OrganisationsService } from '@dasv/organisations';
import { InvitationsService, InviteUserInput } from '@dasv/users';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class AdminInviteController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly invitations: InvitationsService,
    private readonly organisations: OrganisationsService,
    private readonly config: AppConfig,
  ) {}

  @Get('admin/invite')
  @Can(Permission.UserInvite)
  inviteForm(@CurrentUser() me: AuthUser, @Res() res: Response) {
    return this.pages.render(res, 'invitations/invite', { roles: this.invitations.grantableRoles(me) });
  }

  @Post('admin/invite')
  @Can(Permission.UserInvite)
  // Refusals that name no field still belong to one: out of scope is about the organisation, too high about the role.
  @FormSubmission({ fieldForReason: { [AuthErrorReason.OutOfScope]: 'organisationOdsCode', [AuthErrorReason.RoleTooHigh]: 'role' } })
  async invite(
    @CurrentUser() me: AuthUser,
    @Form(InviteUserInput, { organisationOdsCode: 'Enter an ODS code of 3 to 6 letters and numbers, like RBV' }) input: InviteUserInput,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const user = await this.invitations.invite(me, input);
    Flash.set(req, {
      path: '/admin/invite/sent',
      data: {
        name: user.name,
        email: user.email,
        role: input.role,
        odsCode: input.organisationOdsCode.toUpperCase(),
        emailed: this.invitations.wasEmailedAnInvitation(user),
      },
    });
    res.redirect(303, '/admin/invite/sent');
  }

  @Get('admin/invite/sent')
  @Can(Permission.UserInvite)
  async invited(@Req() req: PageRequest, @Res() res: Response) {
    const invitation = Flash.take(req)?.data;
    if (!invitation) return res.redirect(303, '/admin/invite');
    return this.pages.render(res, 'invitations/invite-sent', {
      invitation,
      organisation: await this.organisations.getByOdsCode(String(invitation.odsCode)),
      ttlDays: Math.round(this.config.env.INVITATION_TTL_HOURS / 24),
    });
  }
}
