import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Permission } from './roles';
import { AuthUser } from './auth-user';

export const PERMISSION_KEY = 'dasv:permission';
export const PUBLIC_KEY = 'dasv:public';

/** Declares the permission a handler needs; the global AuthGuard enforces it. */
export const Can = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Marks a handler open to signed-out callers (sign-in, reset links, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function requestOf(context: ExecutionContext): Request {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser | undefined => {
  return (requestOf(context) as Request & { user?: AuthUser }).user;
});
