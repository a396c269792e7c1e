import { Controller, Get, Header, Headers, Injectable, NestMiddleware, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { Public } from '@dasv/auth';
import { AppConfig } from '@dasv/config';

let defaultsCollected = false;
export function collectProcessMetrics(prefix: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ prefix });
}

const httpDuration = new Histogram({
  name: 'dasv_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const end = httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      // Route templates, not raw paths, keep label cardinality bounded (tokens live in reset links).
      const route = (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || req.path.split('/').slice(0, 2).join('/') || '/');
      end({ route, status: String(res.statusCode) });
    });
    next();
  }
}

/**
 * Served on the API's own port, behind a bearer token in production: several API processes share
 * that port, so a per-process metrics port would collide, and the token works the same behind a
 * load balancer. Without METRICS_TOKEN, production does not serve metrics at all.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config.env.METRICS_TOKEN;
    if (!token && this.config.isProduction) throw new NotFoundException();
    if (token && !sameSecret(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '', token)) throw new UnauthorizedException();
    return register.metrics();
  }
}

/** Compares digests, so neither the length nor a prefix of the token shows in the timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
