import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { CertificatesRepository } from './certificates.repository';
import { CompletionEmailsService } from './completion-emails.service';
import { Certificate } from './entities/certificate.entity';
import { newVerificationCode } from './verification-code';

export interface CompletionToCertify {
  userId: string;
  courseId: string;
  /** The version the learner completed, whose title and number the certificate shows. */
  versionId: string;
  completedAt: Date;
  /** Where to tell the learner, once, when this issues their certificate (a first completion). */
  email?: string;
}

/** 2^60 codes make a clash all but impossible; a few fresh draws make it harmless too. */
const CODE_DRAWS = 5;

/**
 * Issues the certificate of a completion, in the transaction that completes the course, so that a
 * completed learner always has one. Issuing is idempotent: a learner keeps their first certificate
 * and its code however many times they pass.
 */
@Injectable()
export class CertificateIssuerService {
  constructor(
    private readonly clock: Clock,
    private readonly certificates: CertificatesRepository,
    private readonly completionEmails: CompletionEmailsService,
  ) {}

  async issue(manager: EntityManager, completion: CompletionToCertify): Promise<Certificate> {
    for (let draw = 0; draw < CODE_DRAWS; draw++) {
      const verificationCode = newVerificationCode();
      const { email, ...certified } = completion;
      const issued = await this.certificates.insertUnlessConflicting(manager, { ...certified, verificationCode, issuedAt: this.clock.now() });
      if (issued) {
        if (email) await this.completionEmails.queue(manager, issued, { email });
        return issued;
      }
      const existing = await this.certificates.findByUserAndCourse(manager, completion.userId, completion.courseId);
      if (existing) return existing;
      if (!(await this.certificates.isCodeTaken(manager, verificationCode))) {
        throw new Error(`Cannot issue a certificate: no user ${completion.userId} or no version ${completion.versionId} of course ${completion.courseId}.`);
      }
    }
    throw new Error(`Cannot issue a certificate: ${CODE_DRAWS} verification codes drawn in a row were taken.`);
  }
}
