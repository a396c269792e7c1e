import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { londonDay } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { REDIS } from '@dasv/database';
import { CertificatesRepository } from './certificates.repository';
import { certificatesError } from './certificates.errors';
import { CertificateVerification } from './models/certificate.models';
import { normaliseVerificationCode, VERIFICATION_CODE_EXAMPLE } from './verification-code';

/**
 * Unknown codes one address may try per hour. Someone checking real certificates (an employer's HR
 * team behind one NHS address) never spends any; guessing among 2^60 codes spends one a try.
 */
export const UNKNOWN_CODES_PER_IP_PER_HOUR = 50;

/** Public: confirms a certificate's code with the name, course and date on it, and nothing else. */
@Injectable()
export class CertificateVerificationService {
  private readonly unknownCodesByIp: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    config: AppConfig,
    private readonly certificates: CertificatesRepository,
  ) {
    this.unknownCodesByIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:certificate:verify:ip`,
      points: UNKNOWN_CODES_PER_IP_PER_HOUR,
      duration: 60 * 60,
    });
  }

  /** Null when no certificate has the code. */
  async verify(typed: string, ip: string): Promise<CertificateVerification | null> {
    const code = normaliseVerificationCode(typed);
    if (!code) {
      throw certificatesError('CodeInvalid', 'That is not a certificate verification code.', {
        code: [`Enter the verification code as it is printed on the certificate: 12 letters and numbers, like ${VERIFICATION_CODE_EXAMPLE}`],
      });
    }
    // Every lookup spends a point before it runs, atomically, so parallel guesses cannot slip past
    // the limit; a code that turns out to be real gives its point back.
    await this.spendLookup(ip);
    const certificate = await this.certificates.findByCode(code);
    if (!certificate) return null;
    await this.unknownCodesByIp.reward(ip, 1);
    return {
      learnerName: certificate.learnerName,
      courseTitle: certificate.courseTitle,
      completedOn: londonDay(certificate.completedAt),
    };
  }

  private async spendLookup(ip: string): Promise<void> {
    try {
      await this.unknownCodesByIp.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
      throw certificatesError(
        'VerificationRateLimited',
        `Too many codes checked that did not match a certificate. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
  }
}
