import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthErrorReason, AuthService, AuthUser, CurrentUser, Public, SignInInput } from '@dasv/auth';
import { AppConfig } from '@dasv/config';
import { SESSION_COOKIE } from '../../setup';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { afterSignIn } from '../shared/redirects';

@PageController()
export class SignInController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  @Public()
  signInForm(@CurrentUser() me: AuthUser | undefined, @Query('next') next: unknown, @Res() res: Response) {
    if (me) return res.redirect(303, afterSignIn(next, this.config.publicUrl));
    return this.pages.render(res, 'auth/sign-in', { next: afterSignIn(next, this.config.publicUrl, '') });
  }

  @Post('sign-in')
  @Public()
  // Wrong e-mail or password is one message on purpose (which was wrong would reveal accounts); it is linked to the first box.
  @FormSubmission({ fieldForReason: { [AuthErrorReason.InvalidCredentials]: 'email' } })
  async signIn(@Form(SignInInput) input: SignInInput, @Query('next') next: unknown, @Req() req: Request, @Res() res: Response) {
    await this.auth.signIn(req, input.email, input.password);
    res.redirect(303, afterSignIn(next, this.config.publicUrl));
  }

  @Post('sign-out')
  @Public()
  async signOut(@Req() req: Request, @Res() res: Response) {
    await this.auth.signOut(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/signed-out');
  }

  @Get('signed-out')
  @Public()
  signedOut(@Res() res: Response) {
    return this.pages.render(res, 'auth/signed-out');
  }
}
