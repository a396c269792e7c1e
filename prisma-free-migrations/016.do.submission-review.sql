-- Why a national administrator sent a submission back: the organisation is e-mailed it and the
-- review page shows it. Only a rejection carries one; every rejection made from now on does, and
-- older rejections keep none.
ALTER TABLE nomination_submission ADD COLUMN decision_reason text;
ALTER TABLE nomination_submission ADD CONSTRAINT nomination_submission_decision_reason_check
  CHECK (decision_reason IS NULL OR status = 'REJECTED');

-- A review compares with the organisation's version last accepted in any return, and accepting
-- checks for a newer return's accepted answer: both look up an organisation's submissions by status,
-- which the (return, organisation, version) key cannot serve.
CREATE INDEX nomination_submission_organisation_status_idx ON nomination_submission (organisation_id, status);
