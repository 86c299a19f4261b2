ALTER TABLE outbox DROP COLUMN attachment_base64;
ALTER TABLE outbox DROP COLUMN attachment_name;
DROP INDEX change_log_entity_seq;
ALTER TABLE audit_log DROP COLUMN detail;
ALTER TABLE audit_log DROP COLUMN organisation_id;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DROP TABLE api_keys;
DROP TABLE organisations;
