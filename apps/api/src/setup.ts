import { INestApplication } from '@nestjs/common';
import type { Express, Request } from 'express';
import { NestExpressApplication } from '@nestjs/platform-express';
import RedisStore from 'connect-redis';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import type Redis from 'ioredis';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppConfig, projectRoot } from '@dasv/config';
import { REDIS } from '@dasv/database';
import { SESSION_MAX_AGE_MS, sessionStorePrefix } from '@dasv/auth';
import { LEARNER_CSV_MAX_BYTES } from '@dasv/learners';
import { collectProcessMetrics } from './http/metrics';
import { answeringBodyParserErrors } from './http/request-body-errors';
import { securityHeaders } from './http/security-headers';
import { STYLESHEET_PATH, stylesheetHandler } from './http/stylesheet';
import { answeringUnavailable, serviceUnavailableGraphQLBody } from './http/service-unavailable';
import { csrfCookies } from './pages/shared/csrf.guard';
import { PageRendererService } from './pages/shared/page-renderer.service';

export const SESSION_COOKIE = 'dasv.sid';

/**
 * JSON bodies (GraphQL) may carry a staff list or completions file as a string: a large trust's
 * ~20 000 rows is ~2 MB. Express's default of 100 kB would refuse it; this allows the largest file
 * the learners feature accepts plus room for JSON escaping and the query, and no more.
 */
export const JSON_BODY_LIMIT_BYTES = LEARNER_CSV_MAX_BYTES + 1024 * 1024;

/** Everything main.ts does to the app besides listening; tests call it too so they exercise the same stack. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  const redis = app.get<Redis>(REDIS);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  collectProcessMetrics('dasv_api_');
  if (config.trustProxy) express.set('trust proxy', 1);
  express.disable('x-powered-by');
  app.use(securityHeaders(config));
  // Registered before Nest's default parsers, which then leave JSON alone (urlencoded keeps its default).
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use(answeringBodyParserErrors());
  // Registered before the static files: the pages' stylesheet is NHS.UK's without its off-platform fonts.
  const server: Express = express.getHttpAdapter().getInstance();
  server.get(STYLESHEET_PATH, stylesheetHandler());
  const nhsuk = join(projectRoot(), 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk');
  express.useStaticAssets(nhsuk, { prefix: '/assets/nhsuk/', maxAge: '1d' });
  // The NHS.UK stylesheet asks for its icons and logos at /assets/… .
  express.useStaticAssets(join(nhsuk, 'assets'), { prefix: '/assets/', maxAge: '1d' });
  // This service's own scripts (files, so the Content-Security-Policy can forbid inline script).
  express.useStaticAssets(join(projectRoot(), 'apps', 'api', 'public'), { prefix: '/assets/app/', maxAge: '1d' });
  const secure = (req: Request) => (config.trustProxy ? req.secure : config.isProduction);
  app.use(cookieParser());
  app.use(csrfCookies({ secret: config.env.SESSION_SECRET, secure }));
  const pages = app.get(PageRendererService, { strict: false });
  const sessions = session({
    name: SESSION_COOKIE,
    // A session lasts a working day from sign-in, however busy: not refreshed on every request,
    // which would write to Redis (and re-send the cookie) for each of a learner's page saves.
    store: new RedisStore({ client: redis, prefix: sessionStorePrefix(config), disableTouch: true }),
    secret: config.env.SESSION_SECRET,
    resave: false,
    // A session is stored only once it holds something (a sign-in, a refused form's flash): a
    // signed-out visitor's form token lives in a cookie instead (csrfCookies).
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Secure whenever the request reached us over TLS (directly or through a trusted proxy).
      secure: config.trustProxy ? 'auto' : config.isProduction,
      maxAge: SESSION_MAX_AGE_MS,
    },
  });
  // Redis down: a signed-in request cannot read its session. Answer 503 as GraphQL or a page would.
  app.use(
    answeringUnavailable(sessions, async (req, res) => {
      res.setHeader('Retry-After', '30');
      if (req.path.startsWith('/graphql')) res.status(503).json(serviceUnavailableGraphQLBody());
      else await pages.renderUnavailable(res);
    }),
  );
}
