-- Module identity (API.md §2, issue #9 item 3): one session per login.
-- Every JWT a login issues carries the session's id (claim sid); the
-- access and refresh tokens of a pair share it, and so do the tokens a
-- refresh rotation issues later. Ending a session (logout, DELETE
-- /auth/sessions/{id}, a password change, a spent refresh token presented
-- again) sets revoked_at, which every token of it then fails on, on every
-- host. refresh_jti is the jti of the one refresh token currently valid;
-- any other refresh token of the session is spent.
CREATE TABLE auth_sessions (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_used_at       DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	expires_at         DATETIME(6) NOT NULL,
	platform           VARCHAR(16) NULL,
	refresh_jti        VARCHAR(64) NULL,
	revoked_at         DATETIME(6) NULL,
	PRIMARY KEY (id),
	KEY auth_sessions_user (user_id, revoked_at),
	KEY auth_sessions_expires (expires_at),
	CONSTRAINT auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
