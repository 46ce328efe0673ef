-- Demo data of module loyalty (seed 003): a dozen clients, each with a
-- loyalty card (the seed's 33 and 42 among them), one minor and one with
-- three refusals (so POST /allow_credit refuses them), and six tickets
-- with their articles, priced by API.md §5's formulas. Loaded by
-- `clientelectl load` on the first start of script/server; safe to load
-- again (INSERT IGNORE on IdClient, ticket and article ids; the totals
-- are recomputed from the tickets). The IdClients are version 4 UUIDs
-- drawn once for this file.
INSERT IGNORE INTO loyalty_clients (IdClient, Nom, Prenom, Credit, NbRefus,
	Compte, Age, Sexe, Email, Phone, carteFid) VALUES
	('7171a5c6-c4ee-4df8-8719-3ad108f493ce', 'Bloggs', 'Jacquie', 420.00, 0, 'BKN1CST53', 42, 'h', 'jacquie@mimi.demo', '0102030405', 33),
	('63ba4c0e-46cc-4403-aa7e-2c89fc014f5a', 'Bloggs', 'Michelle', 780.00, 1, 'BKN1CST83', 42, 'f', 'michelle@mimi.demo', '0102089405', 42),
	('23ef994c-3ee9-45df-963c-7ee3b589fd8e', 'Eddison', 'Jean', 12.50, 0, 'BKN1CST18', 35, 'h', 'jean.eddison@demo.local', '+33638614907', 101),
	('0d0768c5-55a8-46fe-80fb-04443e28e8e4', 'Sarkozy', 'Marc', 0.00, 0, 'BKN1CST51', 58, 'h', 'marc.sarkozy@demo.local', '+33611223344', 102),
	('5626d597-f542-4d13-9606-a504b85d21cd', 'Eddison', 'Anne', 154.62, 0, 'BKN1CST54', 29, 'f', 'anne.eddison@demo.local', '0611223355', 103),
	('01c21110-ad7b-47a7-aa27-edb4296f1d80', 'Martin', 'Léa', 3.00, 0, 'BKN1CST60', 17, 'f', 'lea.martin@demo.local', '0611223366', 104),
	('308d5f56-e42b-4144-8e37-229e912723ec', 'Bernard', 'Hugo', 0.00, 3, 'BKN1CST61', 63, 'h', 'hugo.bernard@demo.local', '0611223377', 105),
	('c0e9932f-a0c4-4d52-8922-0a665396aba6', 'Petit', 'Chloé', 25.00, 0, 'BKN1CST62', 24, 'f', 'chloe.petit@demo.local', '0611223388', 106),
	('18fe3c4b-9658-457e-8778-09462da7a7fd', 'Durand', 'Louis', 8.75, 0, 'BKN1CST63', 45, 'h', 'louis.durand@demo.local', '0611223399', 107),
	('58a7661d-0e9c-4761-84c3-09c2864bec4a', 'Leroy', 'Emma', 61.20, 0, 'BKN1CST64', 31, 'f', 'emma.leroy@demo.local', '0622334455', 108),
	('a3ded27b-1376-4fcc-876d-f8e49577f04a', 'Moreau', 'Gabriel', 0.00, 2, 'BKN1CST65', 52, 'h', 'gabriel.moreau@demo.local', '0622334466', 109),
	('513938c8-fb42-4ac0-840a-8153b559d8c8', 'Fournier', 'Jade', 99.90, 0, 'BKN1CST66', 38, 'f', 'jade.fournier@demo.local', '0622334477', 110);

-- Tickets: (id, client, date, prix, pointsFidelite, mode, origin); prix is
-- the sum of the articles' prixApres x quantity below, the points
-- floor(prix / 10).
INSERT IGNORE INTO loyalty_tickets (id, client_id, date, prix, pointsFidelite,
	modePaiement, origin)
	SELECT d.id, c.id, d.date, d.prix, d.points, d.mode, d.origin
	FROM (SELECT 1 AS id, '7171a5c6-c4ee-4df8-8719-3ad108f493ce' AS client,
		'2019-10-09 17:01:29.408701' AS date, 824.00 AS prix, 82 AS points,
		'CASH' AS mode, 'e-commerce' AS origin
	UNION ALL SELECT 2, '7171a5c6-c4ee-4df8-8719-3ad108f493ce',
		'2019-10-09 18:03:45.408701', 36.00, 3, 'CARD', 'e-commerce'
	UNION ALL SELECT 3, '63ba4c0e-46cc-4403-aa7e-2c89fc014f5a',
		'2019-01-18 10:00:00', 360.00, 36, 'CARD', 'store'
	UNION ALL SELECT 4, '23ef994c-3ee9-45df-963c-7ee3b589fd8e',
		'2020-05-19 12:30:00', 45.90, 4, 'CHEQUE', 'store'
	UNION ALL SELECT 5, '0d0768c5-55a8-46fe-80fb-04443e28e8e4',
		'2021-03-02 09:15:00', 79.99, 7, 'VOUCHER', 'e-commerce'
	UNION ALL SELECT 6, '5626d597-f542-4d13-9606-a504b85d21cd',
		'2022-07-14 16:45:00', 50.00, 5, 'CASH', 'store') d
	JOIN loyalty_clients c ON c.IdClient = d.client;

INSERT IGNORE INTO loyalty_articles (id, ticket_id, codeProduit, prixAvant,
	prixApres, promo, quantity) VALUES
	(1, 1, 'X1-0', 800.00, 400.00, 50, 2),
	(2, 1, 'X1-9', 48.00, 24.00, 50, 1),
	(3, 2, 'X1-4', 36.00, 18.00, 50, 2),
	(4, 3, 'A-100', 120.00, 120.00, 0, 3),
	(5, 4, 'B-7', 25.50, 22.95, 10, 2),
	(6, 5, 'C-3', 99.99, 79.99, 20, 1),
	(7, 6, 'D-1', 10.00, 10.00, 0, 5);

-- The totals POST /tickets keeps, from the demo clients' tickets.
UPDATE loyalty_clients c
	JOIN (SELECT t.client_id, SUM(t.prix) AS total, ROUND(AVG(t.prix), 2) AS avg,
		MAX(t.date) AS last FROM loyalty_tickets t
		GROUP BY t.client_id) s ON s.client_id = c.id
	JOIN loyalty_tickets lt ON lt.client_id = c.id AND lt.date = s.last
	SET c.Montant = s.total, c.PanierMoyen = s.avg, c.Paiement = lt.prix,
	c.Date_paiement = DATE(s.last)
	WHERE c.Compte LIKE 'BKN1CST%';
