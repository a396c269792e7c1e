DROP TABLE page_progress;
DROP TABLE course_enrolment;
DROP TABLE assessment_question;
DROP TABLE knowledge_check;
DROP TABLE course_page;
DROP TABLE course_module;
DROP TABLE course_version;
DROP TABLE course;
