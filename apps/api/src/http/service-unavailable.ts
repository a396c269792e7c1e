import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '@dasv/common';

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is unavailable for a moment. Try again in a few minutes.';

/** Socket-level failures reaching PostgreSQL or Redis (refused, reset, unreachable). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs for a server going away or not yet taking connections (class 08, 57P01-57P03). */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123])$/;
/** What node-postgres, TypeORM's pool and ioredis say when the connection is gone rather than the query wrong. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection is closed|is not queryable|timeout exceeded when trying to connect|Stream isn't writeable|Reached the max retries per request limit/i;

/**
 * Whether an error means PostgreSQL or Redis cannot be reached right now, as opposed to a fault in
 * this code: the first is answered 503 SERVICE_UNAVAILABLE (retry later; nothing to fix here), the
 * second stays an internal error. Looks through the wrappers TypeORM, Apollo, graphql-js
 * (NonErrorThrown) and AggregateError add.
 */
export function isServiceUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    driverError?: unknown;
    originalError?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || POSTGRES_UNAVAILABLE.test(e.code))) return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  const inner = [e.cause, e.driverError, e.originalError, e.thrownValue, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  return inner.some((cause) => isServiceUnavailable(cause, depth + 1));
}

/** The GraphQL answer when the request cannot even start (its session could not be read). */
export function serviceUnavailableGraphQLBody() {
  return { errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.ServiceUnavailable } }] };
}

/**
 * Wraps middleware that reaches Redis or PostgreSQL (the session store) so that its failure is a
 * 503 with the service's own answer rather than Express's bare 500 page.
 */
export function answeringUnavailable(middleware: RequestHandler, answer: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    middleware(req, res, (error?: unknown) => {
      if (!error || !isServiceUnavailable(error)) return next(error);
      if (res.headersSent) return void res.end();
      answer(req, res).catch(next);
    });
}
