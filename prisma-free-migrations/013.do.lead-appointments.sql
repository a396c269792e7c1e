-- Someone named as a DASV lead who is not already in the naming organisation's subtree must agree
-- before they become its lead. Until then the naming waits here, never in dasv_lead: the directory,
-- the DASV_LEAD role and "administrator of an organisation they lead at" all follow dasv_lead, so a
-- waiting naming grants nothing and shows nothing.
CREATE TABLE lead_appointment (
  id                    uuid        NOT NULL DEFAULT gen_random_uuid(),
  organisation_id       uuid        NOT NULL,
  user_id               uuid        NOT NULL,
  lead_role             text        NOT NULL,
  -- As the naming organisation gave them, not as the person's account has them.
  name                  text        NOT NULL,
  job_title             text        NOT NULL,
  email                 citext      NOT NULL,
  phone                 text,
  -- Named in this submission, or taking over this lead's place (a handover); neither for neither.
  source_submission_id  uuid,
  replaces_lead_id      uuid,
  named_by_id           uuid,
  named_by_name         text        NOT NULL,
  named_at              timestamptz NOT NULL,
  expires_at            timestamptz NOT NULL,
  status                text        NOT NULL DEFAULT 'AWAITING_CONFIRMATION',
  responded_at          timestamptz,
  -- The lead row started when they agreed.
  lead_id               uuid,
  CONSTRAINT lead_appointment_pkey PRIMARY KEY (id),
  CONSTRAINT lead_appointment_lead_role_check CHECK (lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')),
  CONSTRAINT lead_appointment_status_check CHECK (status IN ('AWAITING_CONFIRMATION', 'AGREED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
  CONSTRAINT lead_appointment_expiry_check CHECK (expires_at > named_at),
  CONSTRAINT lead_appointment_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT lead_appointment_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id),
  CONSTRAINT lead_appointment_source_submission_id_fkey FOREIGN KEY (source_submission_id) REFERENCES nomination_submission (id) ON DELETE SET NULL,
  CONSTRAINT lead_appointment_replaces_lead_id_fkey FOREIGN KEY (replaces_lead_id) REFERENCES dasv_lead (id),
  CONSTRAINT lead_appointment_named_by_id_fkey FOREIGN KEY (named_by_id) REFERENCES app_user (id) ON DELETE SET NULL,
  CONSTRAINT lead_appointment_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dasv_lead (id)
);
-- One open question per person, role and organisation: naming them again keeps the one they were sent.
CREATE UNIQUE INDEX lead_appointment_awaiting_key ON lead_appointment (organisation_id, user_id, lead_role) WHERE status = 'AWAITING_CONFIRMATION';
CREATE INDEX lead_appointment_user_idx ON lead_appointment (user_id, status);
CREATE INDEX lead_appointment_organisation_idx ON lead_appointment (organisation_id, named_at);
