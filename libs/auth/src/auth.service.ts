import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '@dasv/common';
import { AuthUser } from './auth-user';
import { PasswordResetService } from './password-reset.service';
import { SignInService } from './sign-in.service';
import { Sessions } from './sessions';
import { UsersRepository } from './users.repository';
import { UserSessionsService } from './user-sessions.service';
import { User } from './entities/user.entity';

/** The session-facing use cases: shared by the GraphQL resolver and the sign-in pages. */
@Injectable()
export class AuthService {
  constructor(
    private readonly signInService: SignInService,
    private readonly passwordReset: PasswordResetService,
    private readonly users: UsersRepository,
    private readonly sessions: UserSessionsService,
  ) {}

  async signIn(req: Request, email: string, password: string): Promise<User> {
    const user = await this.signInService.signIn(email, password, req.ip ?? 'unknown');
    await this.establish(req, user.id);
    return user;
  }

  signOut(req: Request): Promise<void> {
    return Sessions.end(req);
  }

  async acceptInvitation(req: Request, token: string, password: string, name?: string): Promise<User> {
    const userId = await this.passwordReset.acceptInvitation(token, password, name);
    await this.establish(req, userId);
    return this.me({ id: userId } as AuthUser);
  }

  private async establish(req: Request, userId: string): Promise<void> {
    await Sessions.establish(req, userId);
    await this.sessions.remember(userId, req.sessionID);
  }

  async me(me: AuthUser): Promise<User> {
    const user = await this.users.findById(me.id);
    if (!user) throw new NotFoundError('Your account no longer exists.');
    return user;
  }
}
