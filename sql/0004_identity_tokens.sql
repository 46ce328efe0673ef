-- Module identity (API.md §2): credentials other than passwords. Opaque API
-- tokens and apikeys are stored only as the SHA-256 (hex) of the secret the
-- admin CLI printed once. JWTs are not stored; a revoked one is remembered
-- by its jti until it would have expired anyway.

CREATE TABLE api_tokens (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NOT NULL,
	token_hash         CHAR(64) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	revoked_at         DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_tokens_hash (token_hash),
	KEY api_tokens_user (user_id),
	CONSTRAINT api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE api_keys (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	name               VARCHAR(100) CHARACTER SET utf8mb4
	                   COLLATE utf8mb4_unicode_ci NOT NULL,
	key_hash           CHAR(64) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	revoked_at         DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_keys_name (name),
	UNIQUE KEY api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Tokens revoked by logout. A password change voids older tokens through
-- users.tokens_valid_after instead, without a row per token.
CREATE TABLE revoked_tokens (
	jti                VARCHAR(64) NOT NULL,
	user_id            BIGINT NOT NULL,
	expires_at         DATETIME(6) NOT NULL,
	revoked_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (jti),
	KEY revoked_tokens_expires (expires_at),
	CONSTRAINT revoked_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
