import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Permission } from './roles';
import { AuthUser } from './auth-user';

export const PERMISSION_KEY = 'dasv:permission';
export const PUBLIC_KEY = 'dasv:public';
export const SIGNED_IN_KEY = 'dasv:signed-in';

/** Declares the permission a handler needs; the global AuthGuard enforces it. */
export const Can = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Marks a handler open to signed-out callers (sign-in, reset links, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Declares that a handler needs only a signed-in caller: it reads or changes the caller's own things
 * (their account, progress, certificate), or it checks scope itself through AccessService. The
 * guard already closes every handler to signed-out callers; this says so on purpose, so that a
 * handler with no declaration at all can be caught (the schema-wide authorisation test does).
 */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

export function requestOf(context: ExecutionContext): Request {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser | undefined => {
  return (requestOf(context) as Request & { user?: AuthUser }).user;
});
