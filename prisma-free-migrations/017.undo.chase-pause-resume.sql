DROP INDEX chase_pause_resumed_by_idx;
ALTER TABLE chase_pause
  DROP CONSTRAINT chase_pause_resumed_by_id_fkey,
  DROP COLUMN resumed_by_id,
  DROP COLUMN resumed_at;
