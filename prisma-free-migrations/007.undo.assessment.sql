DROP TABLE assessment_attempt;
ALTER TABLE assessment_question DROP CONSTRAINT assessment_question_module_id_fkey;
ALTER TABLE assessment_question DROP COLUMN module_id;
