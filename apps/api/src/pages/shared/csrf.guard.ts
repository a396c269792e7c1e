import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { pagesError } from './pages.errors';

export const CSRF_FIELD = '_csrf';
export const CSRF_COOKIE = 'dasv.csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const NONCE = /^[A-Za-z0-9_-]{43}$/;

interface CsrfContext {
  key: Buffer;
  secure: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    csrf?: CsrfContext;
  }
}

/**
 * Signed double-submit tokens (OWASP): the browser holds a random value in a cookie, each form
 * carries an HMAC of it under a server key, tied to the session id once someone is signed in. A
 * signed-out visitor opening a form costs no server state; SameSite=Lax already keeps the cookies
 * off cross-site POSTs, and the signature stops a same-site attacker who can plant cookies (a
 * sibling subdomain) from minting a token to go with one.
 */
export function csrfCookies(options: { secret: string; secure: (req: Request) => boolean }): RequestHandler {
  const key = createHmac('sha256', options.secret).update('dasv csrf tokens').digest();
  return (req: Request, _res: Response, next: NextFunction) => {
    req.csrf = { key, secure: options.secure(req) };
    next();
  };
}

/** This browser's form token, setting its cookie on first use (only pages with a form ask). */
export function csrfTokenOf(req: Request): string {
  let nonce = nonceOf(req);
  if (!nonce) {
    nonce = randomBytes(32).toString('base64url');
    req.cookies = { ...req.cookies, [CSRF_COOKIE]: nonce };
    req.res?.cookie(CSRF_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure: contextOf(req).secure, path: '/' });
  }
  return sign(req, nonce);
}

/** Refuses any state-changing request whose form does not carry this browser's (and session's) token. */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const nonce = nonceOf(req);
    if (typeof sent !== 'string' || !nonce || !sameToken(sent, sign(req, nonce))) {
      throw pagesError('CsrfTokenInvalid', 'This form has expired or did not come from this service.');
    }
    return true;
  }
}

function nonceOf(req: Request): string | undefined {
  const value: unknown = req.cookies?.[CSRF_COOKIE];
  return typeof value === 'string' && NONCE.test(value) ? value : undefined;
}

function sign(req: Request, nonce: string): string {
  // Signed in, the token belongs to this session too: one stolen before sign-in is worthless after.
  const session = req.session?.userId ? req.sessionID : '';
  return createHmac('sha256', contextOf(req).key).update(`${session}!${nonce}`).digest('base64url');
}

function contextOf(req: Request): CsrfContext {
  if (!req.csrf) throw new Error('csrfCookies middleware is not installed');
  return req.csrf;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
