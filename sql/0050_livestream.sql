-- Module livestream (API.md §7, seed 002): organizations, their dealers and
-- vehicles, live video streams with their logs, leads and chat. Times are
-- DATETIME(6) UTC. Names, codes and filters compare with the table's
-- utf8mb4_unicode_ci collation, which is case-insensitive as §7 asks.

CREATE TABLE live_organizations (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	name               VARCHAR(200) NOT NULL,
	code               VARCHAR(100) NOT NULL,   -- in POST /streams/request/{code}
	token              VARCHAR(100) NOT NULL,   -- in POST /leads
	loan_link_url      VARCHAR(1000) NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY live_organizations_code (code),
	UNIQUE KEY live_organizations_token (token),
	-- Unique, so the dashboard's organizationName filter names one row
	-- and MariaDB reads that organization's streams in index order
	-- (live_streams_org) instead of sorting them: a CSV export of a
	-- million calls starts at once.
	UNIQUE KEY live_organizations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A dealer is a user holding the built-in dealer role, linked to one
-- organization. (organization_id, created_at) serves getdealers' from/to.
CREATE TABLE live_dealers (
	user_id            BIGINT NOT NULL,
	organization_id    BIGINT NOT NULL,
	status             ENUM('active', 'inactive') NOT NULL DEFAULT 'active',
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (user_id),
	KEY live_dealers_org (organization_id, created_at),
	CONSTRAINT live_dealers_user FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE,
	CONSTRAINT live_dealers_org FOREIGN KEY (organization_id)
		REFERENCES live_organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The last POST /ping of each dealer.
CREATE TABLE live_dealer_heartbeats (
	user_id            BIGINT NOT NULL,
	pinged_at          DATETIME(6) NOT NULL,
	PRIMARY KEY (user_id),
	CONSTRAINT live_heartbeats_user FOREIGN KEY (user_id)
		REFERENCES live_dealers (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Inventory. The calls and leads filters carType/carMake/carModel join on
-- (organization_id, vin).
CREATE TABLE live_vehicles (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	organization_id    BIGINT NOT NULL,
	vin                CHAR(17) NOT NULL,
	make               VARCHAR(100) NULL,
	model              VARCHAR(100) NULL,
	type               VARCHAR(100) NULL,
	year               INT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY live_vehicles_org_vin (organization_id, vin),
	KEY live_vehicles_vin (vin),
	CONSTRAINT live_vehicles_org FOREIGN KEY (organization_id)
		REFERENCES live_organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A stream's id is 16 bytes from OpenSSL's RAND_bytes in hex: it is the
-- customer's only credential for stop, chat and leads, so it must not be
-- guessable. Every transition is one conditional UPDATE on status.
-- (status, requested_at) and (status, last_ping_at) serve the expiry sweep;
-- created_at the dashboard's from/to.
CREATE TABLE live_streams (
	id                 CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	organization_id    BIGINT NOT NULL,
	vin                VARCHAR(17) NOT NULL DEFAULT '',
	first_name         VARCHAR(150) NULL,
	last_name          VARCHAR(150) NULL,
	phone              VARCHAR(32) NULL,
	email              VARCHAR(254) NULL,
	dealer_id          BIGINT NULL,
	status             ENUM('requested', 'streaming', 'completed', 'missed',
	                        'expired') NOT NULL DEFAULT 'requested',
	note               TEXT NULL,
	requested_at       DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	accepted_at        DATETIME(6) NULL,
	last_ping_at       DATETIME(6) NULL,
	finished_at        DATETIME(6) NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY live_streams_org (organization_id, created_at),
	KEY live_streams_created (created_at),
	KEY live_streams_requested (status, requested_at),
	KEY live_streams_ping (status, last_ping_at),
	KEY live_streams_dealer (dealer_id, status),
	CONSTRAINT live_streams_org FOREIGN KEY (organization_id)
		REFERENCES live_organizations (id),
	CONSTRAINT live_streams_dealer FOREIGN KEY (dealer_id)
		REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE live_stream_logs (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	stream_id          CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	type               VARCHAR(50) NOT NULL,
	code               VARCHAR(50) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY live_stream_logs_stream (stream_id, id),
	CONSTRAINT live_stream_logs_stream FOREIGN KEY (stream_id)
		REFERENCES live_streams (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A lead hangs from a stream, or from an organization and a VIN.
CREATE TABLE live_leads (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	stream_id          CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
	organization_id    BIGINT NOT NULL,
	vin                VARCHAR(17) NOT NULL DEFAULT '',
	email              VARCHAR(254) NULL,
	first_name         VARCHAR(150) NULL,
	last_name          VARCHAR(150) NULL,
	phone              VARCHAR(32) NULL,
	comment            TEXT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY live_leads_stream (stream_id, id),
	KEY live_leads_org (organization_id, created_at),
	KEY live_leads_created (created_at),
	CONSTRAINT live_leads_stream FOREIGN KEY (stream_id)
		REFERENCES live_streams (id) ON DELETE SET NULL,
	CONSTRAINT live_leads_org FOREIGN KEY (organization_id)
		REFERENCES live_organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE live_chat_messages (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	stream_id          CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	sender             VARCHAR(100) NOT NULL,
	message            TEXT NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY live_chat_stream (stream_id, id),
	CONSTRAINT live_chat_stream FOREIGN KEY (stream_id)
		REFERENCES live_streams (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The built-in dealer role (API.md §9 dealer create): it accepts streams.
INSERT INTO roles (name) VALUES ('dealer');
INSERT INTO role_permissions (role_id, permission_id)
	SELECT r.id, p.id FROM roles r JOIN permissions p
	WHERE r.name = 'dealer' AND p.name = 'streams:accept';
