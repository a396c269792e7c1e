ALTER TABLE organisation ADD COLUMN contact_email citext;

UPDATE organisation o SET contact_email = c.email
FROM organisation_contact c
WHERE c.organisation_id = o.id AND c.role = 'CHIEF_EXECUTIVE_OFFICE';

DROP TABLE organisation_contact;
