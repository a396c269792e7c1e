DROP INDEX role_assignment_role_user_idx;
DROP INDEX app_user_email_trgm_idx;
DROP INDEX app_user_name_id_idx;
