DROP TABLE email_delivery;
DROP TABLE outbox_message;
DROP TABLE audit_event;
DROP FUNCTION audit_event_is_append_only();
