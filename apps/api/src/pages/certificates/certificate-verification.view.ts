import { HttpStatus, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppError, ErrorCode } from '@dasv/common';
import { CertificateVerificationService, normaliseVerificationCode } from '@dasv/certificates';
import { FormErrors } from '../shared/flash';

export interface VerificationPage {
  status: number;
  context: Record<string, unknown>;
}

/**
 * The public verification page is a GET form (so a link with ?code= from a certificate opens the
 * answer directly), and a refused code is shown on the form itself, not as an error page.
 */
@Injectable()
export class CertificateVerificationView {
  constructor(private readonly verification: CertificateVerificationService) {}

  async page(code: unknown, ip: string): Promise<VerificationPage> {
    if (code === undefined) return { status: HttpStatus.OK, context: {} };
    const typed = typeof code === 'string' ? code.slice(0, 200) : '';
    if (!typed.trim()) return refused(HttpStatus.BAD_REQUEST, typed, 'Enter the verification code printed on the certificate', 'code');
    try {
      const certificate = await this.verification.verify(typed, ip);
      return {
        status: HttpStatus.OK,
        context: {
          checked: true,
          values: { code: typed },
          certificate: certificate && {
            ...certificate,
            // As printed on the certificate, however it was typed.
            verificationCode: normaliseVerificationCode(typed),
            completedOnInWords: DateTime.fromISO(certificate.completedOn).setLocale('en-GB').toFormat('d MMMM yyyy'),
          },
        },
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === ErrorCode.BadUserInput) return refused(HttpStatus.BAD_REQUEST, typed, error.fields?.code?.[0] ?? error.message, 'code');
      if (error.code === ErrorCode.TooManyRequests) return refused(HttpStatus.TOO_MANY_REQUESTS, typed, error.message);
      throw error;
    }
  }
}

function refused(status: number, typed: string, message: string, field?: string): VerificationPage {
  const errors: FormErrors = field
    ? { summary: [{ text: message, href: `#${field}` }], fields: { [field]: message } }
    : { summary: [{ text: message }], fields: {} };
  return { status, context: { errors, values: { code: typed } } };
}
