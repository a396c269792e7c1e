import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { AcceptInvitationController } from './accept-invitation.controller';
import { AccountController } from './account.controller';
import { AccountView } from './account.view';
import { AdminInviteController } from './admin-invite.controller';
import { HomeController } from './home.controller';
import { NotFoundPageFilter } from './not-found-page.filter';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsView } from './organisations.view';
import { PageRenderer } from './page-renderer';
import { PagesExceptionFilter } from './pages-exception.filter';
import { PasswordResetController } from './password-reset.controller';
import { SignInController } from './sign-in.controller';

/**
 * The server-rendered NHS.UK pages. They call the same services as GraphQL; what lives here is
 * presentation only: templates, forms, redirects and turning errors into pages.
 */
@Module({
  imports: [OrganisationsModule, UsersModule],
  controllers: [HomeController, SignInController, PasswordResetController, AcceptInvitationController, AccountController, OrganisationsController, AdminInviteController],
  providers: [PageRenderer, PagesExceptionFilter, AccountView, OrganisationsView, { provide: APP_FILTER, useClass: NotFoundPageFilter }],
})
export class PagesModule {}
