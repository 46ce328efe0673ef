-- Module billing (API.md §6, seed 004), first part: KAM masters and
-- customer masters. Every billing record says who made and last changed
-- it (created_by, updated_by: users, NULL for the admin CLI) and when;
-- audit_log (0011) keeps each change's before and after.

CREATE TABLE billing_kams (
	id         BIGINT NOT NULL AUTO_INCREMENT,
	kam_name   VARCHAR(200) NOT NULL,
	phone      VARCHAR(32) NULL,
	email      VARCHAR(254) NULL,
	address    VARCHAR(500) NULL,
	is_active  BOOLEAN NOT NULL DEFAULT TRUE,
	created_by BIGINT NULL,
	updated_by BIGINT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_kams_name (kam_name),
	KEY billing_kams_created (created_at),
	CONSTRAINT billing_kams_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_kams_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Indexes: kam_id serves the kam_id filter and KAMs'
-- assigned_customers_count; (customer_type, status) the two enum filters;
-- customer_name, created_at and last_bill_invoice_date the three orderings
-- (a LIMIT walks them in order instead of sorting every row). ?search= is
-- a substring match, which no B-tree index serves: it scans.
CREATE TABLE billing_customers (
	id                     BIGINT NOT NULL AUTO_INCREMENT,
	customer_name          VARCHAR(200) NOT NULL,
	company_name           VARCHAR(200) NULL,
	email                  VARCHAR(254) NULL,
	phone                  VARCHAR(32) NULL,
	address                VARCHAR(500) NULL,
	customer_type          ENUM('bw', 'channel_partner', 'soho') NOT NULL,
	kam_id                 BIGINT NULL,
	customer_number        VARCHAR(50) NULL,
	contact_person         VARCHAR(200) NULL,
	status                 ENUM('active', 'inactive', 'suspended') NOT NULL DEFAULT 'active',
	is_active              BOOLEAN NOT NULL DEFAULT TRUE,
	last_bill_invoice_date DATE NULL,
	created_by             BIGINT NULL,
	updated_by             BIGINT NULL,
	created_at             DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at             DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY billing_customers_number (customer_number),
	KEY billing_customers_kam_id (kam_id),
	KEY billing_customers_type_status (customer_type, status),
	KEY billing_customers_name (customer_name),
	KEY billing_customers_created (created_at),
	KEY billing_customers_last_bill (last_bill_invoice_date),
	CONSTRAINT billing_customers_kam FOREIGN KEY (kam_id) REFERENCES billing_kams (id),
	CONSTRAINT billing_customers_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_customers_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
