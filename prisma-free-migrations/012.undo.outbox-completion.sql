DROP INDEX outbox_message_outstanding_idx;
DROP INDEX outbox_message_outstanding_job_idx;
ALTER TABLE outbox_message DROP COLUMN failed_at, DROP COLUMN done_at;
ALTER INDEX outbox_message_unrelayed_idx RENAME TO outbox_message_unsent_idx;
ALTER TABLE outbox_message RENAME COLUMN relayed_at TO sent_at;
