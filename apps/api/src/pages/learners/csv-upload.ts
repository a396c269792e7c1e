import { applyDecorators, CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { catchError, Observable, throwError } from 'rxjs';
import { LEARNER_CSV_MAX_BYTES, learnersError } from '@dasv/learners';
import { CsrfGuard } from '../shared/csrf.guard';

/** The file box on every upload form; errors about the file as a whole point at it. */
export const CSV_FIELD = 'csv';

const MAX_MEGABYTES = LEARNER_CSV_MAX_BYTES / 1024 / 1024;

/** Multer's refusals (too big, a second file, a stray part) as an error the form shows against the file box. */
@Injectable()
export class UploadRefusalInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpException) || error.getStatus() >= 500) return throwError(() => error);
        const message =
          error.getStatus() === (HttpStatus.PAYLOAD_TOO_LARGE as number) ? `The file must be ${MAX_MEGABYTES} MB or smaller` : 'Upload one CSV file';
        return throwError(() => learnersError('CsvUnreadable', message, { [CSV_FIELD]: [message] }));
      }),
    );
  }
}

/**
 * The CSRF check for multipart forms. The page guard reads the token from req.body, which for
 * multipart is empty until multer has read the request, and guards run before interceptors; so
 * these routes check the same token with the same guard right after multer. AuthGuard has
 * still run first, so only signed-in people with the permission get a file parsed at all.
 */
@Injectable()
export class MultipartCsrfInterceptor implements NestInterceptor {
  private readonly csrf = new CsrfGuard();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.csrf.canActivate(context);
    return next.handle();
  }
}

/**
 * A form posting one CSV file (field `csv`) plus ordinary fields, read into memory up to the
 * learners feature's limit. Put it above @FormSubmission() so that refusals come back to the form.
 */
export const CsvUpload = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(
      UploadRefusalInterceptor,
      FileInterceptor(CSV_FIELD, { storage: memoryStorage(), limits: { fileSize: LEARNER_CSV_MAX_BYTES, files: 1, fields: 10, parts: 12 } }),
      MultipartCsrfInterceptor,
    ),
  );
