-- Learning records (libs/completions, libs/certificates): who has completed a course, how many staff
-- each organisation has, and the counters dashboards read instead of counting 1.3 million rows.

-- Staff in post, from the organisation's staff list upload or entered by its admin.
CREATE TABLE organisation_headcount (
  organisation_id  uuid        NOT NULL,
  headcount        integer     NOT NULL,
  source           text        NOT NULL,
  updated_at       timestamptz NOT NULL,
  updated_by_id    uuid,
  CONSTRAINT organisation_headcount_pkey PRIMARY KEY (organisation_id),
  CONSTRAINT organisation_headcount_headcount_check CHECK (headcount >= 0),
  CONSTRAINT organisation_headcount_source_check CHECK (source IN ('STAFF_LIST', 'ADMIN')),
  CONSTRAINT organisation_headcount_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT organisation_headcount_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);

-- One row per person and course, whatever the number of sources (this platform, e-LfH, ESR): a
-- person is their e-mail address, so an imported completion and one taken here count once.
CREATE TABLE learner_completion (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id        uuid        NOT NULL,
  email            citext      NOT NULL,
  user_id          uuid,
  -- The organisation credited: the learner's at the moment of the first completion.
  organisation_id  uuid        NOT NULL,
  -- The version completed here; null for a completion imported from elsewhere.
  version_id       uuid,
  completed_at     timestamptz NOT NULL,
  sources          text[]      NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT learner_completion_pkey PRIMARY KEY (id),
  CONSTRAINT learner_completion_course_email_key UNIQUE (course_id, email),
  CONSTRAINT learner_completion_sources_check CHECK (cardinality(sources) > 0 AND sources <@ ARRAY['PLATFORM', 'ELFH', 'ESR']::text[]),
  CONSTRAINT learner_completion_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  CONSTRAINT learner_completion_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL,
  CONSTRAINT learner_completion_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT learner_completion_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id)
);
CREATE INDEX learner_completion_organisation_id_idx ON learner_completion (organisation_id, course_id, completed_at);

-- Counters of each organisation's own learners (not its subtree). A completion increments one row,
-- in its own transaction, so there is no national row every completion would queue on; an ICB,
-- region or national figure sums ~250 rows through organisation_ancestor.
CREATE TABLE organisation_course_stats (
  organisation_id  uuid        NOT NULL,
  course_id        uuid        NOT NULL,
  started          integer     NOT NULL DEFAULT 0,
  completed        integer     NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT organisation_course_stats_pkey PRIMARY KEY (organisation_id, course_id),
  CONSTRAINT organisation_course_stats_counts_check CHECK (started >= 0 AND completed >= 0),
  CONSTRAINT organisation_course_stats_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT organisation_course_stats_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id)
);

-- Completions per organisation per day (Europe/London), for the trend; incremented with the counters.
CREATE TABLE organisation_completion_day (
  organisation_id  uuid    NOT NULL,
  course_id        uuid    NOT NULL,
  day              date    NOT NULL,
  completed        integer NOT NULL,
  CONSTRAINT organisation_completion_day_pkey PRIMARY KEY (organisation_id, course_id, day),
  CONSTRAINT organisation_completion_day_completed_check CHECK (completed > 0),
  CONSTRAINT organisation_completion_day_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  CONSTRAINT organisation_completion_day_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id)
);

-- Issued once per learner and course, in the transaction that completes it. The name, title and
-- version are copied so the certificate reads the same after a rename or a new version.
CREATE TABLE certificate (
  id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
  verification_code  text        NOT NULL,
  user_id            uuid        NOT NULL,
  course_id          uuid        NOT NULL,
  version_id         uuid        NOT NULL,
  learner_name       text        NOT NULL,
  course_title       text        NOT NULL,
  version_number     integer     NOT NULL,
  completed_at       timestamptz NOT NULL,
  issued_at          timestamptz NOT NULL,
  CONSTRAINT certificate_pkey PRIMARY KEY (id),
  CONSTRAINT certificate_verification_code_key UNIQUE (verification_code),
  CONSTRAINT certificate_user_course_key UNIQUE (user_id, course_id),
  CONSTRAINT certificate_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT certificate_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  CONSTRAINT certificate_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id)
);
