import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AcceptInvitationInput, AuthService, PASSWORD_MIN, PasswordResetService, Public, TokenPurpose } from '@dasv/auth';
import { Flash } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class AcceptInvitationController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly auth: AuthService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Get('accept-invitation/:token')
  @Public()
  async acceptInvitationForm(@Param('token') token: string, @Res() res: Response) {
    if (!(await this.passwordReset.isTokenUsable(token, TokenPurpose.Invitation))) {
      return this.pages.render(res, 'errors/link-expired', { purpose: 'invitation' }, 410);
    }
    return this.pages.render(res, 'invitations/accept-invitation', { passwordMin: PASSWORD_MIN });
  }

  @Post('accept-invitation/:token')
  @Public()
  @FormSubmission()
  async acceptInvitation(@Form(AcceptInvitationInput) input: AcceptInvitationInput, @Req() req: Request, @Res() res: Response) {
    await this.auth.acceptInvitation(req, input.token, input.password, input.name);
    Flash.set(req, { path: '/account', notice: 'Your account is set up and you are signed in.' });
    res.redirect(303, '/account');
  }
}
