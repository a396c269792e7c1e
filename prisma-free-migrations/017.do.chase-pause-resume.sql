-- Chasing can be resumed before an agreed extension ends. The pause keeps its agreed end (what was
-- agreed with whom stays in the history); resumed_at is when someone ended it early, and the engine
-- counts a pause as lasting until whichever comes first.
ALTER TABLE chase_pause
  ADD COLUMN resumed_at    timestamptz,
  ADD COLUMN resumed_by_id uuid,
  ADD CONSTRAINT chase_pause_resumed_by_id_fkey FOREIGN KEY (resumed_by_id) REFERENCES app_user (id) ON DELETE SET NULL;
-- Deleting a person sets resumed_by_id to NULL on their rows: without an index that is a scan of every pause.
CREATE INDEX chase_pause_resumed_by_idx ON chase_pause (resumed_by_id);
