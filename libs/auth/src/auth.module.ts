import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './entities/user.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { UserToken } from './entities/user-token.entity';
import { AccessRepository } from './access.repository';
import { AccountEmailLimits } from './account-email-limits';
import { AccessService } from './access.service';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SignInService } from './sign-in.service';
import { UserTokens } from './user-tokens';
import { UsersRepository } from './users.repository';
import { UserAccountsService } from './user-accounts.service';
import { UserSessions } from './user-sessions';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, RoleAssignment, UserToken])],
  providers: [
    AccessRepository,
    AccountEmailLimits,
    AccessService,
    UserAccountsService,
    AuthService,
    AuthResolver,
    PasswordHasher,
    PasswordResetService,
    SignInService,
    UserTokens,
    UsersRepository,
    UserSessions,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, AccountEmailLimits, AuthService, PasswordHasher, PasswordResetService, UserTokens, UserAccountsService],
})
export class AuthModule {}
