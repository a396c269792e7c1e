-- Course authoring (libs/elearning/src/authoring). A draft is a course_version in status DRAFT whose
-- content is edited as one document in course_draft; publishing writes that document out as the
-- version's module, page, check and question rows, which are then never changed. Drafts never touch
-- course_page while being edited because removing a page row would make PostgreSQL check every
-- page_progress row for it (page_id is not indexed there, and 30 million saves should not pay for it).

-- At most one draft per course, so two admins cannot each start their own version 2.
CREATE UNIQUE INDEX course_version_draft_key ON course_version (course_id) WHERE status = 'DRAFT';

CREATE TABLE course_draft (
  version_id     uuid        NOT NULL,
  -- { modules: [{ id, title, pages: [{ id, title, bodyMarkdown, checks }] }], questionBank: [...] }
  content        jsonb       NOT NULL,
  updated_at     timestamptz NOT NULL,
  updated_by_id  uuid,
  CONSTRAINT course_draft_pkey PRIMARY KEY (version_id),
  CONSTRAINT course_draft_version_id_fkey FOREIGN KEY (version_id) REFERENCES course_version (id) ON DELETE CASCADE,
  CONSTRAINT course_draft_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES app_user (id) ON DELETE SET NULL
);

-- The Markdown an author wrote; body_html is rendered from it and sanitised. Null for pages published
-- from a content file (their body_html is rendered from escaped text blocks).
ALTER TABLE course_page ADD COLUMN body_markdown text;

-- "Learners on this version" for the authors' list of versions, without reading every enrolment.
CREATE INDEX course_enrolment_version_id_idx ON course_enrolment (version_id);
