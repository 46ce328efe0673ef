-- Idempotency-Key (API.md §1, §6; src/core/idempotency.c): one row per
-- caller and key. The row is inserted in the request's own transaction
-- before its handler runs, so a second request with the key waits on the
-- first's row lock and then finds it (replay or 422), and a request that
-- fails leaves no row (a retry runs again). fingerprint is SHA-256 of the
-- method, path and body; response is the first answer, replayed for 24
-- hours; the jobs child prunes older rows by idempotency_keys_created.
CREATE TABLE idempotency_keys (
	user_id      BIGINT NOT NULL,
	idem_key     VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	fingerprint  CHAR(64) CHARACTER SET ascii NOT NULL,
	status       SMALLINT NOT NULL DEFAULT 0,
	content_type VARCHAR(100) NULL,
	response     LONGTEXT NULL,
	created_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (user_id, idem_key),
	KEY idempotency_keys_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
