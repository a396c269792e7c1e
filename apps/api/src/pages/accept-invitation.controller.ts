import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AcceptInvitationInput, AuthService, PASSWORD_MIN, PasswordResetService, Public, TokenPurpose } from '@dasv/auth';
import { Flash } from './flash';
import { Form } from './form.decorator';
import { FormSubmission } from './form-submission.interceptor';
import { PageController } from './page-controller.decorator';
import { PageRenderer } from './page-renderer';

@PageController()
export class AcceptInvitationController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly auth: AuthService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Get('accept-invitation/:token')
  @Public()
  async acceptInvitationForm(@Param('token') token: string, @Res() res: Response) {
    if (!(await this.passwordReset.isTokenUsable(token, TokenPurpose.Invitation))) {
      return this.pages.render(res, 'auth/link-expired', { purpose: 'invitation' }, 410);
    }
    return this.pages.render(res, 'auth/accept-invitation', { passwordMin: PASSWORD_MIN });
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
