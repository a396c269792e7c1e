import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { updateReturning } from '@dasv/database';
import { UserToken } from './entities/user-token.entity';
import { TokenPurpose } from './token-purpose';
import { authError } from './auth.errors';

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: Date;
}

/** Single-use, expiring links. The database holds only a SHA-256 of each token, never the token. */
@Injectable()
export class UserTokensService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose, ttlMs: number): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    // A new link replaces any earlier unused one for the same purpose.
    await manager.query(`UPDATE user_token SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, this.clock.now()]);
    const saved = await manager.getRepository(UserToken).save({ userId, purpose, tokenHash: hashToken(token), expiresAt, usedAt: null });
    return { id: saved.id, token, expiresAt };
  }

  /**
   * issue() for many users at once (a staff list of thousands): the same tokens, hashes, expiry and
   * replacement of earlier unused links, in two statements whatever the number of users.
   */
  async issueMany(manager: EntityManager, userIds: readonly string[], purpose: TokenPurpose, ttlMs: number): Promise<Array<IssuedToken & { userId: string }>> {
    if (userIds.length === 0) return [];
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const tokens = userIds.map(() => randomBytes(32).toString('base64url'));
    const hashes = tokens.map(hashToken);
    await manager.query(`UPDATE user_token SET used_at = $3 WHERE user_id = ANY($1::uuid[]) AND purpose = $2 AND used_at IS NULL`, [userIds, purpose, now]);
    const rows: Array<{ id: string; token_hash: string }> = await manager.query(
      `INSERT INTO user_token (user_id, purpose, token_hash, expires_at)
       SELECT u, $2, h, $4 FROM unnest($1::uuid[], $3::text[]) AS t(u, h)
       RETURNING id, token_hash`,
      [userIds, purpose, hashes, expiresAt],
    );
    // RETURNING promises no order: pair each row back to its token through the hash.
    const idByHash = new Map(rows.map((r) => [r.token_hash, r.id]));
    return userIds.map((userId, i) => ({ userId, id: idByHash.get(hashes[i])!, token: tokens[i], expiresAt }));
  }

  /** Marks the token used and returns its user, or refuses with the same error whatever was wrong with it. */
  async consume(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<{ userId: string; tokenId: string }> {
    const now = this.clock.now();
    const rows = await updateReturning<{ id: string; user_id: string }>(
      manager,
      `UPDATE user_token SET used_at = $3
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING id, user_id`,
      [hashToken(token), purpose, now],
    );
    if (rows.length === 0) {
      throw authError('TokenInvalid', 'This link has expired or has already been used.', { token: ['This link has expired or has already been used.'] });
    }
    return { userId: rows[0].user_id, tokenId: rows[0].id };
  }

  /** The newest unused link of this purpose for the person, expired or not, or null: what "pending" shows. */
  async latestUnused(userId: string, purpose: TokenPurpose): Promise<{ createdAt: Date; expiresAt: Date } | null> {
    const rows: Array<{ created_at: Date; expires_at: Date }> = await this.dataSource.query(
      `SELECT created_at, expires_at FROM user_token WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [userId, purpose],
    );
    return rows.length ? { createdAt: rows[0].created_at, expiresAt: rows[0].expires_at } : null;
  }

  /** Spends every unused link of this purpose for the person, so none of them works any more; answers how many still worked. */
  async revoke(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<number> {
    const now = this.clock.now();
    const rows = await updateReturning<{ id: string; expires_at: Date }>(
      manager,
      `UPDATE user_token SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL RETURNING id, expires_at`,
      [userId, purpose, now],
    );
    return rows.filter((r) => r.expires_at > now).length;
  }

  async isUsable(token: string, purpose: TokenPurpose, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM user_token WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`, [
      hashToken(token),
      purpose,
      this.clock.now(),
    ]);
    return rows.length > 0;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
