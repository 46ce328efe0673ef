-- Module collections (API.md §3, seed 000): agents, CRM customers, their
-- loans and installments, and the assignment of customers to agents.
--
-- A customer's current installment (the oldest unpaid by due date across
-- its loans, else the last) does not depend on today, so its due date and,
-- once every installment is paid, its days late are kept on the customer
-- (cur_due_date, cur_late_days), rewritten by the import in the same
-- transaction. The status and bucket rules (src/modules/collections/
-- status.c, the one definition of the boundaries) then become ranges over
-- those two columns, bound as parameters: no boundary is written here.

-- Roles that are agent roles: GET /agents/roles lists them and POST
-- /agents grants only them (a holder of agents:create cannot make an
-- admin).
CREATE TABLE agent_roles (
	role_id            BIGINT NOT NULL,
	PRIMARY KEY (role_id),
	CONSTRAINT agent_roles_role FOREIGN KEY (role_id)
		REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO roles (name) VALUES ('agent1'), ('agent2'), ('agent3');
INSERT IGNORE INTO agent_roles (role_id)
	SELECT id FROM roles WHERE name IN ('agent1', 'agent2', 'agent3');
INSERT IGNORE INTO role_permissions (role_id, permission_id)
	SELECT r.id, p.id FROM roles r JOIN permissions p ON p.name = 'crm:read'
	WHERE r.name IN ('agent1', 'agent2', 'agent3');

-- agents_cdate: the date-from/date-to filter of GET /agents.
CREATE TABLE agents (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	user_id            BIGINT NOT NULL,
	user_extension     VARCHAR(20) NULL,
	created_by         BIGINT NULL,
	cdate              DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY agents_user (user_id),
	KEY agents_cdate (cdate),
	KEY agents_created_by (created_by),
	CONSTRAINT agents_user FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT agents_created_by FOREIGN KEY (created_by)
		REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- crm_customers_current (cur_late_days, cur_due_date): every status and
-- bucket filter is "cur_late_days IS NULL AND cur_due_date in a range"
-- (unpaid) or "cur_late_days in a range" (all paid), a range scan of this
-- index whatever the table's size. crm_customers_agent: the performance
-- query's join from an agent to its customers.
CREATE TABLE crm_customers (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	fullname           VARCHAR(200) NOT NULL,
	email              VARCHAR(254) NOT NULL,
	phone              VARCHAR(32) NOT NULL,
	country            VARCHAR(100) NOT NULL,
	agent_id           BIGINT NULL,
	cur_due_date       DATE NULL,
	cur_late_days      INT NULL,
	cdate              DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY crm_customers_email (email),
	KEY crm_customers_current (cur_late_days, cur_due_date),
	KEY crm_customers_agent (agent_id),
	CONSTRAINT crm_customers_agent FOREIGN KEY (agent_id)
		REFERENCES agents (id) ON DELETE SET NULL
) ENGINE=InnoDB AUTO_INCREMENT=1000000001 DEFAULT CHARSET=utf8mb4
  COLLATE=utf8mb4_unicode_ci;

CREATE TABLE crm_loans (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	customer_id        BIGINT NOT NULL,
	cdate              DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY crm_loans_customer (customer_id),
	CONSTRAINT crm_loans_customer FOREIGN KEY (customer_id)
		REFERENCES crm_customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- customer_id is copied from the loan so that the current installment and
-- the performance rows need no join through crm_loans.
-- crm_installments_due: installments by due date (reports, and
-- rebuilding crm_month_stats). crm_installments_customer: the current
-- installment of one customer.
CREATE TABLE crm_installments (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	loan_id            BIGINT NOT NULL,
	customer_id        BIGINT NOT NULL,
	number             INT NOT NULL,
	due_date           DATE NOT NULL,
	due_amount         DECIMAL(14,2) NOT NULL,
	paid_date          DATE NULL,
	paid_amount        DECIMAL(14,2) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY crm_installments_number (loan_id, number),
	KEY crm_installments_customer (customer_id, paid_date, due_date),
	KEY crm_installments_due (due_date),
	CONSTRAINT crm_installments_loan FOREIGN KEY (loan_id)
		REFERENCES crm_loans (id) ON DELETE CASCADE,
	CONSTRAINT crm_installments_customer FOREIGN KEY (customer_id)
		REFERENCES crm_customers (id) ON DELETE CASCADE,
	CONSTRAINT crm_installments_amounts CHECK (due_amount >= 0 AND
		(paid_amount IS NULL OR paid_amount >= 0) AND
		(paid_date IS NULL) = (paid_amount IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What GET /crm/performance reads: the installments due per month, agent
-- (0: a customer without one), first installment or not, and days late
-- when paid, with their count and paid amount. None of it depends on
-- today, so the import keeps it in the same transaction as the
-- installments, and a request sums a few hundred rows instead of scanning
-- the installments of six months (300,000 at 100,000 customers). The
-- late-day boundaries (on time, grace, 5-30 days) stay in status.c and are
-- bound by the query. Sums are DECIMAL(18,2): many DECIMAL(14,2) amounts.
CREATE TABLE crm_month_stats (
	month_start        DATE NOT NULL,
	agent_id           BIGINT NOT NULL DEFAULT 0,
	is_first           BOOLEAN NOT NULL,
	is_paid            BOOLEAN NOT NULL,
	late_days          INT NOT NULL,
	installments       BIGINT NOT NULL,
	paid_amount        DECIMAL(18,2) NOT NULL,
	PRIMARY KEY (month_start, agent_id, is_first, is_paid, late_days)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
