-- Lead-nomination returns: NHS England asks organisations to name their DASV leads by a deadline.
CREATE TABLE nomination_return (
  id                           uuid        NOT NULL DEFAULT gen_random_uuid(),
  title                        text        NOT NULL,
  instructions                 text        NOT NULL DEFAULT '',
  organisation_types           text[]      NOT NULL,
  scope_root_id                uuid        NOT NULL,
  deadline                     timestamptz NOT NULL,
  reminder_offsets_days        int[]       NOT NULL DEFAULT '{14,7,2}',
  overdue_every_working_days   int         NOT NULL DEFAULT 5,
  escalate_after_working_days  int         NOT NULL DEFAULT 10,
  requires_approval            boolean     NOT NULL DEFAULT false,
  status                       text        NOT NULL DEFAULT 'OPEN',
  opened_at                    timestamptz NOT NULL,
  closed_at                    timestamptz,
  created_by_id                uuid,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT nomination_return_pkey PRIMARY KEY (id),
  CONSTRAINT nomination_return_status_check CHECK (status IN ('OPEN', 'CLOSED')),
  CONSTRAINT nomination_return_types_check CHECK (organisation_types <@ ARRAY['REGION', 'ICB', 'TRUST'] AND cardinality(organisation_types) > 0),
  CONSTRAINT nomination_return_policy_check CHECK (overdue_every_working_days > 0 AND escalate_after_working_days >= 0),
  CONSTRAINT nomination_return_scope_root_id_fkey FOREIGN KEY (scope_root_id) REFERENCES organisation (id),
  CONSTRAINT nomination_return_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE INDEX nomination_return_status_idx ON nomination_return (status, deadline);

-- One row per organisation asked, fixed when the return opens. responded_at is the first
-- submission; chasing stops the moment it is set.
CREATE TABLE nomination_request (
  return_id               uuid        NOT NULL,
  organisation_id         uuid        NOT NULL,
  responded_at            timestamptz,
  is_late                 boolean     NOT NULL DEFAULT false,
  current_submission_id   uuid,
  CONSTRAINT nomination_request_pkey PRIMARY KEY (return_id, organisation_id),
  CONSTRAINT nomination_request_return_id_fkey FOREIGN KEY (return_id) REFERENCES nomination_return (id) ON DELETE CASCADE,
  CONSTRAINT nomination_request_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
);
CREATE INDEX nomination_request_outstanding_idx ON nomination_request (return_id, organisation_id) WHERE responded_at IS NULL;
CREATE INDEX nomination_request_organisation_idx ON nomination_request (organisation_id);

-- Every submission is a new version; earlier ones are kept as history.
CREATE TABLE nomination_submission (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  return_id        uuid        NOT NULL,
  organisation_id  uuid        NOT NULL,
  version          int         NOT NULL,
  submitted_by_id  uuid,
  submitted_at     timestamptz NOT NULL,
  is_late          boolean     NOT NULL,
  status           text        NOT NULL,
  decided_by_id    uuid,
  decided_at       timestamptz,
  CONSTRAINT nomination_submission_pkey PRIMARY KEY (id),
  CONSTRAINT nomination_submission_version_key UNIQUE (return_id, organisation_id, version),
  CONSTRAINT nomination_submission_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'SUPERSEDED')),
  CONSTRAINT nomination_submission_request_fkey FOREIGN KEY (return_id, organisation_id) REFERENCES nomination_request (return_id, organisation_id) ON DELETE CASCADE,
  CONSTRAINT nomination_submission_submitted_by_id_fkey FOREIGN KEY (submitted_by_id) REFERENCES app_user (id) ON DELETE SET NULL,
  CONSTRAINT nomination_submission_decided_by_id_fkey FOREIGN KEY (decided_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
ALTER TABLE nomination_request
  ADD CONSTRAINT nomination_request_current_submission_id_fkey FOREIGN KEY (current_submission_id) REFERENCES nomination_submission (id);

CREATE TABLE nomination_nominee (
  id                 uuid    NOT NULL DEFAULT gen_random_uuid(),
  submission_id      uuid    NOT NULL,
  lead_role          text    NOT NULL,
  name               text    NOT NULL,
  job_title          text    NOT NULL,
  email              citext  NOT NULL,
  phone              text,
  on_executive_team  boolean NOT NULL DEFAULT false,
  CONSTRAINT nomination_nominee_pkey PRIMARY KEY (id),
  CONSTRAINT nomination_nominee_submission_email_key UNIQUE (submission_id, email),
  CONSTRAINT nomination_nominee_lead_role_check CHECK (lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')),
  CONSTRAINT nomination_nominee_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES nomination_submission (id) ON DELETE CASCADE
);

-- The directory's source of truth: who is (and was) a DASV lead of which organisation. A lead
-- replaced later is ended with a date, never deleted.
CREATE TABLE dasv_lead (
  id                    uuid        NOT NULL DEFAULT gen_random_uuid(),
  organisation_id       uuid        NOT NULL,
  user_id               uuid        NOT NULL,
  lead_role             text        NOT NULL,
  started_at            timestamptz NOT NULL,
  ended_at              timestamptz,
  successor_id          uuid,
  source_submission_id  uuid,
  CONSTRAINT dasv_lead_pkey PRIMARY KEY (id),
  CONSTRAINT dasv_lead_lead_role_check CHECK (lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')),
  CONSTRAINT dasv_lead_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT dasv_lead_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id),
  CONSTRAINT dasv_lead_successor_id_fkey FOREIGN KEY (successor_id) REFERENCES dasv_lead (id),
  CONSTRAINT dasv_lead_source_submission_id_fkey FOREIGN KEY (source_submission_id) REFERENCES nomination_submission (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX dasv_lead_current_key ON dasv_lead (organisation_id, user_id, lead_role) WHERE ended_at IS NULL;
CREATE INDEX dasv_lead_user_idx ON dasv_lead (user_id);
CREATE INDEX dasv_lead_organisation_idx ON dasv_lead (organisation_id, ended_at);

-- What a lead says about themselves in the directory, and which contact details other leads see.
CREATE TABLE lead_profile (
  user_id            uuid        NOT NULL,
  phone              text,
  bio                text        NOT NULL DEFAULT '',
  areas_of_interest  text[]      NOT NULL DEFAULT '{}',
  show_email         boolean     NOT NULL DEFAULT true,
  show_phone         boolean     NOT NULL DEFAULT false,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lead_profile_pkey PRIMARY KEY (user_id),
  CONSTRAINT lead_profile_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

-- Directory search by name.
CREATE INDEX app_user_name_trgm_idx ON app_user USING gin (name gin_trgm_ops);
