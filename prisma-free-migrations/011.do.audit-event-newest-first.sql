-- The audit trail (libs/audit-trail) lists events newest first, keyset-paged on (occurred_at, id).
-- Without this index the national first page sorts the whole table, which only ever grows; with it,
-- a page reads the rows it shows and stops.
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at DESC, id DESC);
