import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ErrorCode } from '@dasv/common';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.QueryTooComplex]: 400,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Internal]: 500,
};

/**
 * Expected errors are answers, not incidents: hand them to Apollo (which formats them in
 * formatGraphQLError) or answer plain HTTP routes with JSON, without Nest logging each as a crash.
 * The pages have their own filter, which takes precedence on their controllers.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    const res = host.switchToHttp().getResponse<Response>();
    res.status(HTTP_STATUS[error.code]).json({ code: error.code, reason: error.reason, message: error.message, fields: error.fields });
    return undefined;
  }
}
