-- E-learning (libs/elearning). Content is versioned: a learner's enrolment pins the version they
-- started on, so publishing a new version never moves anyone mid-course. Content rows of a version
-- are never edited once it is published; a change is a new version.
CREATE TABLE course (
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  slug        text        NOT NULL,
  title       text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT course_pkey PRIMARY KEY (id),
  CONSTRAINT course_slug_key UNIQUE (slug)
);

CREATE TABLE course_version (
  id                uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id         uuid        NOT NULL,
  number            integer     NOT NULL,
  status            text        NOT NULL,
  title             text        NOT NULL,
  summary           text        NOT NULL,
  content_warning   text        NOT NULL,
  -- Shown in the same place on every page, so a learner never has to look for where to get help.
  support_text      text        NOT NULL,
  pass_mark_percent integer     NOT NULL DEFAULT 80,
  assessment_size   integer     NOT NULL DEFAULT 10,
  published_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT course_version_pkey PRIMARY KEY (id),
  CONSTRAINT course_version_course_number_key UNIQUE (course_id, number),
  CONSTRAINT course_version_status_check CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
  CONSTRAINT course_version_pass_mark_check CHECK (pass_mark_percent BETWEEN 1 AND 100),
  CONSTRAINT course_version_assessment_size_check CHECK (assessment_size > 0),
  CONSTRAINT course_version_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id)
);
-- Exactly one version of a course is offered to new learners.
CREATE UNIQUE INDEX course_version_published_key ON course_version (course_id) WHERE status = 'PUBLISHED';

CREATE TABLE course_module (
  id          uuid    NOT NULL DEFAULT gen_random_uuid(),
  version_id  uuid    NOT NULL,
  position    integer NOT NULL,
  title       text    NOT NULL,
  CONSTRAINT course_module_pkey PRIMARY KEY (id),
  CONSTRAINT course_module_version_position_key UNIQUE (version_id, position),
  CONSTRAINT course_module_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id) ON DELETE CASCADE
);

CREATE TABLE course_page (
  id          uuid    NOT NULL DEFAULT gen_random_uuid(),
  module_id   uuid    NOT NULL,
  position    integer NOT NULL,
  title       text    NOT NULL,
  -- Rendered from escaped text by the content pipeline; never learner- or admin-supplied raw HTML.
  body_html   text    NOT NULL,
  CONSTRAINT course_page_pkey PRIMARY KEY (id),
  CONSTRAINT course_page_module_position_key UNIQUE (module_id, position),
  CONSTRAINT course_page_module_id_fkey FOREIGN KEY (module_id) REFERENCES course_module (id) ON DELETE CASCADE
);

CREATE TABLE knowledge_check (
  id          uuid    NOT NULL DEFAULT gen_random_uuid(),
  page_id     uuid    NOT NULL,
  position    integer NOT NULL,
  kind        text    NOT NULL,
  prompt      text    NOT NULL,
  -- [{ "id": "a", "label": "…", "correct": true }]; the correct flags never leave the server unanswered.
  options     jsonb   NOT NULL,
  feedback    text    NOT NULL,
  CONSTRAINT knowledge_check_pkey PRIMARY KEY (id),
  CONSTRAINT knowledge_check_page_position_key UNIQUE (page_id, position),
  CONSTRAINT knowledge_check_kind_check CHECK (kind IN ('SINGLE', 'MULTIPLE')),
  CONSTRAINT knowledge_check_page_id_fkey FOREIGN KEY (page_id) REFERENCES course_page (id) ON DELETE CASCADE
);

CREATE TABLE assessment_question (
  id          uuid    NOT NULL DEFAULT gen_random_uuid(),
  version_id  uuid    NOT NULL,
  position    integer NOT NULL,
  kind        text    NOT NULL,
  prompt      text    NOT NULL,
  options     jsonb   NOT NULL,
  CONSTRAINT assessment_question_pkey PRIMARY KEY (id),
  CONSTRAINT assessment_question_version_position_key UNIQUE (version_id, position),
  CONSTRAINT assessment_question_kind_check CHECK (kind IN ('SINGLE', 'MULTIPLE')),
  CONSTRAINT assessment_question_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id) ON DELETE CASCADE
);

-- One row per learner and course (1.3 million learners). Read and updated by its unique key only;
-- no further index until a query needs one (organisation rollups will bring their own).
CREATE TABLE course_enrolment (
  id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id             uuid        NOT NULL,
  course_id           uuid        NOT NULL,
  version_id          uuid        NOT NULL,
  started_at          timestamptz NOT NULL,
  last_active_at      timestamptz NOT NULL,
  completed_at        timestamptz,
  current_page_id     uuid,
  time_spent_seconds  integer     NOT NULL DEFAULT 0,
  CONSTRAINT course_enrolment_pkey PRIMARY KEY (id),
  CONSTRAINT course_enrolment_user_course_key UNIQUE (user_id, course_id),
  CONSTRAINT course_enrolment_time_spent_check CHECK (time_spent_seconds >= 0),
  CONSTRAINT course_enrolment_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT course_enrolment_course_id_fkey FOREIGN KEY (course_id) REFERENCES course (id),
  CONSTRAINT course_enrolment_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id),
  CONSTRAINT course_enrolment_current_page_id_fkey FOREIGN KEY (current_page_id) REFERENCES course_page (id)
);

-- 20–30 rows per learner: each save is one upsert on the primary key, which also serves
-- "this learner's progress" (leading enrolment_id).
CREATE TABLE page_progress (
  enrolment_id        uuid        NOT NULL,
  page_id             uuid        NOT NULL,
  answers             jsonb       NOT NULL,
  time_spent_seconds  integer     NOT NULL DEFAULT 0,
  completed_at        timestamptz,
  updated_at          timestamptz NOT NULL,
  CONSTRAINT page_progress_pkey PRIMARY KEY (enrolment_id, page_id),
  CONSTRAINT page_progress_time_spent_check CHECK (time_spent_seconds >= 0),
  CONSTRAINT page_progress_enrolment_id_fkey FOREIGN KEY (enrolment_id) REFERENCES course_enrolment (id) ON DELETE CASCADE,
  CONSTRAINT page_progress_page_id_fkey FOREIGN KEY (page_id) REFERENCES course_page (id)
);
