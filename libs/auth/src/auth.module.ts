import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './entities/user.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { UserToken } from './entities/user-token.entity';
import { AccessRepository } from './access.repository';
import { AccountEmailLimitsService } from './account-email-limits.service';
import { AccessService } from './access.service';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { PasswordHasherService } from './password-hasher.service';
import { PasswordResetService } from './password-reset.service';
import { SignInService } from './sign-in.service';
import { UserTokensService } from './user-tokens.service';
import { UsersRepository } from './users.repository';
import { UserAccountsService } from './user-accounts.service';
import { UserSessionsService } from './user-sessions.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, RoleAssignment, UserToken])],
  providers: [
    AccessRepository,
    AccountEmailLimitsService,
    AccessService,
    UserAccountsService,
    AuthService,
    AuthResolver,
    PasswordHasherService,
    PasswordResetService,
    SignInService,
    UserTokensService,
    UsersRepository,
    UserSessionsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, AccountEmailLimitsService, AuthService, PasswordHasherService, PasswordResetService, UserTokensService, UserAccountsService],
})
export class AuthModule {}
