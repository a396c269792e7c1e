-- The administrators' users list (libs/users, UserDirectoryRepository.list) over 1.3 million accounts.
-- Keyset paging on (name, id): without this index a national admin's first page sorts every account;
-- with it, a page reads the rows it shows and stops.
CREATE INDEX app_user_name_id_idx ON app_user (name, id);
-- Search by part of an e-mail address, as app_user_name_trgm_idx serves part of a name. citext has
-- no trigram operator class, so the index (and the query) use the address as text; ILIKE still
-- ignores case.
CREATE INDEX app_user_email_trgm_idx ON app_user USING gin ((email::text) gin_trgm_ops);
-- "People who hold this role": national, regional and ICB admins are a handful among the learners,
-- so the list starts from their role rows rather than walking every account.
CREATE INDEX role_assignment_role_user_idx ON role_assignment (role, user_id);
