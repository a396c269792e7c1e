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

/** What the worker found of a relayed row's job in BullMQ. */
export type RelayedJobState = 'running' | 'completed' | { failed: string } | 'missing';

export interface JobOutcome {
  queue: string;
  jobId: string;
}

/**
 * A write that must cause a job records it here in its own transaction; the worker's relay moves it
 * to BullMQ. A row stays the outbox's responsibility until its job has done its work: `relayed_at`
 * says the job reached Redis, `done_at` that it completed (or failed for good, with `failed_at` and
 * `last_error`). Redis losing its data, or a worker dying, therefore loses nothing: the worker's
 * reconciler finds relayed rows whose job is gone and adds it again under the same jobId.
 */
@Injectable()
export class OutboxService {
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
   * Claims up to `limit` rows not yet relayed, hands them to `publish`, and marks them relayed in the
   * same transaction. Concurrent relays skip each other's rows instead of waiting on them.
   */
  async relay(limit: number, publish: (messages: ClaimedOutboxMessage[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload FROM outbox_message
         WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        await publish(rows.map(toClaimed));
      } catch (error) {
        await manager.query(`UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, errorText(error)]);
        return 0;
      }
      await manager.query(`UPDATE outbox_message SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids]);
      return rows.length;
    });
  }

  /**
   * Marks the rows of jobs that finished: completed, or (with `error`) failed for good. One statement
   * for a whole batch; rows sharing a jobId (one job collapsed them) are all marked.
   */
  async markDone(outcomes: Array<JobOutcome & { error?: string }>): Promise<void> {
    if (outcomes.length === 0) return;
    // Sorted, so two workers marking overlapping batches lock rows in the same order.
    const sorted = [...outcomes].sort((a, b) => (a.queue + a.jobId < b.queue + b.jobId ? -1 : 1));
    await this.dataSource.query(
      `UPDATE outbox_message o
       SET done_at = now(), failed_at = CASE WHEN d.error IS NULL THEN NULL ELSE now() END, last_error = COALESCE(d.error, o.last_error)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS d(queue, job_id, error)
       WHERE o.job_id = d.job_id AND o.queue = d.queue AND o.done_at IS NULL`,
      [sorted.map((o) => o.queue), sorted.map((o) => o.jobId), sorted.map((o) => o.error?.slice(0, 500) ?? null)],
    );
  }

  /**
   * One reconciling step: claims up to `limit` relayed rows not yet done with id above `afterId`
   * (SKIP LOCKED, so several workers share the work), asks `inspect` what became of each job (it adds
   * missing jobs again itself, under their stored jobId), and marks those found finished. Returns the
   * rows claimed and the last id, for the next step.
   */
  async reconcile(
    limit: number,
    afterId: string,
    inspect: (messages: ClaimedOutboxMessage[]) => Promise<RelayedJobState[]>,
  ): Promise<{ claimed: number; lastId: string; readded: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload FROM outbox_message
         WHERE done_at IS NULL AND relayed_at IS NOT NULL AND id > $2::bigint ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, afterId],
      );
      if (rows.length === 0) return { claimed: 0, lastId: afterId, readded: 0 };
      const states = await inspect(rows.map(toClaimed));
      const finished = rows.flatMap((r, i): Array<{ id: string; error: string | null }> => {
        const state = states[i];
        if (state === 'completed') return [{ id: r.id, error: null }];
        return typeof state === 'object' ? [{ id: r.id, error: state.failed.slice(0, 500) }] : [];
      });
      const readded = states.filter((s) => s === 'missing').length;
      if (finished.length > 0) {
        await manager.query(
          `UPDATE outbox_message o
           SET done_at = now(), failed_at = CASE WHEN d.error IS NULL THEN NULL ELSE now() END, last_error = COALESCE(d.error, o.last_error)
           FROM unnest($1::bigint[], $2::text[]) AS d(id, error) WHERE o.id = d.id`,
          [finished.map((f) => f.id), finished.map((f) => f.error)],
        );
      }
      if (readded > 0) {
        const ids = rows.filter((_, i) => states[i] === 'missing').map((r) => r.id);
        await manager.query(`UPDATE outbox_message SET attempts = attempts + 1, relayed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
      }
      return { claimed: rows.length, lastId: rows[rows.length - 1].id, readded };
    });
  }

  /** Rows whose job has not yet done its work (not relayed, or relayed and not finished). */
  async outstandingCount(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outbox_message WHERE done_at IS NULL`);
    return row.n;
  }
}

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
}

function toClaimed(r: OutboxRow): ClaimedOutboxMessage {
  return { id: r.id, queue: r.queue, jobName: r.job_name, jobId: r.job_id, payload: r.payload };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
}

export { OutboxMessage };
