DROP TABLE course_reminder_schedule;
DROP TABLE course_reminder;
DROP TABLE course_reminder_run;
