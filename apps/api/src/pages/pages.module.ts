import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ACCOUNT_PAGES } from './account';
import { AUDIT_TRAIL_PAGES } from './audit-trail';
import { AUTH_PAGES } from './auth';
import { CERTIFICATE_PAGES } from './certificates';
import { CHASING_PAGES } from './chasing';
import { COURSE_AUTHORING_PAGES } from './course-authoring';
import { COURSE_PAGES } from './courses';
import { DIRECTORY_PAGES } from './directory';
import { HELP_PAGES } from './help';
import { HOME_PAGES } from './home';
import { INVITATION_PAGES } from './invitations';
import { LEARNER_ADMIN_PAGES } from './learners';
import { LEARNING_REPORT_PAGES } from './learning-reports';
import { NOMINATION_PAGES } from './nominations';
import { ORGANISATION_PAGES } from './organisations';
import { USER_PAGES } from './users';
import { NotFoundPageFilter } from './shared/not-found-page.filter';
import { PageRendererService } from './shared/page-renderer.service';
import { PagesExceptionFilter } from './shared/pages-exception.filter';

/** Every area of pages, one folder each (controllers, views, forms and their tests beside them). */
const AREAS = [
  HOME_PAGES,
  AUTH_PAGES,
  INVITATION_PAGES,
  ACCOUNT_PAGES,
  ORGANISATION_PAGES,
  NOMINATION_PAGES,
  CHASING_PAGES,
  DIRECTORY_PAGES,
  COURSE_PAGES,
  CERTIFICATE_PAGES,
  LEARNER_ADMIN_PAGES,
  LEARNING_REPORT_PAGES,
  COURSE_AUTHORING_PAGES,
  AUDIT_TRAIL_PAGES,
  USER_PAGES,
  HELP_PAGES,
];

/**
 * The server-rendered NHS.UK pages. They call the same services as GraphQL; what lives here is
 * presentation only: templates, forms, redirects and turning errors into pages.
 */
@Module({
  imports: [...new Set(AREAS.flatMap((a) => a.imports))],
  controllers: AREAS.flatMap((a) => a.controllers),
  providers: [PageRendererService, PagesExceptionFilter, ...AREAS.flatMap((a) => a.providers), { provide: APP_FILTER, useClass: NotFoundPageFilter }],
})
export class PagesModule {}
