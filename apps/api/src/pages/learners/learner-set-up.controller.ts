import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AcceptInvitationInput, AuthService, PASSWORD_MIN, PasswordResetService, Public, TokenPurpose } from '@dasv/auth';
import { DEFAULT_COURSE_SLUG, LEARNER_SET_UP_PATH } from '@dasv/learners';
import { courseHref } from '../courses/course-links';
import { Flash } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

/**
 * Where the link in a learner's e-mail (registration or staff list) leads: choose a password, and
 * land signed in on the course, where they start or pick up where they stopped. Not on an account
 * page: a learner came to take the course.
 */
@PageController()
export class LearnerSetUpController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly auth: AuthService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Get(`${LEARNER_SET_UP_PATH.slice(1)}/:token`)
  @Public()
  async form(@Param('token') token: string, @Res() res: Response) {
    if (!(await this.passwordReset.isTokenUsable(token, TokenPurpose.Invitation))) {
      return this.pages.render(res, 'errors/link-expired', { purpose: 'invitation' }, 410);
    }
    return this.pages.render(res, 'learners/set-up', { passwordMin: PASSWORD_MIN });
  }

  @Post(`${LEARNER_SET_UP_PATH.slice(1)}/:token`)
  @Public()
  @FormSubmission()
  async setUp(@Form(AcceptInvitationInput) input: AcceptInvitationInput, @Req() req: Request, @Res() res: Response) {
    await this.auth.acceptInvitation(req, input.token, input.password, input.name);
    // Someone without a password has not started: the course's own page is where they start.
    const course = courseHref(DEFAULT_COURSE_SLUG);
    Flash.set(req, { path: course, notice: 'Your account is set up and you are signed in. Start the course when you are ready.' });
    res.redirect(303, course);
  }
}
