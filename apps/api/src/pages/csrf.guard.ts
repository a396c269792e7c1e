import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '@dasv/common';
import { PagesErrorReason } from './pages.errors';

export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session's synchroniser token, made on first use. SameSite=Lax already keeps the cookie off
 * cross-site POSTs; the token also covers same-site attackers (another service on a sibling
 * subdomain) and browsers that ignore SameSite.
 */
export function csrfTokenOf(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/** Refuses any state-changing request whose form does not carry this session's token. */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const sent: unknown = req.body?.[CSRF_FIELD];
    const expected = req.session?.csrfToken;
    if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) {
      throw new ForbiddenError('This form has expired or did not come from this service.', PagesErrorReason.CsrfTokenInvalid);
    }
    return true;
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
