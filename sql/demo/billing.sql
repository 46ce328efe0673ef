-- Demo data of module billing: seed 004's two worked examples and the
-- ISP's utility information. Loaded by `clientelectl load` on the first
-- start of script/server (and of the test stack); safe to load again:
-- customers and utility rows are keyed by their unique columns (INSERT
-- IGNORE), entitlements by bill_number and details by their entitlement
-- (NOT EXISTS). The details run over the current month (UTC), so that
-- bandwidth_types and active_entitlements_count show them; the seed's
-- own dates are 2025-01-01..2025-01-31.

-- Example 1: a bandwidth customer with ipt, gcc and cdn details.
INSERT IGNORE INTO billing_customers (customer_name, company_name, email,
	phone, address, customer_type, customer_number, contact_person)
VALUES ('TechCorp', 'TechCorp Solutions', 'billing@techcorp.example.com',
	'+8801711111111', 'House 123, Road 45, Gulshan-2, Dhaka', 'bw',
	'DEMO-BW-0001', 'John Doe');

INSERT INTO billing_entitlements (customer_master_id, bill_number,
	activation_date, nttn_company, nttn_capacity, total_bill, type_of_bw,
	type_of_connection, connected_pop, remarks)
SELECT c.id, 'BILL20241001', '2025-01-01', 'NTTN Company', '100 Mbps',
	50000.00, 'Fiber', 'Dedicated', 'POP-Dhaka', 'Monthly billing'
FROM billing_customers c
WHERE c.customer_number = 'DEMO-BW-0001'
	AND NOT EXISTS (SELECT 1 FROM billing_entitlements e
		WHERE e.bill_number = 'BILL20241001');

INSERT INTO billing_entitlement_details (cust_entitlement_id, type,
	bandwidth_type, mbps, unit_price, start_date, end_date, is_active, status)
SELECT e.id, 'bw', d.bandwidth_type, d.mbps, d.unit_price,
	DATE_FORMAT(UTC_DATE(), '%Y-%m-01'), LAST_DAY(UTC_DATE()), TRUE, 'active'
FROM billing_entitlements e
JOIN (SELECT 'ipt' AS bandwidth_type, 10 AS mbps, 20.00 AS unit_price
	UNION ALL SELECT 'gcc', 10, 30.00
	UNION ALL SELECT 'cdn', 5, 15.00) d
WHERE e.bill_number = 'BILL20241001'
	AND NOT EXISTS (SELECT 1 FROM billing_entitlement_details x
		WHERE x.cust_entitlement_id = e.id);

-- Example 2: a channel partner with two rows.
INSERT IGNORE INTO billing_customers (customer_name, company_name,
	customer_type, customer_number, contact_person)
VALUES ('Channel Partner Network', 'Channel Partner Network Ltd',
	'channel_partner', 'DEMO-CP-0001', 'Jane Roe');

INSERT INTO billing_entitlements (customer_master_id, bill_number,
	activation_date, remarks)
SELECT c.id, 'BILL20241002', '2025-01-01', 'Channel partner revenue share'
FROM billing_customers c
WHERE c.customer_number = 'DEMO-CP-0001'
	AND NOT EXISTS (SELECT 1 FROM billing_entitlements e
		WHERE e.bill_number = 'BILL20241002');

INSERT INTO billing_entitlement_details (cust_entitlement_id, type, mbps,
	unit_price, custom_mac_percentage_share, start_date, end_date,
	is_active, status)
SELECT e.id, 'channel_partner', d.mbps, d.unit_price, d.share,
	DATE_FORMAT(UTC_DATE(), '%Y-%m-01'), LAST_DAY(UTC_DATE()), TRUE, 'active'
FROM billing_entitlements e
JOIN (SELECT 10 AS mbps, 20.00 AS unit_price, 45.00 AS share
	UNION ALL SELECT 20, 50.00, 50.00) d
WHERE e.bill_number = 'BILL20241002'
	AND NOT EXISTS (SELECT 1 FROM billing_entitlement_details x
		WHERE x.cust_entitlement_id = e.id);

-- The ISP's utility information: VAT 15.00 and one bank, bKash and Nagad
-- account each.
INSERT IGNORE INTO billing_utility_info (utility_name, vat_rate)
VALUES ('Clientele ISP Ltd', 15.00);

INSERT IGNORE INTO billing_utility_details (utility_master_id, type, name,
	number)
SELECT i.id, d.type, d.name, d.number
FROM billing_utility_info i
JOIN (SELECT 'bank' AS type, 'Dutch-Bangla Bank, Gulshan branch' AS name,
		'1051100012345' AS number
	UNION ALL SELECT 'bkash', 'bKash merchant', '01711000000'
	UNION ALL SELECT 'nagad', 'Nagad merchant', '01811000000') d
WHERE i.utility_name = 'Clientele ISP Ltd';
