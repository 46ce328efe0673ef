-- Module identity (API.md §2): the one users table every module shares, and
-- the users' phone numbers. Email, username and phone are each unique when
-- present (NULLs do not collide in a UNIQUE key); utf8mb4_unicode_ci makes
-- those keys case-insensitive, so Ann@x.org and ann@x.org are one account.

CREATE TABLE users (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_xid           CHAR(36) NOT NULL,
	email              VARCHAR(254) NULL,
	username           VARCHAR(150) NULL,
	first_name         VARCHAR(150) NOT NULL DEFAULT '',
	last_name          VARCHAR(150) NOT NULL DEFAULT '',
	password_hash      VARCHAR(255) NOT NULL,
	is_superuser       BOOLEAN NOT NULL DEFAULT FALSE,
	is_active          BOOLEAN NOT NULL DEFAULT TRUE,
	presence           ENUM('online', 'offline') NOT NULL DEFAULT 'offline',
	platform           VARCHAR(16) NULL,
	-- JWTs whose iat is below this (seconds since the epoch) are void: set
	-- past the current second by a password change (auth/rules.c).
	tokens_valid_after BIGINT NOT NULL DEFAULT 0,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_login         DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY users_xid (user_xid),
	UNIQUE KEY users_email (email),
	UNIQUE KEY users_username (username),
	CONSTRAINT users_platform CHECK (platform IN ('ios', 'android'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- primary_user is user_id on the primary phone and NULL on the others, so
-- UNIQUE (primary_user) allows one primary phone per user.
CREATE TABLE user_phones (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NOT NULL,
	phone              VARCHAR(20) NOT NULL,
	is_verified        BOOLEAN NOT NULL DEFAULT FALSE,
	is_primary         BOOLEAN NOT NULL DEFAULT FALSE,
	primary_user       BIGINT AS (IF(is_primary, user_id, NULL)) PERSISTENT,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	verified_at        DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY user_phones_phone (phone),
	UNIQUE KEY user_phones_one_primary (primary_user),
	KEY user_phones_user (user_id),
	CONSTRAINT user_phones_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
