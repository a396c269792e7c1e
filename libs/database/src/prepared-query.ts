import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A statement run as a named prepared statement, so each pooled connection parses and plans it
 * once rather than on every call. For the few statements on the hottest paths only (a learner's
 * page save, loading the signed-in user): TypeORM's query() always sends unnamed statements.
 * Runs outside any transaction, on a connection from the pool.
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query<T>({ name, text, values });
  return result.rows;
}
