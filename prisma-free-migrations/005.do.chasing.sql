-- The shared chase engine (libs/chasing): every reminder, overdue reminder, escalation digest and
-- manual chase it decides is one row here, under a deterministic key, written in the same
-- transaction as the e-mail's outbox row. Two sweeps deciding the same chase collide on the key.
CREATE TABLE chase_log (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  key              text        NOT NULL,
  campaign         text        NOT NULL,
  organisation_id  uuid,
  stage            text        NOT NULL,
  due_on           date        NOT NULL,
  recipients       citext[]    NOT NULL,
  decided_at       timestamptz NOT NULL,
  created_by_id    uuid,
  note             text,
  CONSTRAINT chase_log_pkey PRIMARY KEY (id),
  CONSTRAINT chase_log_key_key UNIQUE (key),
  CONSTRAINT chase_log_stage_check CHECK (stage IN ('REMINDER', 'OVERDUE', 'ESCALATION', 'MANUAL')),
  CONSTRAINT chase_log_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT chase_log_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE INDEX chase_log_campaign_idx ON chase_log (campaign, organisation_id, decided_at);

-- An agreed extension: no chase for this organisation in this campaign until the pause ends.
CREATE TABLE chase_pause (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  campaign         text        NOT NULL,
  organisation_id  uuid        NOT NULL,
  until            timestamptz NOT NULL,
  reason           text        NOT NULL,
  created_by_id    uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chase_pause_pkey PRIMARY KEY (id),
  CONSTRAINT chase_pause_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT chase_pause_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE INDEX chase_pause_lookup_idx ON chase_pause (campaign, organisation_id, until);
