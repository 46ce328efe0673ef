-- Module identity (issue #10): a stamp of who holds which permission, so
-- that workers cache each caller's permissions instead of joining
-- user_roles, role_permissions and permissions on every request. The
-- caller lookup reads the stamp in the same statement as the user (a
-- primary-key lookup); a worker whose cached permissions carry another
-- stamp reads them again. Triggers bump it in the transaction of every
-- change that can alter a user's permissions, whatever makes the change
-- (routes, clientelectl, migrations, SQL by hand). Foreign-key cascades
-- fire no triggers, so the deletes they start from (a role, a
-- permission) bump too. (With binary logging on, creating triggers needs
-- SUPER or log_bin_trust_function_creators = 1.)

CREATE TABLE auth_stamps (
	id                 TINYINT NOT NULL,
	perms              BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO auth_stamps (id, perms) VALUES (1, 1);

CREATE TRIGGER auth_stamp_user_roles_insert AFTER INSERT ON user_roles
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_user_roles_update AFTER UPDATE ON user_roles
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_user_roles_delete AFTER DELETE ON user_roles
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_role_permissions_insert AFTER INSERT ON role_permissions
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_role_permissions_update AFTER UPDATE ON role_permissions
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_role_permissions_delete AFTER DELETE ON role_permissions
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_permissions_update AFTER UPDATE ON permissions
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_permissions_delete AFTER DELETE ON permissions
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
CREATE TRIGGER auth_stamp_roles_delete AFTER DELETE ON roles
	FOR EACH ROW UPDATE auth_stamps SET perms = perms + 1 WHERE id = 1;
