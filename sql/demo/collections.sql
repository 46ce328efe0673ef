-- Demo data of module collections: three agents (one per role agent1..3;
-- they cannot log in: their password hash matches no password, set one
-- with clientelectl) and one customer per installment status code, with
-- due dates relative to the day of loading, so a newcomer sees every
-- code (and buckets t0, t2, dpd2, dpd10, ...). Loaded by `clientelectl
-- load` on the first start of script/server; safe to load again (INSERT
-- IGNORE on unique emails, installments only for customers without).
INSERT IGNORE INTO users (user_xid, email, username, first_name, password_hash) VALUES
	(UUID(), 'agent1@demo.local', 'agent1@demo.local', 'Ayesha', '!demo'),
	(UUID(), 'agent2@demo.local', 'agent2@demo.local', 'Bilal', '!demo'),
	(UUID(), 'agent3@demo.local', 'agent3@demo.local', 'Chitra', '!demo');
INSERT IGNORE INTO user_roles (user_id, role_id)
	SELECT u.id, r.id FROM users u JOIN roles r
	ON r.name = CONCAT('agent', SUBSTRING(u.email, 6, 1))
	WHERE u.email IN ('agent1@demo.local', 'agent2@demo.local', 'agent3@demo.local');
INSERT IGNORE INTO agents (user_id)
	SELECT id FROM users
	WHERE email IN ('agent1@demo.local', 'agent2@demo.local', 'agent3@demo.local');

-- One customer per status: (email, days from today to the due date, days
-- late when paid or NULL).
CREATE TEMPORARY TABLE demo_crm (email VARCHAR(254), due INT, late INT, agent INT);
INSERT INTO demo_crm VALUES
	('c310@demo.local', 10, NULL, 1), ('c311@demo.local', 2, NULL, 1),
	('c312@demo.local', 0, NULL, 1), ('c320@demo.local', -2, NULL, 2),
	('c321@demo.local', -10, NULL, 2), ('c322@demo.local', -40, NULL, 2),
	('c323@demo.local', -70, NULL, 3), ('c324@demo.local', -120, NULL, 3),
	('c330@demo.local', -20, 0, 3), ('c331@demo.local', -20, 3, 1),
	('c332@demo.local', -30, 12, 2);
INSERT IGNORE INTO crm_customers (fullname, email, phone, country, agent_id,
		cur_due_date, cur_late_days)
	SELECT CONCAT('Demo Customer ', SUBSTRING(d.email, 2, 3)), d.email,
		'0123456789', 'BD', a.id, CURDATE() + INTERVAL d.due DAY, d.late
	FROM demo_crm d
	JOIN users u ON u.email = CONCAT('agent', d.agent, '@demo.local')
	JOIN agents a ON a.user_id = u.id;
INSERT INTO crm_loans (customer_id)
	SELECT c.id FROM crm_customers c JOIN demo_crm d ON d.email = c.email
	WHERE NOT EXISTS (SELECT 1 FROM crm_loans l WHERE l.customer_id = c.id);
INSERT IGNORE INTO crm_installments (loan_id, customer_id, number, due_date,
		due_amount, paid_date, paid_amount)
	SELECT l.id, c.id, 1, c.cur_due_date, 500.00,
		IF(d.late IS NULL, NULL, c.cur_due_date + INTERVAL d.late DAY),
		IF(d.late IS NULL, NULL, 500.00)
	FROM crm_customers c JOIN demo_crm d ON d.email = c.email
	JOIN crm_loans l ON l.customer_id = c.id;
DROP TEMPORARY TABLE demo_crm;

-- crm_month_stats (sql/0030_collections.sql) rebuilt from every
-- installment, as the import keeps it: idempotent.
DELETE FROM crm_month_stats;
INSERT INTO crm_month_stats (month_start, agent_id, is_first, is_paid,
		late_days, installments, paid_amount)
	SELECT i.due_date - INTERVAL DAYOFMONTH(i.due_date) - 1 DAY,
		COALESCE(c.agent_id, 0), i.number = 1, i.paid_date IS NOT NULL,
		COALESCE(DATEDIFF(i.paid_date, i.due_date), 0), COUNT(*),
		COALESCE(SUM(i.paid_amount), 0)
	FROM crm_installments i JOIN crm_customers c ON c.id = i.customer_id
	GROUP BY 1, 2, 3, 4, 5;
