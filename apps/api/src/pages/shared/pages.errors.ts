/** Reasons for refusals that only the web pages produce; like every reason, part of the API. */
export enum PagesErrorReason {
  CsrfTokenInvalid = 'PAGES_CSRF_TOKEN_INVALID',
}
