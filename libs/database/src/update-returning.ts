import { EntityManager } from 'typeorm';

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` (also as the last statement of a
 * WITH), run in `manager`'s transaction. TypeORM's PostgreSQL driver answers those two commands
 * with `[rows, affectedCount]` and every other with the rows alone, so unwrapping by hand was easy
 * to forget: `rows.length` of the pair is always 2. Anything else is refused, not guessed at.
 */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, params as unknown[]);
  if (!Array.isArray(result) || result.length !== 2 || !Array.isArray(result[0]) || typeof result[1] !== 'number') {
    throw new Error('updateReturning: expected an UPDATE or DELETE statement, which TypeORM answers with [rows, count]');
  }
  return result[0] as T[];
}

/** The rows a `DELETE … RETURNING` removed: the same answer as an UPDATE's. */
export const deleteReturning = updateReturning;
