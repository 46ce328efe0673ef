-- Module identity (API.md §2): roles hold permissions, users hold roles.
-- The permission names are API.md's; route tables name them in .perm.
-- Superusers (users.is_superuser) hold every permission without a role.

CREATE TABLE permissions (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	name               VARCHAR(64) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY permissions_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE roles (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	name               VARCHAR(100) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY roles_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_permissions (
	role_id            BIGINT NOT NULL,
	permission_id      BIGINT NOT NULL,
	PRIMARY KEY (role_id, permission_id),
	KEY role_permissions_permission (permission_id),
	CONSTRAINT role_permissions_role FOREIGN KEY (role_id)
		REFERENCES roles (id) ON DELETE CASCADE,
	CONSTRAINT role_permissions_permission FOREIGN KEY (permission_id)
		REFERENCES permissions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_roles (
	user_id            BIGINT NOT NULL,
	role_id            BIGINT NOT NULL,
	PRIMARY KEY (user_id, role_id),
	KEY user_roles_role (role_id),
	CONSTRAINT user_roles_user FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT user_roles_role FOREIGN KEY (role_id)
		REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permissions (name) VALUES
	('agents:read'), ('agents:create'), ('crm:read'), ('plans:write'),
	('customers:read'), ('customers:update'), ('bills:read'),
	('bills:create'), ('bills:update'), ('dashboard:read'),
	('streams:accept'), ('loyalty:read'), ('loyalty:write');

INSERT INTO roles (name) VALUES ('admin');

INSERT INTO role_permissions (role_id, permission_id)
	SELECT r.id, p.id FROM roles r CROSS JOIN permissions p
	WHERE r.name = 'admin';
