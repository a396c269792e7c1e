import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { CsrfGuard } from './csrf.guard';
import { PagesExceptionFilter } from './pages-exception.filter';

/**
 * A controller of server-rendered pages: every form it accepts must carry the session's CSRF token,
 * and its failures become pages (sign-in redirect, 403, 404, error page) rather than JSON.
 */
export const PageController = (): ClassDecorator => applyDecorators(Controller(), UseGuards(CsrfGuard), UseFilters(PagesExceptionFilter));
