import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '@dasv/common';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { CourseArgs, CourseProgressService, ElearningErrorReason } from '@dasv/elearning';
import { Flash, PageRequest } from '../shared/flash';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { answerErrors, answersIn, chosenToFlash, CoursePageParams, isAnswerRefusal, savePageInput } from './course-forms';
import { courseHref, pageHref, whereToResume } from './course-links';
import { CoursePagesView, savedFeedback } from './course-pages.view';
import { ReadingTimeService } from './reading-time.service';

/**
 * The learner's way through a course: the list of courses, a course's overview with its content
 * warning, and its pages one by one. No @Can: every signed-in member of staff may take the training,
 * and every service call is keyed by the caller, so no one reaches another learner's progress.
 */
@PageController()
export class CoursesController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: CoursePagesView,
    private readonly progress: CourseProgressService,
    private readonly readingTime: ReadingTimeService,
  ) {}

  @Get('training')
  async courses(@CurrentUser() me: AuthUser, @Res() res: Response) {
    return this.pages.render(res, 'courses/index', await this.view.courses(me));
  }

  @Get('training/courses/:slug')
  async overview(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Res() res: Response) {
    return this.pages.render(res, 'courses/overview', await this.view.overview(me, slug));
  }

  /** Exactly where the learner stopped, on whichever device they stopped on; before starting, the overview. */
  @Get('training/courses/:slug/resume')
  async resume(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Res() res: Response) {
    const mine = await this.progress.myProgress(me, slug);
    res.redirect(303, mine ? whereToResume(slug, mine) : courseHref(slug));
  }

  /** Start or resume: starting pins the published version; starting again changes nothing. */
  @Post('training/courses/:slug/resume')
  async start(@CurrentUser() me: AuthUser, @Param() { slug }: CourseArgs, @Res() res: Response) {
    res.redirect(303, whereToResume(slug, await this.progress.start(me, slug)));
  }

  @Get('training/courses/:slug/pages/:pageId')
  async page(@CurrentUser() me: AuthUser, @Param() { slug, pageId }: CoursePageParams, @Req() req: PageRequest, @Res() res: Response) {
    const page = await this.view.page(me, slug, pageId, Flash.take(req));
    if (!page) return res.redirect(303, courseHref(slug));
    return this.pages.render(res, 'courses/page', page);
  }

  /**
   * Next: saves the answers and the time on the page, then shows the answers' feedback on the same
   * page, or goes straight on when there were none (Post/Redirect/Get either way).
   */
  @Post('training/courses/:slug/pages/:pageId')
  async savePage(
    @CurrentUser() me: AuthUser,
    @Param() { slug, pageId }: CoursePageParams,
    @Body() body: Record<string, unknown>,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const here = pageHref(slug, pageId);
    const chosen = answersIn(body);
    try {
      const input = await savePageInput(slug, pageId, chosen, this.readingTime.secondsSince(body.shownAt, me.id, pageId));
      const saved = savedFeedback(await this.progress.savePage(me, input), chosen, slug);
      if (saved.feedback.length === 0) return res.redirect(303, saved.nextHref);
      Flash.set(req, { path: here, data: { saved: JSON.stringify(saved) } });
      return res.redirect(303, here);
    } catch (error) {
      if (isAnswerRefusal(error)) {
        const errors = answerErrors(error, await this.view.questionsOnPage(me, slug, pageId), chosen, false);
        Flash.set(req, { path: here, errors, data: { answers: chosenToFlash(chosen) } });
        return res.redirect(303, here);
      }
      // Saving before starting (a stale tab after the account was reset, say): the overview says how to start.
      if (error instanceof AppError && error.reason === ElearningErrorReason.NotStarted) return res.redirect(303, courseHref(slug));
      throw error;
    }
  }
}
