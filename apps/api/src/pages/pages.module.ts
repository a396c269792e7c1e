import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { DirectoryModule } from '@dasv/directory';
import { NominationsModule } from '@dasv/nominations';
import { AcceptInvitationController } from './accept-invitation.controller';
import { AccountController } from './account.controller';
import { AccountView } from './account.view';
import { AdminInviteController } from './admin-invite.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryView } from './directory.view';
import { HomeController } from './home.controller';
import { NominationPagesView } from './nomination-pages.view';
import { NominationLeadAppointmentsController } from './nomination-lead-appointments.controller';
import { NominationReturnsController } from './nomination-returns.controller';
import { NominationSubmissionController } from './nomination-submission.controller';
import { NotFoundPageFilter } from './not-found-page.filter';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsView } from './organisations.view';
import { PageRenderer } from './page-renderer';
import { PagesExceptionFilter } from './pages-exception.filter';
import { PasswordResetController } from './password-reset.controller';
import { SignInController } from './sign-in.controller';
import { CERTIFICATE_PAGES } from './certificates';
import { COURSE_AUTHORING_PAGES } from './course-authoring';
import { COURSE_PAGES } from './courses';
import { LEARNER_ADMIN_PAGES } from './learners';
import { LEARNING_REPORT_PAGES } from './learning-reports';
import { AUDIT_TRAIL_PAGES } from './audit-trail';

const AREAS = [COURSE_PAGES, CERTIFICATE_PAGES, LEARNER_ADMIN_PAGES, LEARNING_REPORT_PAGES, COURSE_AUTHORING_PAGES, AUDIT_TRAIL_PAGES];

/**
 * The server-rendered NHS.UK pages. They call the same services as GraphQL; what lives here is
 * presentation only: templates, forms, redirects and turning errors into pages.
 */
@Module({
  imports: [OrganisationsModule, UsersModule, NominationsModule, DirectoryModule, ...AREAS.flatMap((a) => a.imports)],
  controllers: [HomeController, SignInController, PasswordResetController, AcceptInvitationController, AccountController, OrganisationsController, AdminInviteController, NominationReturnsController, NominationSubmissionController, NominationLeadAppointmentsController, DirectoryController, ...AREAS.flatMap((a) => a.controllers)],
  providers: [PageRenderer, PagesExceptionFilter, AccountView, OrganisationsView, DirectoryView, NominationPagesView, ...AREAS.flatMap((a) => a.providers), { provide: APP_FILTER, useClass: NotFoundPageFilter }],
})
export class PagesModule {}
