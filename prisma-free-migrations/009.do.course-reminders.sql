-- Reminders to learners who have not yet completed a course (libs/learning-reports): the runs an
-- administrator or a schedule starts, one row per learner reminded per period (the key that makes a
-- second click or an overlapping scheduled run send nothing twice), and the schedules admins turn on.

-- One request to remind the learners of an organisation and everything beneath it. It is worked
-- through in batches, one per interval, so that a national run never floods the e-mail queue.
CREATE TABLE course_reminder_run (
  id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id               uuid        NOT NULL,
  organisation_id         uuid        NOT NULL,
  -- The calendar month in London ('2026-03'): a learner is reminded at most once in it.
  period                  text        NOT NULL,
  origin                  text        NOT NULL,
  requested_by_id         uuid,
  requested_at            timestamptz NOT NULL,
  -- Not before this may the next batch go; a batch moves it on by the configured interval.
  next_batch_at           timestamptz NOT NULL,
  -- Where the next batch resumes: the subtree's organisations in id order, each one's staff by
  -- (name, id); a null name means from that organisation's first learner.
  cursor_organisation_id  uuid,
  cursor_name             text,
  cursor_user_id          uuid,
  reminded                integer     NOT NULL DEFAULT 0,
  finished_at             timestamptz,
  CONSTRAINT course_reminder_run_pkey PRIMARY KEY (id),
  CONSTRAINT course_reminder_run_origin_check CHECK (origin IN ('ADMIN', 'SCHEDULE')),
  CONSTRAINT course_reminder_run_period_check CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  CONSTRAINT course_reminder_run_reminded_check CHECK (reminded >= 0),
  CONSTRAINT course_reminder_run_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  CONSTRAINT course_reminder_run_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT course_reminder_run_requested_by_id_fkey FOREIGN KEY (requested_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
-- A second click while a run is under way joins it instead of starting another.
CREATE UNIQUE INDEX course_reminder_run_in_flight_key ON course_reminder_run (organisation_id, course_id, period) WHERE finished_at IS NULL;
-- The sweep's question: which unfinished runs are due their next batch.
CREATE INDEX course_reminder_run_due_idx ON course_reminder_run (next_batch_at) WHERE finished_at IS NULL;
-- An organisation's recent runs, for its administrators.
CREATE INDEX course_reminder_run_organisation_idx ON course_reminder_run (organisation_id, course_id, requested_at);

-- One reminder per learner, course and period. Inserted ON CONFLICT DO NOTHING in the transaction that
-- queues the e-mail, so only a learner not yet reminded in the period is e-mailed. Keyed by user first:
-- "when was this learner last reminded" is read for a page of learners at a time.
CREATE TABLE course_reminder (
  user_id          uuid        NOT NULL,
  course_id        uuid        NOT NULL,
  period           text        NOT NULL,
  run_id           uuid        NOT NULL,
  organisation_id  uuid        NOT NULL,
  sent_at          timestamptz NOT NULL,
  CONSTRAINT course_reminder_pkey PRIMARY KEY (user_id, course_id, period),
  CONSTRAINT course_reminder_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT course_reminder_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  -- Runs are never deleted, so this reference needs no index of its own.
  CONSTRAINT course_reminder_run_id_fkey FOREIGN KEY (run_id) REFERENCES course_reminder_run (id),
  CONSTRAINT course_reminder_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
);

-- Monthly reminders an administrator turned on for an organisation and everything beneath it.
-- Turning them off deletes the row (the audit trail keeps who did what).
CREATE TABLE course_reminder_schedule (
  organisation_id  uuid        NOT NULL,
  course_id        uuid        NOT NULL,
  enabled_by_id    uuid,
  enabled_at       timestamptz NOT NULL,
  -- The period the schedule last started a run for; the sweep starts one when it differs.
  last_period      text,
  CONSTRAINT course_reminder_schedule_pkey PRIMARY KEY (organisation_id, course_id),
  CONSTRAINT course_reminder_schedule_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT course_reminder_schedule_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  CONSTRAINT course_reminder_schedule_enabled_by_id_fkey FOREIGN KEY (enabled_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);
