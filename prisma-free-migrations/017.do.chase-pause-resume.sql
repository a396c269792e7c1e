-- Chasing can be resumed before an agreed extension ends. The pause keeps its agreed end (what was
-- agreed with whom stays in the history); resumed_at is when someone ended it early, and the engine
-- counts a pause as lasting until whichever comes first.
ALTER TABLE chase_pause
  ADD COLUMN resumed_at    timestamptz,
  ADD COLUMN resumed_by_id uuid,
  ADD CONSTRAINT chase_pause_resumed_by_id_fkey FOREIGN KEY (resumed_by_id) REFERENCES app_user (id) ON DELETE SET NULL;
