import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser, Public } from '@dasv/auth';
import { AppConfig } from '@dasv/config';
import { LearnerRegistrationService, RegisterLearnerInput, REGISTRATION_SEARCH_MIN_LENGTH } from '@dasv/learners';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

export class RegistrationSearchQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Search with 100 characters or fewer' })
  search?: string;
}

const SENT_PATH = '/register/check-your-email';

/**
 * Self-registration without JavaScript: a GET search finds the organisation, the results come back
 * as radios inside the registration form, and the form posts to the same URL (search kept) so a
 * refusal shows the same results again.
 */
@PageController()
export class LearnerRegistrationController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly registration: LearnerRegistrationService,
    private readonly config: AppConfig,
  ) {}

  @Get('register')
  @Public()
  async form(@CurrentUser() me: AuthUser | undefined, @Query() query: RegistrationSearchQuery, @Res() res: Response) {
    const search = query.search?.trim() ?? '';
    const tooShort = search.length > 0 && search.length < REGISTRATION_SEARCH_MIN_LENGTH;
    const found = search.length >= REGISTRATION_SEARCH_MIN_LENGTH ? await this.registration.searchOrganisations(search) : null;
    return this.pages.render(res, 'learners/register', {
      signedIn: Boolean(me),
      search,
      searchError: tooShort ? `Enter at least ${REGISTRATION_SEARCH_MIN_LENGTH} characters of the name, or the ODS code` : undefined,
      found,
      domains: this.config.workEmailDomains.inWords(),
      action: search ? `/register?search=${encodeURIComponent(search)}` : '/register',
    });
  }

  @Post('register')
  @Public()
  @FormSubmission()
  async register(
    @Form(RegisterLearnerInput, { odsCode: 'Choose the organisation you work for' }) input: RegisterLearnerInput,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.registration.register(input, req.ip ?? 'unknown');
    Flash.set(req, { path: SENT_PATH, data: { email: input.email } });
    res.redirect(303, SENT_PATH);
  }

  @Get('register/check-your-email')
  @Public()
  async sent(@Req() req: PageRequest, @Res() res: Response) {
    const sent = Flash.take(req)?.data;
    if (!sent?.email) return res.redirect(303, '/register');
    return this.pages.render(res, 'learners/register-sent', { email: sent.email, ttlDays: Math.round(this.config.env.INVITATION_TTL_HOURS / 24) });
  }
}
