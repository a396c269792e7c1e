import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { REDIS, TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { PasswordHasherService } from './password-hasher.service';
import { UsersRepository } from './users.repository';
import { authError } from './auth.errors';
import { User } from './entities/user.entity';

/**
 * How many failures, from any number of addresses, lock an account for everyone: far above what one
 * address may try (SIGN_IN_MAX_FAILURES), so that knowing someone's e-mail address is not a switch
 * that locks them out, yet a slow guess spread over many addresses still stops.
 */
export const ACCOUNT_FAILURES_PER_ADDRESS_LIMIT = 10;

/**
 * Password sign-in with three limits, as OWASP's authentication guidance has them. Consecutive
 * failures on one account from one address lock that account for that address only, so an attacker
 * elsewhere cannot lock the real user out of their own desk; failures on one account from every
 * address together lock it for all only at a much higher count (ACCOUNT_FAILURES_PER_ADDRESS_LIMIT
 * times as many); and one address is capped across all accounts (spraying). All three live in
 * Redis, so every API process counts the same attempts.
 */
@Injectable()
export class SignInService {
  private readonly failuresByAccountAndAddress: RateLimiterRedis;
  private readonly failuresByAccount: RateLimiterRedis;
  private readonly attemptsByIp: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasherService,
    private readonly tx: TransactionRunnerService,
    private readonly audit: AuditService,
  ) {
    const lockoutSeconds = config.env.SIGN_IN_LOCKOUT_MINUTES * 60;
    this.failuresByAccountAndAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:signin:fail:email-ip`,
      points: config.env.SIGN_IN_MAX_FAILURES,
      duration: lockoutSeconds,
      blockDuration: lockoutSeconds,
    });
    this.failuresByAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:signin:fail:email`,
      points: config.env.SIGN_IN_MAX_FAILURES * ACCOUNT_FAILURES_PER_ADDRESS_LIMIT,
      duration: lockoutSeconds,
      blockDuration: lockoutSeconds,
    });
    this.attemptsByIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:signin:ip`,
      points: config.isTest ? 10_000 : 100,
      duration: 60 * 60,
    });
  }

  async signIn(email: string, password: string, ip: string): Promise<User> {
    const emailKey = email.trim().toLowerCase();
    // JSON keeps the two parts apart whatever either holds (an IPv6 address has colons).
    const pairKey = JSON.stringify([emailKey, ip]);
    const [fromHere, fromAnywhere] = await Promise.all([this.failuresByAccountAndAddress.get(pairKey), this.failuresByAccount.get(emailKey)]);
    const locked = [fromHere, fromAnywhere].find((res) => res && res.remainingPoints <= 0);
    if (locked) throw this.lockedOut(locked);
    try {
      await this.attemptsByIp.consume(ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw this.lockedOut(error);
      throw error;
    }

    const user = await this.users.findByEmail(emailKey);
    const ok = await this.hasher.verify(user?.isActive ? user.passwordHash : null, password);
    if (!ok || !user) {
      const failures = await Promise.all(
        [this.failuresByAccountAndAddress.consume(pairKey), this.failuresByAccount.consume(emailKey)].map((p) => p.catch(rejectedLimit)),
      );
      const exhausted = failures.find((res) => res.remainingPoints <= 0);
      if (exhausted) {
        if (user) {
          await this.tx.run((m) =>
            this.audit.record(m, { actorId: null, action: 'auth.locked_out', entityType: 'user', entityId: user.id, organisationId: user.organisationId }),
          );
        }
        throw this.lockedOut(exhausted);
      }
      throw authError('InvalidCredentials', 'The e-mail address or password is not right.');
    }
    await Promise.all([this.failuresByAccountAndAddress.delete(pairKey), this.failuresByAccount.delete(emailKey)]);
    await this.tx.run((m) =>
      this.audit.record(m, { actorId: user.id, action: 'auth.signed_in', entityType: 'user', entityId: user.id, organisationId: user.organisationId }),
    );
    return user;
  }

  private lockedOut(res: RateLimiterRes): AppError {
    const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    return authError('LockedOut', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`);
  }
}

/** rate-limiter-flexible rejects with the limiter's state when points run out; anything else is a real error. */
function rejectedLimit(error: unknown): RateLimiterRes {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}
