/**
 * BullMQ worker settings for every processor. A worker that dies mid-job leaves the job "active"
 * under a lock only it renewed; when the lock lapses, another worker's stalled-job check moves the
 * job back to waiting. BullMQ's defaults (30 s lock, 30 s checks, and failing a job for good the
 * second time it stalls) made a killed worker's e-mails wait a minute or more, and two kills in a row
 * fail one for good. Every job here is idempotent under its key, so running one again after a false
 * stall (a worker merely slow to renew) costs nothing but the work.
 */
export const RECOVERABLE_WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 10 } as const;
