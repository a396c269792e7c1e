import { GraphQLError } from 'graphql';
import { ErrorCode, FieldErrors } from '@dasv/common';

/**
 * A refusal decided before anything runs. Thrown from a plugin hook, Apollo would answer 500 unless
 * told otherwise: the GraphQL-over-HTTP specification makes a request the server will not execute a 400.
 */
export function requestRefused(code: ErrorCode, message: string, extensions: { fields?: FieldErrors; [key: string]: unknown } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code, http: { status: 400 } } });
}
