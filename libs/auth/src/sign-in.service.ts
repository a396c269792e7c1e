import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode, UnauthenticatedError } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { REDIS, TransactionRunner } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';
import { AuthErrorReason } from './auth.errors';
import { User } from './entities/user.entity';

/**
 * Password sign-in with two limits: consecutive failures on one account lock it for a while
 * (whatever the source address), and one address is capped across all accounts (spraying).
 */
@Injectable()
export class SignInService {
  private readonly failuresByEmail: RateLimiterRedis;
  private readonly attemptsByIp: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {
    const lockoutSeconds = config.env.SIGN_IN_LOCKOUT_MINUTES * 60;
    this.failuresByEmail = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:signin:fail:email`,
      points: config.env.SIGN_IN_MAX_FAILURES,
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
    const locked = await this.failuresByEmail.get(emailKey);
    if (locked && locked.remainingPoints <= 0) throw this.lockedOut(locked);
    try {
      await this.attemptsByIp.consume(ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw this.lockedOut(error);
      throw error;
    }

    const user = await this.users.findByEmail(emailKey);
    const ok = await this.hasher.verify(user?.isActive ? user.passwordHash : null, password);
    if (!ok || !user) {
      const failures = await this.failuresByEmail.consume(emailKey).catch((error: unknown) => {
        if (error instanceof RateLimiterRes) return error;
        throw error;
      });
      if (failures.remainingPoints <= 0) {
        if (user) {
          await this.tx.run((m) => this.audit.record(m, { actorId: null, action: 'auth.locked_out', entityType: 'user', entityId: user.id, organisationId: user.organisationId }));
        }
        throw this.lockedOut(failures);
      }
      throw new UnauthenticatedError('The e-mail address or password is not right.', AuthErrorReason.InvalidCredentials);
    }
    await this.failuresByEmail.delete(emailKey);
    await this.tx.run((m) => this.audit.record(m, { actorId: user.id, action: 'auth.signed_in', entityType: 'user', entityId: user.id, organisationId: user.organisationId }));
    return user;
  }

  private lockedOut(res: RateLimiterRes): AppError {
    const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    return new AppError(ErrorCode.TooManyRequests, `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`, AuthErrorReason.LockedOut);
  }
}
