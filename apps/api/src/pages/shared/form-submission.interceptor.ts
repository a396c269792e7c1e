import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, Observable, of, throwError } from 'rxjs';
import { AppError, ErrorCode } from '@dasv/common';
import { CSRF_FIELD } from './csrf.guard';
import { Flash, FormErrors, PageRequest } from './flash';

export interface FormSubmissionOptions {
  /** Field to attach a refusal to when it names no field itself, keyed by its reason (e.g. out of scope → the ODS code). */
  fieldForReason?: Record<string, string>;
}

const FORM_SUBMISSION = 'dasv:form-submission';

/** Refusals the person filling in the form can act on; anything else is the exception filter's. */
const SHOWN_ON_FORM = new Set<string>([ErrorCode.BadUserInput, ErrorCode.Conflict, ErrorCode.Forbidden, ErrorCode.Unauthenticated, ErrorCode.TooManyRequests]);

/**
 * Marks a POST handler as a form submission: when validation or the service refuses it, the browser
 * is sent back (303) to the form, which shows the errors and what was typed (Post/Redirect/Get, so
 * reloading never resubmits). Guards run before this, so being signed out or lacking the permission
 * still reaches the exception filter rather than the form.
 */
export const FormSubmission = (options: FormSubmissionOptions = {}) =>
  applyDecorators(SetMetadata(FORM_SUBMISSION, options), UseInterceptors(FormSubmissionInterceptor));

@Injectable()
export class FormSubmissionInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<FormSubmissionOptions>(FORM_SUBMISSION, context.getHandler()) ?? {};
    const req = context.switchToHttp().getRequest<PageRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof AppError) || !SHOWN_ON_FORM.has(error.code) || res.headersSent) return throwError(() => error);
        Flash.set(req, { path: req.path, errors: formErrors(error, options), values: redisplayable(req.body) });
        res.redirect(303, req.originalUrl);
        return of(undefined);
      }),
    );
  }
}

function formErrors(error: AppError, options: FormSubmissionOptions): FormErrors {
  const fields: Record<string, string> = {};
  for (const [name, messages] of Object.entries(error.fields ?? {})) {
    if (messages.length > 0) fields[name] = messages[0];
  }
  const field = error.reason ? options.fieldForReason?.[error.reason] : undefined;
  if (Object.keys(fields).length === 0 && field) fields[field] = error.message;
  const summary = Object.entries(fields).map(([name, text]) => ({ text, href: `#${name}` }));
  return { summary: summary.length > 0 ? summary : [{ text: error.message }], fields };
}

/** What was typed, to put back in the boxes; never passwords, tokens or anything that is not a string. */
function redisplayable(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && name !== CSRF_FIELD && !/password|token/i.test(name)) values[name] = value.slice(0, 500);
  }
  return values;
}
