-- Demo data of module livestream (seed 002): two dealerships, a dealer
-- each (they cannot log in: their password hash matches no password, set
-- one with clientelectl or make dealers with `clientelectl dealer create`),
-- vehicles, a few finished streams and their leads. Loaded by
-- `clientelectl load` on the first start of script/server; safe to load
-- again (INSERT IGNORE on unique keys, leads only where missing).
INSERT IGNORE INTO live_organizations (name, code, token, loan_link_url) VALUES
	('Saigon Auto', 'saigon-auto', 'saigon-auto-feedback',
	 'https://loans.example.com/saigon-auto'),
	('Hanoi Motors', 'hanoi-motors', 'hanoi-motors-feedback', NULL);

INSERT IGNORE INTO users (user_xid, email, username, first_name, last_name,
	password_hash) VALUES
	(UUID(), 'dealer1@demo.local', 'dealer1', 'Minh', 'Nguyen', '!demo'),
	(UUID(), 'dealer2@demo.local', 'dealer2', 'Lan', 'Tran', '!demo');
INSERT IGNORE INTO user_roles (user_id, role_id)
	SELECT u.id, r.id FROM users u JOIN roles r ON r.name = 'dealer'
	WHERE u.email IN ('dealer1@demo.local', 'dealer2@demo.local');
INSERT IGNORE INTO live_dealers (user_id, organization_id)
	SELECT u.id, o.id FROM users u JOIN live_organizations o
	ON (u.email, o.code) IN (('dealer1@demo.local', 'saigon-auto'),
	                         ('dealer2@demo.local', 'hanoi-motors'));

INSERT IGNORE INTO live_vehicles (organization_id, vin, make, model, type, year)
	SELECT o.id, v.vin, v.make, v.model, v.type, v.year
	FROM live_organizations o JOIN (
		SELECT 'saigon-auto' AS code, '1HGCM82633A004352' AS vin,
		       'Honda' AS make, 'Accord' AS model, 'sedan' AS type,
		       2003 AS year
		UNION ALL SELECT 'saigon-auto', '4T1BF1FK5CU000001', 'Toyota',
		       'Camry', 'sedan', 2012
		UNION ALL SELECT 'hanoi-motors', '5YJ3E1EA7KF317000', 'Tesla',
		       'Model 3', 'sedan', 2019
	) v ON v.code = o.code;

-- Fixed ids (demo only: real ones are 16 random bytes).
INSERT IGNORE INTO live_streams (id, organization_id, vin, first_name,
	last_name, phone, email, dealer_id, status, note, requested_at,
	accepted_at, last_ping_at, finished_at, created_at)
	SELECT s.id, o.id, s.vin, s.first_name, s.last_name, s.phone, s.email,
	       (SELECT d.user_id FROM live_dealers d
	        WHERE d.organization_id = o.id LIMIT 1),
	       s.status, s.note,
	       UTC_TIMESTAMP(6) - INTERVAL s.ago HOUR,
	       IF(s.status = 'completed', UTC_TIMESTAMP(6) - INTERVAL s.ago HOUR, NULL),
	       IF(s.status = 'completed', UTC_TIMESTAMP(6) - INTERVAL s.ago HOUR, NULL),
	       UTC_TIMESTAMP(6) - INTERVAL s.ago HOUR + INTERVAL 10 MINUTE,
	       UTC_TIMESTAMP(6) - INTERVAL s.ago HOUR
	FROM live_organizations o JOIN (
		SELECT 'saigon-auto' AS code, 'de000000000000000000000000000001' AS id,
		       '1HGCM82633A004352' AS vin, 'Hoa' AS first_name,
		       'Pham' AS last_name, '+84901000001' AS phone,
		       'hoa@example.com' AS email, 'completed' AS status,
		       'Wants a test drive' AS note, 30 AS ago
		UNION ALL SELECT 'saigon-auto', 'de000000000000000000000000000002',
		       '4T1BF1FK5CU000001', 'Quang', 'Le', '+84901000002', NULL,
		       'missed', NULL, 20
		UNION ALL SELECT 'hanoi-motors', 'de000000000000000000000000000003',
		       '5YJ3E1EA7KF317000', 'Mai', 'Do', NULL, 'mai@example.com',
		       'completed', NULL, 5
	) s ON s.code = o.code;

INSERT INTO live_leads (stream_id, organization_id, vin, email, first_name,
	last_name, phone, comment)
	SELECT s.id, s.organization_id, s.vin, s.email, s.first_name,
	       s.last_name, s.phone, 'Please call me back'
	FROM live_streams s
	WHERE s.id IN ('de000000000000000000000000000001',
	               'de000000000000000000000000000003')
	AND NOT EXISTS (SELECT 1 FROM live_leads l WHERE l.stream_id = s.id);
