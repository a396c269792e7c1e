DROP INDEX app_user_name_trgm_idx;
DROP TABLE lead_profile;
DROP TABLE dasv_lead;
ALTER TABLE nomination_request DROP CONSTRAINT nomination_request_current_submission_id_fkey;
DROP TABLE nomination_nominee;
DROP TABLE nomination_submission;
DROP TABLE nomination_request;
DROP TABLE nomination_return;
