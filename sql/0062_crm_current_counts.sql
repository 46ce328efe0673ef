-- Module collections (issue #10): the CRM customer list's count without
-- reading every matching index entry. Every bucket and status filter is a
-- condition on (cur_late_days, cur_due_date) only (status.c), so the count
-- is the sum, over the matching (cur_late_days, cur_due_date) pairs, of
-- how many customers hold each pair: this table, kept exact by triggers in
-- the transaction of every insert, delete and change of those columns.
-- Its generated columns carry crm_customers' names, so the list's own
-- WHERE applies to it unchanged; a few thousand pairs (days x dates)
-- however many customers. late_k and due_k stand for NULL with values no
-- customer holds (a key part cannot be NULL).

CREATE TABLE crm_current_counts (
	late_k             INT NOT NULL,
	due_k              DATE NOT NULL,
	n                  BIGINT NOT NULL,
	cur_late_days      INT AS (NULLIF(late_k, -2147483648)) PERSISTENT,
	cur_due_date       DATE AS (NULLIF(due_k, '1000-01-01')) PERSISTENT,
	PRIMARY KEY (late_k, due_k),
	KEY crm_current_counts_current (cur_late_days, cur_due_date, n)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crm_current_counts (late_k, due_k, n)
SELECT COALESCE(cur_late_days, -2147483648), COALESCE(cur_due_date, '1000-01-01'), COUNT(*)
FROM crm_customers
GROUP BY COALESCE(cur_late_days, -2147483648), COALESCE(cur_due_date, '1000-01-01');

CREATE TRIGGER crm_current_counts_insert AFTER INSERT ON crm_customers FOR EACH ROW INSERT INTO crm_current_counts (late_k, due_k, n) VALUES (COALESCE(NEW.cur_late_days, -2147483648), COALESCE(NEW.cur_due_date, '1000-01-01'), 1) ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER crm_current_counts_delete AFTER DELETE ON crm_customers FOR EACH ROW UPDATE crm_current_counts SET n = n - 1 WHERE late_k = COALESCE(OLD.cur_late_days, -2147483648) AND due_k = COALESCE(OLD.cur_due_date, '1000-01-01');
CREATE TRIGGER crm_current_counts_update AFTER UPDATE ON crm_customers FOR EACH ROW IF NOT (NEW.cur_late_days <=> OLD.cur_late_days AND NEW.cur_due_date <=> OLD.cur_due_date) THEN UPDATE crm_current_counts SET n = n - 1 WHERE late_k = COALESCE(OLD.cur_late_days, -2147483648) AND due_k = COALESCE(OLD.cur_due_date, '1000-01-01'); INSERT INTO crm_current_counts (late_k, due_k, n) VALUES (COALESCE(NEW.cur_late_days, -2147483648), COALESCE(NEW.cur_due_date, '1000-01-01'), 1) ON DUPLICATE KEY UPDATE n = n + 1; END IF;
