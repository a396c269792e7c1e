import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PASSWORD_MIN, PasswordResetService, Public, RequestPasswordResetInput, ResetPasswordInput, TokenPurpose } from '@dasv/auth';
import { AppConfig } from '@dasv/config';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class PasswordResetController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly passwordReset: PasswordResetService,
    private readonly config: AppConfig,
  ) {}

  @Get('forgotten-password')
  @Public()
  forgottenPasswordForm(@Res() res: Response) {
    return this.pages.render(res, 'auth/forgotten-password');
  }

  @Post('forgotten-password')
  @Public()
  @FormSubmission()
  async requestReset(@Form(RequestPasswordResetInput) input: RequestPasswordResetInput, @Req() req: Request, @Res() res: Response) {
    await this.passwordReset.requestReset(input.email, req.ip ?? 'unknown');
    Flash.set(req, { path: '/forgotten-password/sent', data: { email: input.email } });
    res.redirect(303, '/forgotten-password/sent');
  }

  /** The same page whether or not the address has an account. */
  @Get('forgotten-password/sent')
  @Public()
  resetRequested(@Req() req: PageRequest, @Res() res: Response) {
    return this.pages.render(res, 'auth/forgotten-password-sent', {
      email: Flash.take(req)?.data?.email,
      ttlMinutes: this.config.env.PASSWORD_RESET_TTL_MINUTES,
    });
  }

  @Get('reset-password/:token')
  @Public()
  async resetPasswordForm(@Param('token') token: string, @Res() res: Response) {
    if (!(await this.passwordReset.isTokenUsable(token, TokenPurpose.PasswordReset))) {
      return this.pages.render(res, 'errors/link-expired', { purpose: 'password-reset', ttlMinutes: this.config.env.PASSWORD_RESET_TTL_MINUTES }, 410);
    }
    return this.pages.render(res, 'auth/reset-password', { passwordMin: PASSWORD_MIN });
  }

  @Post('reset-password/:token')
  @Public()
  @FormSubmission()
  async resetPassword(@Form(ResetPasswordInput) input: ResetPasswordInput, @Req() req: Request, @Res() res: Response) {
    await this.passwordReset.resetPassword(input.token, input.password);
    Flash.set(req, { path: '/sign-in', notice: 'Your password has been changed. Sign in with your new password.' });
    res.redirect(303, '/sign-in');
  }
}
