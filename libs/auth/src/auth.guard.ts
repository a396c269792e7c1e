import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '@dasv/common';
import { PERMISSION_KEY, PUBLIC_KEY, requestOf } from './decorators';
import { Permission, ROLE_PERMISSIONS } from './roles';
import { AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

/**
 * Global guard. Every handler is closed to signed-out callers unless marked @Public(); a handler
 * declaring @Can(permission) also needs a role granting it. Where the role applies (which
 * organisations) is the service's check, through AccessService.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = requestOf(context) as Request & { user?: AuthUser | null };
    if (req.user === undefined) req.user = await this.resolveUser(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!req.user) throw new UnauthenticatedError();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission && !req.user.roles.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission))) {
      throw new ForbiddenError();
    }
    return true;
  }

  private async resolveUser(req: Request): Promise<AuthUser | null> {
    const userId = req.session?.userId;
    if (!userId) return null;
    const user = await this.users.loadAuthUser(userId);
    return user ? { ...user, sessionId: req.sessionID } : null;
  }
}
