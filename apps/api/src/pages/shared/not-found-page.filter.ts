import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageRendererService } from './page-renderer.service';

/**
 * Registered globally, because a URL no route matches never reaches a controller-scoped filter.
 * Browsers get the NHS.UK 404 page; API clients keep Nest's JSON, and GraphQL is left alone.
 */
@Catch(NotFoundException)
@Injectable()
export class NotFoundPageFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRendererService) {}

  async catch(error: NotFoundException, host: ArgumentsHost): Promise<unknown> {
    if (host.getType() !== 'http') return error;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (req.accepts(['json', 'html']) === 'html') {
      try {
        return await this.pages.render(res, 'errors/not-found', {}, HttpStatus.NOT_FOUND);
      } catch {
        // Nest does not await filters: a failure here would be an unhandled rejection. Fall back to JSON.
      }
    }
    if (!res.headersSent) res.status(HttpStatus.NOT_FOUND).json(error.getResponse());
    return undefined;
  }
}
