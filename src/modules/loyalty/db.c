/* Module loyalty: all of its SQL. The client's statements name the
 * columns of loy_client_cols (clients.c) in order, the ticket list those
 * of loy_ticket_cols (tickets.c); tests/unit/loyalty/test_sql.c holds
 * every statement to its table. */
#include "config.h"

#include "modules/loyalty/internal.h"

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/banned.h"

/* Clients. */

#define CLIENT_COLUMNS                                                         \
	"c.id, c.IdClient, c.Nom, c.Prenom, c.Credit, c.Date_paiement, "       \
	"c.Montant, c.Paiement, c.NbRefus, c.Compte, c.Age, c.Sexe, c.Email, " \
	"c.Phone, c.PanierMoyen, c.carteFid"

static struct cl_stmt client_get_sql =
    CL_STMT("SELECT " CLIENT_COLUMNS " FROM loyalty_clients c WHERE c.id = ?");

static struct cl_stmt client_get_for_update_sql =
    CL_STMT("SELECT " CLIENT_COLUMNS
            " FROM loyalty_clients c WHERE c.id = ? FOR UPDATE");

static struct cl_stmt client_insert_sql = CL_STMT(
    "INSERT INTO loyalty_clients (IdClient, Nom, Prenom, Credit, "
    "Date_paiement, Montant, Paiement, NbRefus, Compte, Age, Sexe, Email, "
    "Phone, PanierMoyen, carteFid) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt client_update_sql =
    CL_STMT("UPDATE loyalty_clients SET Nom = ?, Prenom = ?, Credit = ?, "
            "Date_paiement = ?, Montant = ?, Paiement = ?, NbRefus = ?, "
            "Compte = ?, Age = ?, Sexe = ?, Email = ?, Phone = ?, "
            "PanierMoyen = ?, carteFid = ?, updated_at = UTC_TIMESTAMP(6) "
            "WHERE id = ?");

/* clang-format off */
static const char *const client_search[] = {
	"c.Nom", "c.Prenom", "c.Email", NULL,
};

static const struct cl_ordering client_orderings[] = {
	{ "id", "c.id" },
	{ "Nom", "c.Nom" },
	{ "Prenom", "c.Prenom" },
	{ "Credit", "c.Credit" },
	{ "Montant", "c.Montant" },
	{ "Date_paiement", "c.Date_paiement" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec client_list = {
	.select = "SELECT " CLIENT_COLUMNS " FROM loyalty_clients c",
	.count = "SELECT COUNT(*) FROM loyalty_clients c",
	.search = client_search,
	.orderings = client_orderings,
	.order = "c.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 1000,
};

const struct cl_resource_sql loy_client_sql = {
	.get = &client_get_sql,
	.get_for_update = &client_get_for_update_sql,
	.insert = &client_insert_sql,
	.update = &client_update_sql,
	.list = &client_list,
};

static int
client_one(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    struct cl_bind key, struct loy_client *out)
{
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, st, &key, 1, &rows);
	if (rc != CL_OK)
		return rc;
	return cl_cols_read(loy_client_cols, &rows, 0, out);
}

static struct cl_stmt client_by_uuid_sql = CL_STMT(
    "SELECT " CLIENT_COLUMNS " FROM loyalty_clients c WHERE c.IdClient = ?");
static struct cl_stmt client_by_uuid_for_update_sql =
    CL_STMT("SELECT " CLIENT_COLUMNS
            " FROM loyalty_clients c WHERE c.IdClient = ? FOR UPDATE");

int
loy_client_get_by_uuid(struct cl_db *db, struct cl_arena *a, const char *uuid,
    bool for_update, struct loy_client *out)
{
	if (for_update && !cl_db_in_tx(db))
		CL_BUG("loy_client_get_by_uuid: a locking read outside a "
		       "transaction");
	return client_one(db, a,
	    for_update ? &client_by_uuid_for_update_sql : &client_by_uuid_sql,
	    cl_bind_str(uuid), out);
}

static struct cl_stmt client_by_email_sql = CL_STMT(
    "SELECT " CLIENT_COLUMNS " FROM loyalty_clients c WHERE c.Email = ?");

int
loy_client_get_by_email(struct cl_db *db, struct cl_arena *a, const char *email,
    struct loy_client *out)
{
	return client_one(db, a, &client_by_email_sql, cl_bind_str(email), out);
}

static struct cl_stmt client_by_compte_for_update_sql =
    CL_STMT("SELECT " CLIENT_COLUMNS
            " FROM loyalty_clients c WHERE c.Compte = ? FOR UPDATE");

int
loy_client_get_by_compte_for_update(struct cl_db *db, struct cl_arena *a,
    const char *compte, struct loy_client *out)
{
	if (!cl_db_in_tx(db))
		CL_BUG("loy_client_get_by_compte_for_update: outside a "
		       "transaction");
	return client_one(
	    db, a, &client_by_compte_for_update_sql, cl_bind_str(compte), out);
}

/* LOY_LOOKUP_BATCH Comptes per statement: one fixed text, padded with
 * NULLs (which match nothing), prepared once per connection. */
#define Q5 "?, ?, ?, ?, ?"
#define Q25 Q5 ", " Q5 ", " Q5 ", " Q5 ", " Q5
#define Q100 Q25 ", " Q25 ", " Q25 ", " Q25
static struct cl_stmt clients_by_comptes_for_update_sql =
    CL_STMT("SELECT " CLIENT_COLUMNS " FROM loyalty_clients c "
            "WHERE c.Compte IN (" Q100 ") FOR UPDATE");

int
loy_clients_by_comptes_for_update(struct cl_db *db, struct cl_arena *a,
    const char *const *comptes, size_t n, struct loy_client **out, size_t *nout)
{
	struct cl_bind p[LOY_LOOKUP_BATCH];
	struct cl_rows rows;
	void *all;
	size_t i;
	int rc;

	if (!cl_db_in_tx(db) || n > LOY_LOOKUP_BATCH)
		CL_BUG("loy_clients_by_comptes_for_update: %zu outside a "
		       "transaction or over the batch",
		    n);
	for (i = 0; i < LOY_LOOKUP_BATCH; i++)
		p[i] = i < n ? cl_bind_str(comptes[i]) : CL_BIND_NULL;
	rc = cl_db_query(
	    db, a, &clients_by_comptes_for_update_sql, p, CL_NELEMS(p), &rows);
	if (rc != CL_OK)
		return rc;
	rc = cl_cols_read_all(
	    a, loy_client_cols, &rows, sizeof(struct loy_client), &all);
	*out = all;
	*nout = rows.nrows;
	return rc;
}

static struct cl_stmt client_by_card_sql = CL_STMT(
    "SELECT " CLIENT_COLUMNS " FROM loyalty_clients c WHERE c.carteFid = ?");

int
loy_client_get_by_card(
    struct cl_db *db, struct cl_arena *a, int64_t card, struct loy_client *out)
{
	return client_one(db, a, &client_by_card_sql, cl_bind_int(card), out);
}

/* Cards. */

static struct cl_stmt card_next_sql =
    CL_STMT("SELECT NEXTVAL(loyalty_card_numbers)");

int
loy_card_next(struct cl_db *db, struct cl_arena *a, int64_t *card)
{
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &card_next_sql, NULL, 0, &rows);
	if (rc != CL_OK)
		return rc;
	*card = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt client_set_card_sql =
    CL_STMT("UPDATE loyalty_clients SET carteFid = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

int
loy_client_set_card(struct cl_db *db, int64_t id, int64_t card)
{
	struct cl_bind p[] = { cl_bind_int(card), cl_bind_int(id) };

	return cl_db_exec_one(db, &client_set_card_sql, p, CL_NELEMS(p));
}

/* Credits. The UPDATE takes the row lock and adds in one statement; the
 * locking read after it sees the total this transaction made. */

static struct cl_stmt card_credit_sql =
    CL_STMT("UPDATE loyalty_clients SET Credit = Credit + ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE carteFid = ?");
static struct cl_stmt card_total_sql =
    CL_STMT("SELECT Credit FROM loyalty_clients WHERE carteFid = ? FOR UPDATE");

int
loy_card_credit(struct cl_db *db, struct cl_arena *a, int64_t card,
    int64_t cents, int64_t *total)
{
	char buf[CL_MONEY_BUF];
	struct cl_bind p[] = { cl_bind_str(cl_money_format(cents, buf)),
		cl_bind_int(card) };
	struct cl_rows rows;
	int rc;

	if (!cl_db_in_tx(db))
		CL_BUG("loy_card_credit: outside a transaction");
	rc = cl_db_exec_one(db, &card_credit_sql, p, CL_NELEMS(p));
	if (rc != CL_OK)
		return rc;
	rc = cl_db_query_row(db, a, &card_total_sql, &p[1], 1, &rows);
	if (rc != CL_OK)
		return rc;
	return cl_money_parse(cl_rows_str(&rows, 0, 0), total) == CL_OK
	    ? CL_OK
	    : CL_EDB;
}

static struct cl_stmt credit_open_sql =
    CL_STMT("SELECT COUNT(*) FROM loyalty_credits "
            "WHERE client_id = ? AND Date >= UTC_DATE() FOR UPDATE");

int
loy_credit_open_exists(
    struct cl_db *db, struct cl_arena *a, int64_t id, bool *exists)
{
	struct cl_bind p = cl_bind_int(id);
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &credit_open_sql, &p, 1, &rows);
	if (rc != CL_OK)
		return rc;
	*exists = cl_rows_int(&rows, 0, 0) > 0;
	return CL_OK;
}

static struct cl_stmt credit_insert_sql = CL_STMT(
    "INSERT INTO loyalty_credits (client_id, Montant, Date) VALUES (?, ?, ?)");

int
loy_credit_insert(struct cl_db *db, int64_t id, int64_t cents, const char *date)
{
	char buf[CL_MONEY_BUF];
	struct cl_bind p[] = { cl_bind_int(id),
		cl_bind_str(cl_money_format(cents, buf)), cl_bind_str(date) };

	return cl_db_exec(db, &credit_insert_sql, p, CL_NELEMS(p), NULL, NULL);
}

static struct cl_stmt client_refuse_sql =
    CL_STMT("UPDATE loyalty_clients SET NbRefus = NbRefus + 1, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

int
loy_client_refuse(struct cl_db *db, int64_t id)
{
	struct cl_bind p = cl_bind_int(id);

	return cl_db_exec_one(db, &client_refuse_sql, &p, 1);
}

/* Tickets. */

static struct cl_stmt ticket_insert_sql = CL_STMT(
    "INSERT INTO loyalty_tickets (client_id, date, prix, pointsFidelite, "
    "modePaiement, origin) "
    "VALUES (?, COALESCE(?, UTC_TIMESTAMP(6)), ?, ?, ?, ?)");
static struct cl_stmt ticket_date_sql =
    CL_STMT("SELECT date FROM loyalty_tickets WHERE id = ?");
static struct cl_stmt article_insert_sql =
    CL_STMT("INSERT INTO loyalty_articles (ticket_id, codeProduit, "
            "prixAvant, prixApres, promo, quantity) "
            "VALUES (?, ?, ?, ?, ?, ?)");
/* Paiement and Date_paiement follow the newest ticket (a ticket entered
 * late for an older date leaves them); Paiement is assigned first, while
 * Date_paiement still holds its old value, which is also what MariaDB's
 * SIMULTANEOUS_ASSIGNMENT mode would read. */
static struct cl_stmt ticket_client_sql = CL_STMT(
    "UPDATE loyalty_clients c SET Montant = Montant + ?, "
    "Paiement = IF(Date_paiement IS NULL OR Date_paiement <= DATE(?), ?, "
    "Paiement), "
    "Date_paiement = IF(Date_paiement IS NULL OR Date_paiement <= DATE(?), "
    "DATE(?), Date_paiement), "
    "PanierMoyen = (SELECT ROUND(AVG(t.prix), 2) FROM loyalty_tickets t "
    "WHERE t.client_id = c.id), "
    "updated_at = UTC_TIMESTAMP(6) WHERE c.id = ?");

static int
articles_insert(
    struct cl_db *db, struct cl_arena *a, const struct loy_ticket *t)
{
	size_t i;
	int rc;

	for (i = 0; i < t->narticles; i++) {
		const struct loy_article *ar = &t->articles[i];
		struct cl_bind p[] = { cl_bind_int(t->id),
			cl_bind_str(ar->codeProduit),
			cl_bind_str(cl_money_format(
			    ar->prixAvant, cl_arena_alloc(a, CL_MONEY_BUF))),
			cl_bind_str(cl_money_format(
			    ar->prixApres, cl_arena_alloc(a, CL_MONEY_BUF))),
			cl_bind_int(ar->promo), cl_bind_int(ar->quantity) };

		rc = cl_db_exec(
		    db, &article_insert_sql, p, CL_NELEMS(p), NULL, NULL);
		if (rc != CL_OK)
			return rc;
	}
	return CL_OK;
}

int
loy_ticket_insert(struct cl_db *db, struct cl_arena *a, struct loy_ticket *t)
{
	char prix[CL_MONEY_BUF];
	struct cl_bind p[] = { cl_bind_int(t->client_id), cl_bind_str(t->date),
		cl_bind_str(cl_money_format(t->prix, prix)),
		cl_bind_int(t->pointsFidelite), cl_bind_str(t->modePaiement),
		cl_bind_str(t->origin) };
	struct cl_rows rows;
	struct cl_bind id;
	uint64_t insert_id = 0;
	int rc;

	rc = cl_db_exec(
	    db, &ticket_insert_sql, p, CL_NELEMS(p), NULL, &insert_id);
	if (rc != CL_OK)
		return rc;
	t->id = (int64_t)insert_id;
	id = cl_bind_int(t->id);
	rc = cl_db_query_row(db, a, &ticket_date_sql, &id, 1, &rows);
	if (rc != CL_OK)
		return rc;
	t->date = cl_rows_str(&rows, 0, 0);
	if ((rc = articles_insert(db, a, t)) != CL_OK)
		return rc;
	{
		struct cl_bind q[] = { cl_bind_str(prix), cl_bind_str(t->date),
			cl_bind_str(prix), cl_bind_str(t->date),
			cl_bind_str(t->date), cl_bind_int(t->client_id) };

		return cl_db_exec_one(db, &ticket_client_sql, q, CL_NELEMS(q));
	}
}

#define TICKET_COLUMNS                                                         \
	"t.id, t.date, t.prix, cl.IdClient AS client, t.pointsFidelite, "      \
	"t.modePaiement, t.origin, "                                           \
	"COALESCE((SELECT JSON_ARRAYAGG(JSON_OBJECT('codeProduit', "           \
	"a.codeProduit, 'prixAvant', a.prixAvant, 'prixApres', a.prixApres, "  \
	"'promo', a.promo, 'quantity', a.quantity) ORDER BY a.id) "            \
	"FROM loyalty_articles a WHERE a.ticket_id = t.id), '[]') AS articles"
#define TICKET_FROM                                                            \
	" FROM loyalty_tickets t JOIN loyalty_clients cl ON cl.id = "          \
	"t.client_id"

/* clang-format off */
static const struct cl_filter ticket_filters[] = {
	{ .param = "client", .type = CL_FILTER_STR, .sql = "cl.IdClient = ?" },
	{ 0 }
};
/* clang-format on */

const struct cl_list_spec loy_ticket_list = {
	.select = "SELECT " TICKET_COLUMNS TICKET_FROM,
	.count = "SELECT COUNT(*)" TICKET_FROM,
	.filters = ticket_filters,
	.order = "t.date DESC, t.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 1000,
};

const struct loy_sql_check loy_sql_checks[] = { { loy_client_cols,
	                                            &client_get_sql.sql },
	{ loy_client_cols, &client_get_for_update_sql.sql },
	{ loy_client_cols, &client_insert_sql.sql },
	{ loy_client_cols, &client_update_sql.sql },
	{ loy_client_cols, &client_by_uuid_sql.sql },
	{ loy_client_cols, &client_by_uuid_for_update_sql.sql },
	{ loy_client_cols, &client_by_email_sql.sql },
	{ loy_client_cols, &client_by_compte_for_update_sql.sql },
	{ loy_client_cols, &clients_by_comptes_for_update_sql.sql },
	{ loy_client_cols, &client_by_card_sql.sql },
	{ loy_client_cols, &client_list.select },
	{ loy_ticket_cols, &loy_ticket_list.select }, { 0 } };
