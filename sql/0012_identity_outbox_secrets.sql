-- A message carrying a secret (an OTP) says until when the secret lives:
-- once it is sent or past that time, the identity prune job blanks its
-- body, so the outbox does not keep a trail of codes (issue #9, item 5).
ALTER TABLE outbox
	ADD COLUMN secret_until DATETIME(6) NULL AFTER sent_at,
	ADD KEY outbox_secret (secret_until);
