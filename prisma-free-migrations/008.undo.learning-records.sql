DROP TABLE certificate;
DROP TABLE organisation_completion_day;
DROP TABLE organisation_course_stats;
DROP TABLE learner_completion;
DROP TABLE organisation_headcount;
