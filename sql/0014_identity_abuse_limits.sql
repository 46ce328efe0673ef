-- Module identity (API.md §2, issue #9 item 4): abuse limits of the routes
-- that send an OTP (phone registration, resend-otp, add-phone-no) and of
-- failed OTP checks. Rows live here, not in a worker, so the limits hold
-- across every worker and host; the identity prune job deletes rows older
-- than a day.

-- One row per OTP sent: counted per phone and per client address within
-- the last hour ([auth] phone_sends_per_hour, address_sends_per_hour).
CREATE TABLE otp_sends (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	phone              VARCHAR(20) NOT NULL,
	ip                 VARCHAR(45) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY otp_sends_phone (phone, created_at),
	KEY otp_sends_ip (ip, created_at),
	KEY otp_sends_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per wrong OTP tried, across the phone's codes: counted per phone
-- within the last hour ([auth] otp_failures_per_hour).
CREATE TABLE otp_failures (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	phone              VARCHAR(20) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY otp_failures_phone (phone, created_at),
	KEY otp_failures_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per limited key ("phone:<phone>", "ip:<address>"): a sending
-- request locks its keys' rows (INSERT ... ON DUPLICATE KEY UPDATE) before
-- it counts, so parallel sends to one phone or from one address are
-- counted one after the other and cannot all slip under the limit.
CREATE TABLE otp_limit_keys (
	k                  VARCHAR(80) NOT NULL,
	touched_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (k),
	KEY otp_limit_keys_touched (touched_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Unverified phone claims lapse ([auth] phone_claim_hours): found by age.
ALTER TABLE user_phones ADD KEY user_phones_unverified (is_verified, created_at);
