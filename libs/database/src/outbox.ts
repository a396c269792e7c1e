import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';

export interface OutboxJob<P extends object = object> {
  queue: string;
  name: string;
  /** Deterministic: the same effect always gets the same id, so BullMQ collapses replays. */
  jobId: string;
  payload: P;
}

export interface ClaimedOutboxMessage {
  id: string;
  queue: string;
  jobName: string;
  jobId: string;
  payload: Record<string, unknown>;
}

/**
 * A write that must cause a job records it here in its own transaction; the worker's relay moves it
 * to BullMQ. With Redis down the rows simply wait; a relay killed after add() replays with the same jobId.
 */
@Injectable()
export class Outbox {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(manager: EntityManager, jobs: OutboxJob | OutboxJob[]): Promise<void> {
    const list = Array.isArray(jobs) ? jobs : [jobs];
    if (list.length === 0) return;
    // One JSON document rather than a jsonb[] literal: for a 20 000-person staff list, escaping every
    // payload into a PostgreSQL array literal cost more than the insert itself.
    await manager.query(
      `INSERT INTO outbox_message (queue, job_name, job_id, payload)
       SELECT queue, job_name, job_id, payload FROM jsonb_to_recordset($1::jsonb) AS j(queue text, job_name text, job_id text, payload jsonb)`,
      [JSON.stringify(list.map((j) => ({ queue: j.queue, job_name: j.name, job_id: j.jobId, payload: j.payload })))],
    );
  }

  /**
   * Claims up to `limit` unsent rows, hands them to `publish`, and marks them sent in the same
   * transaction. Concurrent relays skip each other's rows instead of waiting on them.
   */
  async relay(limit: number, publish: (messages: ClaimedOutboxMessage[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; queue: string; job_name: string; job_id: string; payload: Record<string, unknown> }> =
        await manager.query(
          `SELECT id, queue, job_name, job_id, payload FROM outbox_message
           WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        await publish(rows.map((r) => ({ id: r.id, queue: r.queue, jobName: r.job_name, jobId: r.job_id, payload: r.payload })));
      } catch (error) {
        await manager.query(
          `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
          [ids, error instanceof Error ? error.message.slice(0, 500) : String(error)],
        );
        return 0;
      }
      await manager.query(`UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids]);
      return rows.length;
    });
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL`);
    return row.n;
  }
}

export { OutboxMessage };
