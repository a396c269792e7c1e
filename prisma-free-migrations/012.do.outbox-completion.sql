-- An outbox row stays the outbox's responsibility until its job has done its work, not merely until
-- the job reached Redis: a Redis restart or a killed worker would otherwise lose every job still
-- queued (see libs/database/src/outbox.ts). relayed_at is when the job was added to BullMQ; done_at
-- when it completed, or failed for good (then failed_at and last_error say so).
ALTER TABLE outbox_message RENAME COLUMN sent_at TO relayed_at;
ALTER INDEX outbox_message_unsent_idx RENAME TO outbox_message_unrelayed_idx;
ALTER TABLE outbox_message ADD COLUMN done_at timestamptz, ADD COLUMN failed_at timestamptz;
-- Rows relayed before this migration were treated as done; nothing can say otherwise now.
UPDATE outbox_message SET done_at = relayed_at WHERE relayed_at IS NOT NULL;
-- Completions are marked by job id; the reconciler walks what is outstanding by id. Both sets are
-- the few rows in flight, so partial indexes stay small however long the table grows.
CREATE INDEX outbox_message_outstanding_job_idx ON outbox_message (job_id) WHERE done_at IS NULL;
CREATE INDEX outbox_message_outstanding_idx ON outbox_message (id) WHERE done_at IS NULL;
