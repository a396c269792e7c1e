UPDATE organisation SET name = ods_name WHERE name IS DISTINCT FROM ods_name;
ALTER TABLE organisation DROP COLUMN ods_name;
