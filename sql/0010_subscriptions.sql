-- Module subscriptions (API.md §4, seed 001): plans, and the subscriptions
-- users buy. A subscription copies the plan's values at purchase, so a later
-- change or deletion of the plan does not rewrite what the user bought.

CREATE TABLE plans (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	name               VARCHAR(100) NOT NULL,
	amount             DECIMAL(14,2) NOT NULL,
	payment_cycle      INT NOT NULL DEFAULT 30,
	total_valid_months INT NOT NULL DEFAULT 12,
	is_cancellable     BOOLEAN NOT NULL DEFAULT FALSE,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY plans_name (name),
	CONSTRAINT plans_amount_positive CHECK (amount > 0),
	CONSTRAINT plans_cycle_range CHECK (payment_cycle BETWEEN 1 AND 365),
	CONSTRAINT plans_months_range CHECK (total_valid_months BETWEEN 1 AND 120)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- plan_id turns NULL when its plan is deleted (only plans without active
-- subscriptions can be); the plan_* columns keep what was bought.
-- active_key is plan_id while the subscription is active and NULL after, so
-- UNIQUE (user_id, active_key) allows one active subscription per user and
-- plan however many purchases race, and any number of cancelled ones.
CREATE TABLE subscriptions (
	id                   BIGINT NOT NULL AUTO_INCREMENT,
	user_id              BIGINT NOT NULL,
	plan_id              BIGINT NULL,
	plan_name            VARCHAR(100) NOT NULL,
	plan_amount          DECIMAL(14,2) NOT NULL,
	plan_payment_cycle   INT NOT NULL,
	plan_months_validity INT NOT NULL,
	plan_cancellable     BOOLEAN NOT NULL,
	start_date           DATE NOT NULL,
	end_date             DATE NOT NULL,
	is_active            BOOLEAN NOT NULL DEFAULT TRUE,
	active_key           BIGINT AS (IF(is_active, plan_id, NULL)) VIRTUAL,
	cancelled_at         DATETIME(6) NULL,
	created_at           DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY subscriptions_one_active (user_id, active_key),
	KEY subscriptions_plan_active (plan_id, is_active),
	CONSTRAINT subscriptions_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT subscriptions_plan FOREIGN KEY (plan_id) REFERENCES plans (id)
		ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
