-- Module identity (API.md §2): one-time codes, login attempt counters and
-- the outbox. Counters live here, not in a worker, so the limits hold
-- across every worker and host of a cluster.

-- code_hash is HMAC-SHA256 (hex) of the phone and the 6 digits, keyed with
-- the server secret. The newest row of a phone is the only live code.
CREATE TABLE otp_codes (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NOT NULL,
	phone              VARCHAR(20) NOT NULL,
	code_hash          CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	tries              INT NOT NULL DEFAULT 0,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	used_at            DATETIME(6) NULL,
	PRIMARY KEY (id),
	KEY otp_codes_phone (phone, id),
	KEY otp_codes_created (created_at),
	CONSTRAINT otp_codes_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per login attempt: written before the password is checked and
-- deleted when it was right, so what stays is failures (and attempts in
-- flight, which closes the race of parallel guesses). user_id is NULL when
-- the name matched no account.
CREATE TABLE login_attempts (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NULL,
	ip                 VARCHAR(45) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY login_attempts_user (user_id, created_at),
	KEY login_attempts_ip (ip, created_at),
	KEY login_attempts_created (created_at),
	CONSTRAINT login_attempts_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages for people: OTP texts, emails. A configured sender delivers them
-- and sets sent_at; without one they wait here (clientelectl outbox list).
CREATE TABLE outbox (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	channel            ENUM('sms', 'email') NOT NULL,
	recipient          VARCHAR(254) NOT NULL,
	subject            VARCHAR(200) NOT NULL DEFAULT '',
	body               TEXT NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	sent_at            DATETIME(6) NULL,
	PRIMARY KEY (id),
	KEY outbox_recipient (recipient, id),
	KEY outbox_unsent (sent_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
