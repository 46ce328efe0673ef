-- Module loyalty (API.md §5, seed 003): retail clients with their loyalty
-- cards, scheduled credits, and till tickets with their articles. The
-- column names are the seed's JSON keys (IdClient, Nom, carteFid, ...),
-- so the column tables of src/modules/loyalty/ name them once.
--
-- Money is DECIMAL(14,2) throughout. Credit is changed only by
-- "SET Credit = Credit + ?" (POST /credit), so two credits to one card at
-- once queue on the row lock and neither is lost.

-- IdClient: a version 4 UUID from OpenSSL's RAND_bytes (never a counter).
-- loyalty_clients_compte: the import's upsert key, unique when present
-- (NULLs do not collide). loyalty_clients_email: one client per address
-- (the collation makes it case-insensitive). loyalty_clients_card: a
-- card is one client's. GET /data lists by id; ?search= is a substring
-- match (LIKE '%x%'), which no index serves. Age -1 is "not known"
-- (rendered null): the column tables have no null for numbers, and a
-- client imported without an age is refused credit like a minor.
CREATE TABLE loyalty_clients (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	IdClient           CHAR(36) CHARACTER SET ascii NOT NULL,
	Nom                VARCHAR(100) NOT NULL,
	Prenom             VARCHAR(100) NULL,
	Credit             DECIMAL(14,2) NOT NULL DEFAULT 0,
	Date_paiement      DATE NULL,
	Montant            DECIMAL(14,2) NOT NULL DEFAULT 0,
	Paiement           DECIMAL(14,2) NOT NULL DEFAULT 0,
	NbRefus            INT NOT NULL DEFAULT 0,
	Compte             VARCHAR(50) NULL,
	Age                INT NOT NULL DEFAULT -1,
	Sexe               CHAR(1) NULL,
	Email              VARCHAR(254) NULL,
	Phone              VARCHAR(32) NULL,
	PanierMoyen        DECIMAL(14,2) NOT NULL DEFAULT 0,
	carteFid           BIGINT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY loyalty_clients_idclient (IdClient),
	UNIQUE KEY loyalty_clients_compte (Compte),
	UNIQUE KEY loyalty_clients_email (Email),
	UNIQUE KEY loyalty_clients_card (carteFid),
	CONSTRAINT loyalty_clients_sexe CHECK (Sexe IN ('h', 'f')),
	CONSTRAINT loyalty_clients_age CHECK (Age BETWEEN -1 AND 130),
	CONSTRAINT loyalty_clients_card_positive CHECK (carteFid >= 1),
	CONSTRAINT loyalty_clients_refus CHECK (NbRefus >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Card numbers POST /cards issues. A number a client was given by
-- create_customer or the import is skipped (the unique key refuses it and
-- the next one is drawn).
CREATE SEQUENCE loyalty_card_numbers START WITH 100001 INCREMENT BY 1
	NOCACHE ENGINE=InnoDB;

-- Scheduled credits (POST /allow_credit): open while Date is today or
-- later. loyalty_credits_client: the "no open credit" check reads a
-- client's rows by (client_id, Date).
CREATE TABLE loyalty_credits (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	client_id          BIGINT NOT NULL,
	Montant            DECIMAL(14,2) NOT NULL,
	Date               DATE NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY loyalty_credits_client (client_id, Date),
	CONSTRAINT loyalty_credits_client FOREIGN KEY (client_id)
		REFERENCES loyalty_clients (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tickets (POST /tickets, GET /get_tickets, newest first).
-- loyalty_tickets_client: ?client= and the client's average ticket;
-- loyalty_tickets_date: the unfiltered list's order.
CREATE TABLE loyalty_tickets (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	client_id          BIGINT NOT NULL,
	date               DATETIME(6) NOT NULL,
	prix               DECIMAL(14,2) NOT NULL,
	pointsFidelite     BIGINT NOT NULL,
	modePaiement       VARCHAR(10) NOT NULL,
	origin             VARCHAR(12) NOT NULL,
	created_at         DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY loyalty_tickets_client (client_id, date),
	KEY loyalty_tickets_date (date),
	CONSTRAINT loyalty_tickets_client FOREIGN KEY (client_id)
		REFERENCES loyalty_clients (id) ON DELETE CASCADE,
	CONSTRAINT loyalty_tickets_mode
		CHECK (modePaiement IN ('CASH', 'CARD', 'CHEQUE', 'VOUCHER')),
	CONSTRAINT loyalty_tickets_origin CHECK (origin IN ('store', 'e-commerce'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A ticket's articles, in the order given (id).
CREATE TABLE loyalty_articles (
	id                 BIGINT NOT NULL AUTO_INCREMENT,
	ticket_id          BIGINT NOT NULL,
	codeProduit        VARCHAR(64) NOT NULL,
	prixAvant          DECIMAL(14,2) NOT NULL,
	prixApres          DECIMAL(14,2) NOT NULL,
	promo              INT NOT NULL,
	quantity           INT NOT NULL,
	PRIMARY KEY (id),
	KEY loyalty_articles_ticket (ticket_id),
	CONSTRAINT loyalty_articles_ticket FOREIGN KEY (ticket_id)
		REFERENCES loyalty_tickets (id) ON DELETE CASCADE,
	CONSTRAINT loyalty_articles_promo CHECK (promo BETWEEN 0 AND 100),
	CONSTRAINT loyalty_articles_quantity CHECK (quantity >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
