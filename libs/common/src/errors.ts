/**
 * Codes are part of the API: clients switch on them. Add new ones; never rename or reuse one.
 * Feature errors carry a general code (how a client should react) and a specific reason.
 */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  /** The query would cost more than one request may: too many fields, aliases or expensive exports. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** PostgreSQL or Redis is unreachable for now; the same request will work again once it is back. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /**
   * The HTTP request is not a GraphQL request at all: a body that is not JSON or over the size
   * limit, a query that is not a string (Apollo's own code for the same, kept as one).
   */
  BadRequest = 'BAD_REQUEST',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export type FieldErrors = Record<string, string[]>;

/**
 * A feature's reasons by the names its code uses, each with the one code it is published under
 * (cf. twenty's exhaustive switch from exception code to GraphQL error). A reason published under
 * two codes before this map existed keeps both as two names for the same reason string.
 */
export type ReasonCodes<Reasons extends Record<string, string>> = { readonly [Name in keyof Reasons]: ErrorCode };

/** Makes a feature's error from its reason's name alone: the code comes from the feature's map. */
export type ReasonError<Reasons extends Record<string, string>> = (reason: keyof Reasons & string, message: string, fields?: FieldErrors) => AppError;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /**
   * A feature's way to refuse: `const nominationError = AppError.for(NominationErrorReason, {...codes})`,
   * then `throw nominationError('ReturnClosed', message)`. Each reason is mapped to its code once, here,
   * so no two throws can publish one reason under different codes.
   */
  static for<Reasons extends Record<string, string>>(reasons: Reasons, codes: ReasonCodes<Reasons>): ReasonError<Reasons> {
    return (reason, message, fields) => new AppError(codes[reason], message, reasons[reason], fields);
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, fields?: FieldErrors, reason?: string) {
    super(ErrorCode.BadUserInput, message, reason, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, reason?: string) {
    super(ErrorCode.NotFound, message, reason);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.', reason?: string) {
    super(ErrorCode.Forbidden, message, reason);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.', reason?: string) {
    super(ErrorCode.Unauthenticated, message, reason);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, reason?: string, fields?: FieldErrors) {
    super(ErrorCode.Conflict, message, reason, fields);
  }
}
