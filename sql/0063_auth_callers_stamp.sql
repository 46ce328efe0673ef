-- Module identity (issue #10): a stamp of everything that can void a
-- signed-in caller, so that a worker may keep a caller it has checked in
-- full and confirm it with one column of the route's own statement (a list
-- reads it with its page: core/listing.c) instead of a statement of its
-- own. Triggers bump it in the transaction of each such change, whatever
-- makes it (routes, clientelectl, SQL by hand): a revoked JWT, a user
-- deactivated, made or unmade superuser, or whose older tokens a password
-- change voided, a user deleted (cascades to sessions and revocations fire
-- no triggers), a session revoked, moved or shortened. A login, a
-- session's sliding expiry, presence and last_login bump nothing: none
-- voids a caller already checked. Permissions have their own stamp (0060).

ALTER TABLE auth_stamps ADD COLUMN callers BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER auth_stamp_revoked_tokens_insert AFTER INSERT ON revoked_tokens FOR EACH ROW UPDATE auth_stamps SET callers = callers + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_users_update AFTER UPDATE ON users FOR EACH ROW IF NOT (NEW.is_active <=> OLD.is_active AND NEW.is_superuser <=> OLD.is_superuser AND NEW.tokens_valid_after <=> OLD.tokens_valid_after) THEN UPDATE auth_stamps SET callers = callers + 1 WHERE id = 1; END IF;
CREATE TRIGGER auth_stamp_users_delete AFTER DELETE ON users FOR EACH ROW UPDATE auth_stamps SET callers = callers + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_sessions_update AFTER UPDATE ON auth_sessions FOR EACH ROW IF NOT (NEW.revoked_at <=> OLD.revoked_at AND NEW.user_id <=> OLD.user_id AND NEW.expires_at >= OLD.expires_at) THEN UPDATE auth_stamps SET callers = callers + 1 WHERE id = 1; END IF;
CREATE TRIGGER auth_stamp_sessions_delete AFTER DELETE ON auth_sessions FOR EACH ROW UPDATE auth_stamps SET callers = callers + 1 WHERE id = 1;
