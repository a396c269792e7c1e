import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '@dasv/common';

/** Runs the rest of the request inside a scope holding the id pino-http gave it (audit rows carry it). */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    // pino-http's id, from genReqId in app.module.ts (a string).
    const requestId = String((req as Request & { id?: string | number }).id ?? '');
    res.setHeader('X-Request-Id', requestId);
    RequestContext.run({ requestId, ip: req.ip }, next);
  }
}
