import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ErrorCode } from '@dasv/common';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { AssessmentService, CourseArgs } from '@dasv/elearning';
import { Flash, PageRequest } from '../shared/flash';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { answerErrors, answersIn, chosenToFlash, isAnswerRefusal, submitAssessmentInput } from './course-forms';
import { assessmentHref, assessmentResultHref, courseHref } from './course-links';
import { CoursePagesView } from './course-pages.view';

/** The final assessment: starting (or carrying on with) an attempt, answering it in one form, and the result. */
@PageController()
export class CourseAssessmentController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: CoursePagesView,
    private readonly assessments: AssessmentService,
  ) {}

  @Get('training/courses/:slug/assessment')
  async assessment(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Req() req: PageRequest, @Res() res: Response) {
    const assessment = await this.view.assessment(me, slug, Flash.take(req));
    if (!assessment) return res.redirect(303, courseHref(slug));
    return this.pages.render(res, `courses/assessment-${assessment.state}`, assessment);
  }

  /** Start, or try again: an open attempt is returned unchanged, so a second click draws nothing new. */
  @Post('training/courses/:slug/assessment/start')
  async start(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Res() res: Response) {
    try {
      await this.assessments.start(me, slug);
    } catch (error) {
      // Not started, or pages left to complete: the assessment page says which, and where to go.
      if (!(error instanceof AppError && error.code === ErrorCode.Conflict)) throw error;
    }
    res.redirect(303, assessmentHref(slug));
  }

  @Post('training/courses/:slug/assessment')
  async submit(
    @CurrentUser() me: AuthUser,
    @Param() { slug }: CourseArgs,
    @Body() body: Record<string, unknown>,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const chosen = answersIn(body);
    try {
      const result = await this.assessments.submit(me, await submitAssessmentInput(body.attemptId, chosen));
      Flash.set(req, { path: assessmentResultHref(slug), data: { result: JSON.stringify(result) } });
      return res.redirect(303, assessmentResultHref(slug));
    } catch (error) {
      if (isAnswerRefusal(error)) {
        const errors = answerErrors(error, await this.view.openAttemptQuestions(me, slug), chosen, true);
        Flash.set(req, { path: assessmentHref(slug), errors, data: { answers: chosenToFlash(chosen) } });
        return res.redirect(303, assessmentHref(slug));
      }
      // Submitted already, from another tab or device: say so where the learner can start again.
      if (error instanceof AppError && error.code === ErrorCode.Conflict) {
        Flash.set(req, { path: assessmentHref(slug), errors: { summary: [{ text: error.message }], fields: {} } });
        return res.redirect(303, assessmentHref(slug));
      }
      throw error;
    }
  }

  /** Shown once, straight after submitting; a reload goes back to the assessment page and its attempts. */
  @Get('training/courses/:slug/assessment/result')
  async result(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Req() req: PageRequest, @Res() res: Response) {
    const result = await this.view.result(me, slug, Flash.take(req));
    if (!result) return res.redirect(303, assessmentHref(slug));
    return this.pages.render(res, 'courses/assessment-result', result);
  }
}
