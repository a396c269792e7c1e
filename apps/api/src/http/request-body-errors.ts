import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '@dasv/common';

/**
 * What the JSON body parser refuses (not JSON, over the size limit, an unknown charset) is the
 * client's error: answered with its 4xx status and a coded GraphQL error body, as Apollo answers a
 * request that is not GraphQL, instead of reaching Nest's handler for unexpected errors (which logs
 * a stack). Anything else passes on.
 */
export function answeringBodyParserErrors(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const e = error as { type?: unknown; status?: unknown };
    if (typeof e.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return next(error);
    const message = e.status === 413 ? 'The request body is larger than the API accepts.' : 'The request body is not valid JSON.';
    res.status(e.status).json({ errors: [{ message, extensions: { code: ErrorCode.BadRequest } }] });
  };
}
