import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { CertificatesRepository } from './certificates.repository';
import { Certificate } from './entities/certificate.entity';
import { newVerificationCode } from './verification-code';

export interface CompletionToCertify {
  userId: string;
  courseId: string;
  /** The version the learner completed, whose title and number the certificate shows. */
  versionId: string;
  completedAt: Date;
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
  ) {}

  async issue(manager: EntityManager, completion: CompletionToCertify): Promise<Certificate> {
    for (let draw = 0; draw < CODE_DRAWS; draw++) {
      const verificationCode = newVerificationCode();
      const issued = await this.certificates.insertUnlessConflicting(manager, { ...completion, verificationCode, issuedAt: this.clock.now() });
      if (issued) return issued;
      const existing = await this.certificates.findByUserAndCourse(manager, completion.userId, completion.courseId);
      if (existing) return existing;
      if (!(await this.certificates.isCodeTaken(manager, verificationCode))) {
        throw new Error(`Cannot issue a certificate: no user ${completion.userId} or no version ${completion.versionId} of course ${completion.courseId}.`);
      }
    }
    throw new Error(`Cannot issue a certificate: ${CODE_DRAWS} verification codes drawn in a row were taken.`);
  }
}
