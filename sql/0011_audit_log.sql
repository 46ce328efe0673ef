-- The audit log (API.md §6): one row per change of an audited record, in
-- the same transaction as the change. user_id is NULL when the
-- admin CLI made the change. No foreign key to users, so the log outlives
-- the accounts it names. Read by clientelectl audit list (table, row).

CREATE TABLE audit_log (
	id          BIGINT NOT NULL AUTO_INCREMENT,
	table_name  VARCHAR(64) NOT NULL,
	row_id      BIGINT NOT NULL,
	action      ENUM('create', 'update', 'delete') NOT NULL,
	user_id     BIGINT NULL,
	created_at  DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	before_json LONGTEXT NULL,
	after_json  LONGTEXT NULL,
	PRIMARY KEY (id),
	KEY audit_log_row (table_name, row_id, id),
	CONSTRAINT audit_log_before_json CHECK (before_json IS NULL OR JSON_VALID(before_json)),
	CONSTRAINT audit_log_after_json CHECK (after_json IS NULL OR JSON_VALID(after_json))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
