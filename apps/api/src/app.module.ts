import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import depthLimit from 'graphql-depth-limit';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ClockModule, RequestLoaders } from '@dasv/common';
import { AppConfig, ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { AuthModule } from '@dasv/auth';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { NominationsChaseModule, NominationsModule } from '@dasv/nominations';
import { DirectoryModule } from '@dasv/directory';
import { LeadsModule } from '@dasv/leads';
import { ChasingModule } from '@dasv/chasing';
import { ElearningModule } from '@dasv/elearning';
import { CertificatesModule } from '@dasv/certificates';
import { LearnersModule } from '@dasv/learners';
import { LearningReportsModule } from '@dasv/learning-reports';
import { AuditTrailModule } from '@dasv/audit-trail';
import { OrganisationContactsModule } from '@dasv/organisation-contacts';

import { AppErrorFilter } from './graphql/app-error.filter';
import { ComplexityPlugin } from './graphql/complexity.plugin';
import { ServiceUnavailablePlugin } from './graphql/service-unavailable.plugin';
import { formatGraphQLError } from './graphql/errors';
import { createValidationPipe } from './graphql/validation.pipe';
import { HealthController } from './http/health.controller';
import { HttpMetricsMiddleware, MetricsController } from './http/metrics';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { PagesModule } from './pages/pages.module';

/** Far above any query the pages or clients send (variables carry the data), far below a hostile megabyte. */
const GRAPHQL_MAX_TOKENS = 10_000;

export function loggerOptions() {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
        level: config.env.LOG_LEVEL,
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-request-id'];
          return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        },
        redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') === true || req.url?.startsWith('/assets') === true },
      },
    }),
  });
}

@Module({
  imports: [
    ConfigModule,
    ClockModule,
    loggerOptions(),
    DatabaseModule,
    RedisModule,
    AuditModule,
    NotificationsModule,
    AuthModule,
    OrganisationsModule,
    UsersModule,
    LeadsModule,
    NominationsModule,
    DirectoryModule,
    ChasingModule,
    ElearningModule,
    CertificatesModule,
    LearnersModule,
    LearningReportsModule,
    AuditTrailModule,
    OrganisationContactsModule,
    NominationsChaseModule,
    TerminusModule,
    PagesModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: !config.isProduction,
        includeStacktraceInErrorResponses: false,
        // With introspection off, "Did you mean …?" in validation errors would list the schema's fields anyway.
        hideSchemaDetailsFromClientErrors: config.isProduction,
        // Parsing is paid before any limit applies: a megabyte of tokens is refused while reading it.
        parseOptions: { maxTokens: GRAPHQL_MAX_TOKENS },
        plugins: [
          config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: false }),
          // Nothing here is cacheable by a CDN (it is all per-user), and the default plugin wraps every
          // resolved field to collect hints: measurable on the dashboard's few hundred rows.
          ApolloServerPluginCacheControlDisabled(),
        ],
        validationRules: [depthLimit(config.env.GRAPHQL_MAX_DEPTH)],
        formatError: formatGraphQLError,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res, loaders: new RequestLoaders() }),
      }),
    }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    ComplexityPlugin,
    ServiceUnavailablePlugin,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
