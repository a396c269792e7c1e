import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, SESSION_MAX_AGE_MS } from '@dasv/auth';
import { AppConfig } from '@dasv/config';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { CSRF_COOKIE } from '../shared/csrf.guard';
import { SESSION_COOKIE } from '../../setup';

/** The pages every NHS service links from its footer: help, contact, accessibility, privacy and cookies. */
@PageController()
export class HelpController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly config: AppConfig,
  ) {}

  private render(res: Response, template: string, context: object = {}) {
    return this.pages.render(res, `help/${template}`, { contactEmail: this.config.contactEmail, ...context });
  }

  @Get('help')
  @Public()
  help(@Res() res: Response) {
    return this.render(res, 'index');
  }

  @Get('help/contact')
  @Public()
  contact(@Res() res: Response) {
    return this.render(res, 'contact');
  }

  @Get('help/accessibility-statement')
  @Public()
  accessibility(@Res() res: Response) {
    return this.render(res, 'accessibility-statement');
  }

  @Get('help/privacy')
  @Public()
  privacy(@Res() res: Response) {
    return this.render(res, 'privacy');
  }

  @Get('help/cookies')
  @Public()
  cookies(@Res() res: Response) {
    return this.render(res, 'cookies', { sessionCookie: SESSION_COOKIE, formCookie: CSRF_COOKIE, sessionHours: SESSION_MAX_AGE_MS / 3_600_000 });
  }
}
