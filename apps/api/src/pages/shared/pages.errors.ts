import { AppError, ErrorCode } from '@dasv/common';

/** Reasons for refusals that only the web pages produce; like every reason, part of the API. */
export enum PagesErrorReason {
  CsrfTokenInvalid = 'PAGES_CSRF_TOKEN_INVALID',
}

/** The errors of the pages, made by reason: each reason's code is set here, once. */
export const pagesError = AppError.for(PagesErrorReason, {
  CsrfTokenInvalid: ErrorCode.Forbidden,
});
