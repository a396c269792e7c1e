-- Accounts for everyone from national admins to 1.3 million learners: every lookup the app makes
-- (e-mail at sign-in, users of an organisation, roles of a user, users holding a role in a subtree) is indexed.
CREATE TABLE app_user (
  id              uuid        NOT NULL DEFAULT gen_random_uuid(),
  email           citext      NOT NULL,
  name            text        NOT NULL,
  job_title       text,
  organisation_id uuid        NOT NULL,
  password_hash   text,
  is_active       boolean     NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_pkey PRIMARY KEY (id),
  CONSTRAINT app_user_email_key UNIQUE (email),
  CONSTRAINT app_user_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
);
CREATE INDEX app_user_organisation_id_idx ON app_user (organisation_id, name, id);

CREATE TABLE role_assignment (
  id              uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id         uuid        NOT NULL,
  organisation_id uuid        NOT NULL,
  role            text        NOT NULL,
  granted_by_id   uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT role_assignment_pkey PRIMARY KEY (id),
  CONSTRAINT role_assignment_user_org_role_key UNIQUE (user_id, organisation_id, role),
  CONSTRAINT role_assignment_role_check CHECK (role IN ('NATIONAL_ADMIN', 'REGIONAL_ADMIN', 'ICB_ADMIN', 'ORG_ADMIN', 'DASV_LEAD', 'LEARNER')),
  CONSTRAINT role_assignment_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT role_assignment_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT role_assignment_granted_by_id_fkey FOREIGN KEY (granted_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE INDEX role_assignment_organisation_role_idx ON role_assignment (organisation_id, role);

-- Single-use links (invitation, password reset). Only a SHA-256 of the token is stored.
CREATE TABLE user_token (
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id     uuid        NOT NULL,
  purpose     text        NOT NULL,
  token_hash  text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT user_token_pkey PRIMARY KEY (id),
  CONSTRAINT user_token_token_hash_key UNIQUE (token_hash),
  CONSTRAINT user_token_purpose_check CHECK (purpose IN ('INVITATION', 'PASSWORD_RESET')),
  CONSTRAINT user_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX user_token_user_id_idx ON user_token (user_id, purpose);
