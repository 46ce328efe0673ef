-- Module billing (API.md §6, seed 004), third part: invoices and their
-- lines, payments and their details. Same conventions as 0020/0021.
-- The totals of an invoice are kept on its row and recomputed, under
-- that row's lock (SELECT ... FOR UPDATE), in the transaction of every
-- change of its lines or payment details (src/modules/billing/money.c);
-- the CHECKs are the last line of defence: no write can leave a negative
-- balance, whatever the code above them does.

-- One row per year: the last invoice number handed out for it. Taken
-- with SELECT ... FOR UPDATE in the invoice's transaction, so two
-- concurrent creates queue here and never share a number (MAX()+1 would).
CREATE TABLE billing_invoice_sequences (
	year       INT NOT NULL,
	last_value BIGINT NOT NULL,
	PRIMARY KEY (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- customer_master_id is the entitlement's customer, copied by the server
-- so customer lists and totals read one index (customer, issue_date)
-- instead of joining entitlements. The foreign keys refuse deleting a
-- customer or an entitlement with invoices (409).
CREATE TABLE billing_invoices (
	id                             BIGINT NOT NULL AUTO_INCREMENT,
	invoice_number                 VARCHAR(20) NOT NULL,
	customer_entitlement_master_id BIGINT NOT NULL,
	customer_master_id             BIGINT NOT NULL,
	information_master_id          BIGINT NULL,
	issue_date                     DATE NOT NULL,
	status                         ENUM('draft', 'unpaid', 'partial', 'paid') NOT NULL DEFAULT 'draft',
	sub_total                      DECIMAL(14,2) NOT NULL DEFAULT 0,
	vat_amount                     DECIMAL(14,2) NOT NULL DEFAULT 0,
	discount_amount                DECIMAL(14,2) NOT NULL DEFAULT 0,
	total_bill_amount              DECIMAL(14,2) NOT NULL DEFAULT 0,
	total_paid_amount              DECIMAL(14,2) NOT NULL DEFAULT 0,
	total_balance_due              DECIMAL(14,2) NOT NULL DEFAULT 0,
	remarks                        VARCHAR(1000) NULL,
	created_by                     BIGINT NULL,
	updated_by                     BIGINT NULL,
	created_at                     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at                     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY billing_invoices_number (invoice_number),
	KEY billing_invoices_customer (customer_master_id, issue_date),
	KEY billing_invoices_entitlement (customer_entitlement_master_id),
	KEY billing_invoices_issue (issue_date),
	KEY billing_invoices_status (status),
	CONSTRAINT billing_invoices_entitlement_fk FOREIGN KEY (customer_entitlement_master_id) REFERENCES billing_entitlements (id),
	CONSTRAINT billing_invoices_customer_fk FOREIGN KEY (customer_master_id) REFERENCES billing_customers (id),
	CONSTRAINT billing_invoices_utility_fk FOREIGN KEY (information_master_id) REFERENCES billing_utility_info (id),
	CONSTRAINT billing_invoices_paid CHECK (total_paid_amount >= 0),
	CONSTRAINT billing_invoices_balance CHECK (total_balance_due >= 0),
	CONSTRAINT billing_invoices_sum CHECK (total_bill_amount = sub_total + vat_amount - discount_amount
		AND total_balance_due = total_bill_amount - total_paid_amount),
	CONSTRAINT billing_invoices_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_invoices_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An invoice line. vat_amount, discount_amount and line_total are the
-- server's (half up per line, in cents). Lines go with their invoice; a
-- line keeps the entitlement detail it bills from being deleted (409).
CREATE TABLE billing_invoice_details (
	id                     BIGINT NOT NULL AUTO_INCREMENT,
	invoice_master_id      BIGINT NOT NULL,
	entitlement_details_id BIGINT NULL,
	sub_total              DECIMAL(14,2) NOT NULL,
	vat_rate               DECIMAL(5,2) NOT NULL DEFAULT 0,
	vat_amount             DECIMAL(14,2) NOT NULL DEFAULT 0,
	sub_discount_rate      DECIMAL(5,2) NOT NULL DEFAULT 0,
	discount_amount        DECIMAL(14,2) NOT NULL DEFAULT 0,
	line_total             DECIMAL(14,2) NOT NULL DEFAULT 0,
	remarks                VARCHAR(1000) NULL,
	created_by             BIGINT NULL,
	updated_by             BIGINT NULL,
	created_at             DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at             DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_invoice_details_invoice (invoice_master_id),
	KEY billing_invoice_details_entitlement_detail (entitlement_details_id),
	CONSTRAINT billing_invoice_details_invoice_fk FOREIGN KEY (invoice_master_id)
		REFERENCES billing_invoices (id) ON DELETE CASCADE,
	CONSTRAINT billing_invoice_details_detail_fk FOREIGN KEY (entitlement_details_id)
		REFERENCES billing_entitlement_details (id),
	CONSTRAINT billing_invoice_details_sub CHECK (sub_total >= 0),
	CONSTRAINT billing_invoice_details_rates CHECK (vat_rate BETWEEN 0 AND 100
		AND sub_discount_rate BETWEEN 0 AND 100),
	CONSTRAINT billing_invoice_details_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_invoice_details_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A payment against one invoice (customer_master_id copied from it, for
-- the customer's lists and by_customer). An invoice with payments cannot
-- be deleted (409). (customer_master_id, payment_date) serves the
-- customer's payment history.
CREATE TABLE billing_payments (
	id                             BIGINT NOT NULL AUTO_INCREMENT,
	payment_date                   DATE NOT NULL,
	payment_method                 VARCHAR(50) NOT NULL,
	customer_entitlement_master_id BIGINT NULL,
	invoice_master_id              BIGINT NOT NULL,
	customer_master_id             BIGINT NOT NULL,
	status                         ENUM('pending', 'completed', 'failed', 'cancelled') NOT NULL DEFAULT 'completed',
	remarks                        VARCHAR(1000) NULL,
	created_by                     BIGINT NULL,
	updated_by                     BIGINT NULL,
	created_at                     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at                     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_payments_invoice (invoice_master_id),
	KEY billing_payments_customer (customer_master_id, payment_date),
	KEY billing_payments_date (payment_date),
	CONSTRAINT billing_payments_invoice_fk FOREIGN KEY (invoice_master_id) REFERENCES billing_invoices (id),
	CONSTRAINT billing_payments_customer_fk FOREIGN KEY (customer_master_id) REFERENCES billing_customers (id),
	CONSTRAINT billing_payments_entitlement_fk FOREIGN KEY (customer_entitlement_master_id) REFERENCES billing_entitlements (id),
	CONSTRAINT billing_payments_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_payments_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The money of a payment: completed details count toward the invoice.
-- (payment_master_id, status) serves the invoice's recomputation.
CREATE TABLE billing_payment_details (
	id                BIGINT NOT NULL AUTO_INCREMENT,
	payment_master_id BIGINT NOT NULL,
	pay_amount        DECIMAL(14,2) NOT NULL,
	transaction_id    VARCHAR(100) NULL,
	status            ENUM('pending', 'completed', 'failed', 'cancelled') NOT NULL DEFAULT 'completed',
	remarks           VARCHAR(1000) NULL,
	created_by        BIGINT NULL,
	updated_by        BIGINT NULL,
	created_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_payment_details_payment (payment_master_id, status),
	CONSTRAINT billing_payment_details_payment_fk FOREIGN KEY (payment_master_id)
		REFERENCES billing_payments (id) ON DELETE CASCADE,
	CONSTRAINT billing_payment_details_amount CHECK (pay_amount > 0),
	CONSTRAINT billing_payment_details_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_payment_details_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
