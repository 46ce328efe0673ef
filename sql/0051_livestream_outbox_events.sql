-- Module livestream (API.md §7): published events wait in identity's
-- outbox on channel 'pusher' (recipient: the Pusher channel, subject: the
-- event name, body: its JSON data) until the livestream job delivers them
-- to Pusher's HTTP API. A failed delivery is retried with backoff:
-- attempts counts the tries, next_attempt_at says when the next may run.
ALTER TABLE outbox
	MODIFY channel ENUM('sms', 'email', 'pusher') NOT NULL,
	ADD COLUMN attempts INT NOT NULL DEFAULT 0 AFTER secret_until,
	ADD COLUMN next_attempt_at DATETIME(6) NULL AFTER attempts,
	ADD KEY outbox_channel_unsent (channel, sent_at, next_attempt_at);
