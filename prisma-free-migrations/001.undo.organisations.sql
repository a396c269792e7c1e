DROP TRIGGER organisation_ancestor_move ON organisation;
DROP TRIGGER organisation_ancestor_insert ON organisation;
DROP FUNCTION organisation_ancestor_on_move();
DROP FUNCTION organisation_ancestor_on_insert();
DROP TABLE organisation_ancestor;
DROP TABLE organisation;
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS citext;
