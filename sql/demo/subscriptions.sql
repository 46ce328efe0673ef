-- Demo data of module subscriptions: the three plans of seed 001. Loaded by
-- `clientelectl load` on the first start of script/server; safe to load
-- again (INSERT IGNORE on the unique plan name keeps existing rows).
INSERT IGNORE INTO plans (name, amount, payment_cycle, total_valid_months, is_cancellable) VALUES
	('Globalnet Bronze', 500.00, 30, 12, FALSE),
	('Globalnet Sliver', 750.00, 30, 12, FALSE),
	('Globalnet Gold', 1200.00, 30, 12, TRUE);
