DROP INDEX course_enrolment_version_id_idx;
ALTER TABLE course_page DROP COLUMN body_markdown;
DROP TABLE course_draft;
DROP INDEX course_version_draft_key;
