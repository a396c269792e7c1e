import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@dasv/config';
import { REDIS } from '@dasv/database';

/** E-mails about one's account (password reset, "you already have an account") one inbox gets an hour. */
export const ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR = 3;
/** Password-reset requests one client address may make an hour: NHS sites share addresses behind NAT, so not too few. */
export const PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 50;

/**
 * Limits on the e-mails anyone may cause to be sent to an address without signing in. Both are
 * counted whether or not the address has an account, and going over them changes nothing the
 * caller sees: the e-mail is just not sent, so neither the limit nor its absence says whether an
 * account exists. In Redis, so every API process shares the counts.
 */
@Injectable()
export class AccountEmailLimitsService {
  private readonly byRecipient: RateLimiterRedis;
  private readonly resetsByAddress: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    this.byRecipient = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:account-email:to`,
      points: ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR,
      duration: 60 * 60,
    });
    this.resetsByAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:password-reset:ip`,
      points: PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR,
      duration: 60 * 60,
    });
  }

  /** Counts one more e-mail to this inbox; false when it has had its share this hour. */
  mayEmail(recipient: string): Promise<boolean> {
    return allowed(this.byRecipient, recipient.trim().toLowerCase());
  }

  /** Counts a password-reset request from this address and to this inbox; false when either is over its limit. */
  async mayRequestPasswordReset(recipient: string, ip: string): Promise<boolean> {
    // Both are always counted, so that which one ran out does not depend on anything about the account.
    const [fromAddress, toRecipient] = await Promise.all([allowed(this.resetsByAddress, ip), this.mayEmail(recipient)]);
    return fromAddress && toRecipient;
  }
}

async function allowed(limiter: RateLimiterRedis, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}
