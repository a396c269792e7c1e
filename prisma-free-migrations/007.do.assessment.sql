-- Final assessment (libs/elearning). Each bank question names the module that teaches its answer,
-- so a learner who gets it wrong is told where to go back to.
ALTER TABLE assessment_question ADD COLUMN module_id uuid;
ALTER TABLE assessment_question
  ADD CONSTRAINT assessment_question_module_id_fkey FOREIGN KEY (module_id) REFERENCES course_module (id);

-- One row per attempt. question_ids keeps the draw in order, so reloading an open attempt shows the
-- same questions; submitted_at, score and passed are set together, once, when it is marked.
CREATE TABLE assessment_attempt (
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  enrolment_id  uuid        NOT NULL,
  number        integer     NOT NULL,
  question_ids  uuid[]      NOT NULL,
  started_at    timestamptz NOT NULL,
  submitted_at  timestamptz,
  score         integer,
  passed        boolean,
  CONSTRAINT assessment_attempt_pkey PRIMARY KEY (id),
  CONSTRAINT assessment_attempt_enrolment_number_key UNIQUE (enrolment_id, number),
  CONSTRAINT assessment_attempt_score_check CHECK (score BETWEEN 0 AND 100),
  CONSTRAINT assessment_attempt_marked_check CHECK ((submitted_at IS NULL) = (score IS NULL) AND (score IS NULL) = (passed IS NULL)),
  CONSTRAINT assessment_attempt_enrolment_id_fkey FOREIGN KEY (enrolment_id) REFERENCES course_enrolment (id) ON DELETE CASCADE
);
-- At most one open attempt per enrolment: two tabs starting at once cannot both draw.
CREATE UNIQUE INDEX assessment_attempt_open_key ON assessment_attempt (enrolment_id) WHERE submitted_at IS NULL;
