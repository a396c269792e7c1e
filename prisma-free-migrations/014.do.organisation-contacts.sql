-- Who to write to at an organisation when it has no administrator: its chief executive's office (the
-- address the programme's letters went to) and, optionally, named people. One contact per role and
-- organisation, so a load from a file or an edit on the organisation's page replaces, never piles up.
CREATE TABLE organisation_contact (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  organisation_id  uuid        NOT NULL,
  role             text        NOT NULL,
  -- A person's name for the named roles; an office may have none.
  name             text,
  email            citext      NOT NULL,
  updated_by_id    uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation_contact_pkey PRIMARY KEY (id),
  CONSTRAINT organisation_contact_role_check CHECK (role IN ('CHIEF_EXECUTIVE_OFFICE', 'CHIEF_EXECUTIVE', 'CHIEF_PEOPLE_OFFICER', 'DASV_LEAD_OFFICE')),
  CONSTRAINT organisation_contact_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT organisation_contact_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX organisation_contact_role_key ON organisation_contact (organisation_id, role);

-- The one contact address an organisation had becomes its chief executive's office.
INSERT INTO organisation_contact (organisation_id, role, email)
SELECT id, 'CHIEF_EXECUTIVE_OFFICE', contact_email FROM organisation WHERE contact_email IS NOT NULL;

ALTER TABLE organisation DROP COLUMN contact_email;
