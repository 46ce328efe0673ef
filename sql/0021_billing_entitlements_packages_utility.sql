-- Module billing (API.md §6, seed 004), second part: customer
-- entitlements and their details, packages and their pricings, and the
-- utility information (the ISP's own bank, bKash and Nagad accounts and
-- its VAT rate). Same conventions as 0020: created_by/updated_by are
-- users (NULL for the admin CLI), times are UTC DATETIME(6), money is
-- DECIMAL(14,2), rates DECIMAL(5,2).

-- An entitlement: what a customer is billed for. customer_master_id
-- serves the filter, the customer's sub-route and active_entitlements_count;
-- activation_date the filter and its ordering.
CREATE TABLE billing_entitlements (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	customer_master_id BIGINT NOT NULL,
	bill_number        VARCHAR(50) NULL,
	activation_date    DATE NULL,
	nttn_company       VARCHAR(200) NULL,
	nttn_capacity      VARCHAR(100) NULL,
	total_bill         DECIMAL(14,2) NOT NULL DEFAULT 0,
	type_of_bw         VARCHAR(100) NULL,
	type_of_connection VARCHAR(100) NULL,
	connected_pop      VARCHAR(200) NULL,
	remarks            VARCHAR(1000) NULL,
	created_by         BIGINT NULL,
	updated_by         BIGINT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_entitlements_customer (customer_master_id),
	KEY billing_entitlements_activation (activation_date),
	KEY billing_entitlements_created (created_at),
	CONSTRAINT billing_entitlements_customer_fk FOREIGN KEY (customer_master_id) REFERENCES billing_customers (id),
	CONSTRAINT billing_entitlements_total CHECK (total_bill >= 0),
	CONSTRAINT billing_entitlements_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_entitlements_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An entitlement detail: one line of service (mbps at unit_price for a
-- period). type is the customer's type when the detail was made;
-- bandwidth_type only for bw (NULL otherwise), custom_mac_percentage_share
-- for channel partners (0 otherwise). Deleting an entitlement deletes its details.
-- (cust_entitlement_id, is_active, start_date, end_date) serves the
-- entitlement's details, active_entitlements_count and bandwidth_types.
CREATE TABLE billing_entitlement_details (
	id                          BIGINT NOT NULL AUTO_INCREMENT,
	cust_entitlement_id         BIGINT NOT NULL,
	type                        ENUM('bw', 'channel_partner', 'soho') NOT NULL,
	bandwidth_type              ENUM('ipt', 'gcc', 'cdn', 'nix', 'baishan', 'other') NULL,
	mbps                        BIGINT NOT NULL,
	unit_price                  DECIMAL(14,2) NOT NULL,
	custom_mac_percentage_share DECIMAL(5,2) NOT NULL DEFAULT 0,
	start_date                  DATE NOT NULL,
	end_date                    DATE NOT NULL,
	is_active                   BOOLEAN NOT NULL DEFAULT TRUE,
	status                      ENUM('active', 'inactive', 'expired') NOT NULL DEFAULT 'active',
	remarks                     VARCHAR(1000) NULL,
	created_by                  BIGINT NULL,
	updated_by                  BIGINT NULL,
	created_at                  DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at                  DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_entitlement_details_active (cust_entitlement_id, is_active, start_date, end_date),
	KEY billing_entitlement_details_type (type, status),
	CONSTRAINT billing_entitlement_details_entitlement FOREIGN KEY (cust_entitlement_id)
		REFERENCES billing_entitlements (id) ON DELETE CASCADE,
	CONSTRAINT billing_entitlement_details_mbps CHECK (mbps >= 0),
	CONSTRAINT billing_entitlement_details_price CHECK (unit_price >= 0),
	CONSTRAINT billing_entitlement_details_share CHECK (custom_mac_percentage_share BETWEEN 0 AND 100),
	CONSTRAINT billing_entitlement_details_dates CHECK (end_date >= start_date),
	CONSTRAINT billing_entitlement_details_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_entitlement_details_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Packages and their pricings. (package_type, is_active) serves the two
-- filters; pricings are read by package (the rows' pricings and
-- active_pricing, and the overlap check under the package's row lock).
CREATE TABLE billing_packages (
	id           BIGINT NOT NULL AUTO_INCREMENT,
	package_name VARCHAR(200) NOT NULL,
	package_type ENUM('bw', 'channel_partner', 'soho') NOT NULL,
	description  VARCHAR(1000) NULL,
	is_active    BOOLEAN NOT NULL DEFAULT TRUE,
	created_by   BIGINT NULL,
	updated_by   BIGINT NULL,
	created_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_packages_type (package_type, is_active),
	KEY billing_packages_name (package_name),
	CONSTRAINT billing_packages_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_packages_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE billing_package_pricings (
	id                BIGINT NOT NULL AUTO_INCREMENT,
	package_master_id BIGINT NOT NULL,
	rate              DECIMAL(14,2) NOT NULL,
	description       VARCHAR(1000) NULL,
	is_active         BOOLEAN NOT NULL DEFAULT TRUE,
	val_start_at      DATE NOT NULL,
	val_end_at        DATE NOT NULL,
	created_by        BIGINT NULL,
	updated_by        BIGINT NULL,
	created_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY billing_package_pricings_package (package_master_id, is_active, val_start_at),
	CONSTRAINT billing_package_pricings_package_fk FOREIGN KEY (package_master_id) REFERENCES billing_packages (id),
	CONSTRAINT billing_package_pricings_rate CHECK (rate >= 0),
	CONSTRAINT billing_package_pricings_dates CHECK (val_end_at >= val_start_at),
	CONSTRAINT billing_package_pricings_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_package_pricings_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Utility information (made by the admin CLI only) and its payment
-- accounts. The lowest id is the default for invoices (API.md §6).
CREATE TABLE billing_utility_info (
	id           BIGINT NOT NULL AUTO_INCREMENT,
	utility_name VARCHAR(200) NOT NULL,
	vat_rate     DECIMAL(5,2) NOT NULL DEFAULT 0,
	created_by   BIGINT NULL,
	updated_by   BIGINT NULL,
	created_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY billing_utility_info_name (utility_name),
	CONSTRAINT billing_utility_info_vat CHECK (vat_rate BETWEEN 0 AND 100),
	CONSTRAINT billing_utility_info_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_utility_info_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE billing_utility_details (
	id                BIGINT NOT NULL AUTO_INCREMENT,
	utility_master_id BIGINT NOT NULL,
	type              ENUM('bank', 'bkash', 'nagad') NOT NULL,
	name              VARCHAR(200) NOT NULL,
	number            VARCHAR(100) NOT NULL,
	is_active         BOOLEAN NOT NULL DEFAULT TRUE,
	created_by        BIGINT NULL,
	updated_by        BIGINT NULL,
	created_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at        DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY billing_utility_details_account (utility_master_id, type, number),
	CONSTRAINT billing_utility_details_master FOREIGN KEY (utility_master_id) REFERENCES billing_utility_info (id),
	CONSTRAINT billing_utility_details_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT billing_utility_details_updated_by FOREIGN KEY (updated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
