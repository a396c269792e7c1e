import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@dasv/config';
import { REDIS } from '@dasv/database';

/** Where express-session's Redis store keeps each session (`<prefix>:sess:<id>`). */
export function sessionStorePrefix(config: AppConfig): string {
  return `${config.redisPrefix}:sess:`;
}

/** Sessions outlive their cookie by nothing: the index of a user's sessions expires with the longest of them. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/**
 * Which sessions each user has open, so a password reset can sign them out everywhere: whoever
 * knew the old password must not stay signed in with it.
 */
@Injectable()
export class UserSessionsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async remember(userId: string, sessionId: string): Promise<void> {
    const key = this.indexKey(userId);
    await this.redis.multi().sadd(key, sessionId).pexpire(key, SESSION_MAX_AGE_MS).exec();
  }

  async endAll(userId: string): Promise<void> {
    const key = this.indexKey(userId);
    const ids = await this.redis.smembers(key);
    const prefix = sessionStorePrefix(this.config);
    await this.redis.del(key, ...ids.map((id) => `${prefix}${id}`));
  }

  private indexKey(userId: string): string {
    return `${this.config.redisPrefix}:user-sessions:${userId}`;
  }
}
