-- NHS organisations (national, regions, ICBs, trusts) and a closure table for subtree/ancestor queries.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organisation (
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  ods_code      text        NOT NULL,
  name          text        NOT NULL,
  type          text        NOT NULL,
  kind          text,
  parent_id     uuid,
  is_active     boolean     NOT NULL DEFAULT true,
  closed_on     date,
  successor_id  uuid,
  contact_email citext,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation_pkey PRIMARY KEY (id),
  CONSTRAINT organisation_ods_code_key UNIQUE (ods_code),
  CONSTRAINT organisation_type_check CHECK (type IN ('NATIONAL', 'REGION', 'ICB', 'TRUST')),
  CONSTRAINT organisation_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES organisation (id),
  CONSTRAINT organisation_successor_id_fkey FOREIGN KEY (successor_id) REFERENCES organisation (id)
);
CREATE INDEX organisation_parent_id_idx ON organisation (parent_id);
CREATE INDEX organisation_type_name_idx ON organisation (type, name);
CREATE INDEX organisation_name_trgm_idx ON organisation USING gin (name gin_trgm_ops);

-- One row per (ancestor, descendant) pair including (self, self) at depth 0: a subtree or the
-- ancestors of a node is then one indexed lookup, never a recursive walk in application code.
CREATE TABLE organisation_ancestor (
  ancestor_id   uuid NOT NULL,
  descendant_id uuid NOT NULL,
  depth         int  NOT NULL,
  CONSTRAINT organisation_ancestor_pkey PRIMARY KEY (ancestor_id, descendant_id),
  CONSTRAINT organisation_ancestor_ancestor_id_fkey FOREIGN KEY (ancestor_id) REFERENCES organisation (id) ON DELETE CASCADE,
  CONSTRAINT organisation_ancestor_descendant_id_fkey FOREIGN KEY (descendant_id) REFERENCES organisation (id) ON DELETE CASCADE
);
CREATE INDEX organisation_ancestor_descendant_idx ON organisation_ancestor (descendant_id, ancestor_id);

-- The closure is kept by the database itself so no entry point (import, admin, script) can forget it.
CREATE FUNCTION organisation_ancestor_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_ancestor (ancestor_id, descendant_id, depth)
  SELECT NEW.id, NEW.id, 0
  UNION ALL
  SELECT a.ancestor_id, NEW.id, a.depth + 1 FROM organisation_ancestor a WHERE a.descendant_id = NEW.parent_id;
  RETURN NULL;
END $$;

CREATE FUNCTION organisation_ancestor_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Detach the moved subtree from its old ancestors, then hang it under the new parent's ancestors.
  DELETE FROM organisation_ancestor link
  USING organisation_ancestor sub, organisation_ancestor sup
  WHERE sub.ancestor_id = NEW.id
    AND link.descendant_id = sub.descendant_id
    AND sup.descendant_id = NEW.id AND sup.ancestor_id <> NEW.id
    AND link.ancestor_id = sup.ancestor_id;

  IF NEW.parent_id IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM organisation_ancestor WHERE ancestor_id = NEW.id AND descendant_id = NEW.parent_id) THEN
      RAISE EXCEPTION 'organisation % cannot move under its own descendant', NEW.ods_code USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO organisation_ancestor (ancestor_id, descendant_id, depth)
    SELECT sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1
    FROM organisation_ancestor sup
    JOIN organisation_ancestor sub ON sub.ancestor_id = NEW.id
    WHERE sup.descendant_id = NEW.parent_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER organisation_ancestor_insert AFTER INSERT ON organisation
  FOR EACH ROW EXECUTE FUNCTION organisation_ancestor_on_insert();
CREATE TRIGGER organisation_ancestor_move AFTER UPDATE OF parent_id ON organisation
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION organisation_ancestor_on_move();
