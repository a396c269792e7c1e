-- The name as NHS ODS publishes it (in capitals), kept beside `name`, which people read: the seed and
-- the ODS import set `name` to the NHS's usual mixed case ("Guy's and St Thomas' NHS Foundation
-- Trust") and compare imports against `ods_name`, so a re-import sees no rename.
ALTER TABLE organisation ADD COLUMN ods_name text;
UPDATE organisation SET ods_name = name;
ALTER TABLE organisation ALTER COLUMN ods_name SET NOT NULL;
