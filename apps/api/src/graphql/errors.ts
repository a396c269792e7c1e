import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { AppError, ErrorCode } from '@dasv/common';
import { isServiceUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from '../http/service-unavailable';

const logger = new Logger('GraphQL');

/** Codes the GraphQL layer itself produces (parse, validation, limits) pass through unchanged. */
const PASS_THROUGH = new Set<string>([
  ErrorCode.QueryTooComplex,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place an error becomes a response: AppErrors keep their code, reason and field messages;
 * anything else is logged and reported as INTERNAL_SERVER_ERROR with no stack, SQL or message.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: original.code,
        ...(original.reason ? { reason: original.reason } : {}),
        ...(original.fields ? { fields: original.fields } : {}),
      },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && PASS_THROUGH.has(code)) {
    const extensions: Record<string, unknown> = { ...formatted.extensions };
    delete extensions.stacktrace;
    return { ...formatted, extensions };
  }
  if (isServiceUnavailable(original)) {
    // Not a fault here: the ServiceUnavailablePlugin turns the response into a 503 to retry later.
    logger.warn({ err: { message: (original as Error).message }, path: formatted.path }, 'PostgreSQL or Redis unavailable');
    return { message: SERVICE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.ServiceUnavailable } };
  }
  logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
  return { message: 'Something went wrong on our side.', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.Internal } };
}
