import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '@dasv/common';
import { isServiceUnavailable } from '../../http/service-unavailable';
import { PageRendererService } from './page-renderer.service';
import { PagesErrorReason } from './pages.errors';
import { formPageOf, signInUrl } from './redirects';

/**
 * The one place a page's failure becomes a response. Signed out: to sign-in, then back. Forbidden,
 * missing, refused: an explanation with the right status. Anything else: a generic page, and the
 * details only in the log. Scoped to the page controllers, so GraphQL keeps its own error shape.
 */
@Catch()
@Injectable()
export class PagesExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly pages: PageRendererService) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      this.logger.error({ err: error, path: req.path }, 'page failed after its response started');
      return;
    }
    try {
      await this.respond(error, req, res);
    } catch (renderError) {
      // The error page itself failed (a broken template, the database gone): say so plainly.
      this.logger.error({ err: renderError, cause: error, path: req.path }, 'error page failed to render');
      if (res.headersSent) return;
      if (isServiceUnavailable(error))
        res.status(HttpStatus.SERVICE_UNAVAILABLE).type('text').send('Sorry, the service is unavailable. Try again in a few minutes.');
      else res.status(HttpStatus.INTERNAL_SERVER_ERROR).type('text').send('Sorry, there is a problem with the service. Try again later.');
    }
  }

  private async respond(error: unknown, req: Request, res: Response): Promise<void> {
    if (error instanceof AppError) {
      switch (error.code) {
        case ErrorCode.Unauthenticated:
          return res.redirect(303, signInUrl(req));
        case ErrorCode.Forbidden:
          if (error.reason === PagesErrorReason.CsrfTokenInvalid)
            return this.pages.render(res, 'errors/form-expired', { backHref: formPageOf(req) }, HttpStatus.FORBIDDEN);
          return this.pages.render(res, 'errors/forbidden', { message: error.message }, HttpStatus.FORBIDDEN);
        case ErrorCode.NotFound:
          return this.pages.render(res, 'errors/not-found', { message: error.message }, HttpStatus.NOT_FOUND);
        case ErrorCode.BadUserInput:
          return this.pages.render(
            res,
            'errors/bad-request',
            { messages: Object.values(error.fields ?? {}).flat(), message: error.message },
            HttpStatus.BAD_REQUEST,
          );
        case ErrorCode.TooManyRequests:
          return this.pages.render(res, 'errors/error', { heading: 'Too many attempts', message: error.message }, HttpStatus.TOO_MANY_REQUESTS);
        default:
          break;
      }
    }
    if (isServiceUnavailable(error)) return this.pages.renderUnavailable(res);
    if (error instanceof NotFoundException) return this.pages.render(res, 'errors/not-found', {}, HttpStatus.NOT_FOUND);
    if (error instanceof HttpException && error.getStatus() < 500) {
      return this.pages.render(res, 'errors/error', { heading: 'There is a problem with this request' }, error.getStatus());
    }
    this.logger.error({ err: error, path: req.path }, 'unexpected error rendering a page');
    return this.pages.render(res, 'errors/error', {}, HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
