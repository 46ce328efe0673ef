/* Tickets: POST /tickets and GET /get_tickets (API.md §5). A ticket's
 * prices are computed here in integer cents (prixApres, prix,
 * pointsFidelite); the client's Montant, Paiement, Date_paiement and
 * PanierMoyen follow in the same transaction. SQL in db.c. */
#include "config.h"

#include "modules/loyalty/internal.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

const char *const loy_payment_modes[] = { "CASH", "CARD", "CHEQUE", "VOUCHER",
	NULL };
const char *const loy_origins[] = { "store", "e-commerce", NULL };

/* clang-format off */
#define T struct loy_ticket_row
const struct cl_field loy_ticket_cols[] = {
	CL_COL_PK("id",                 T, id),
	CL_COL_DATETIME("date",         T, date,           0),
	CL_COL_TOTAL("prix",            T, prix,           0),
	CL_COL_STR("client",            T, client,         CL_READONLY, 36, 36),
	CL_COL_INT("pointsFidelite",    T, pointsFidelite, CL_READONLY, 0, INT64_MAX),
	CL_COL_ENUM("modePaiement",     T, modePaiement,   CL_READONLY, loy_payment_modes),
	CL_COL_ENUM("origin",           T, origin,         CL_READONLY, loy_origins),
	CL_COL_STR("articles",          T, articles,       CL_READONLY | CL_HIDDEN, 0, 0),
	{ 0 }
};
#undef T

/* The body of POST /tickets; articles are read by article_fields. */
#define I struct loy_ticket
static const struct cl_field ticket_fields[] = {
	CL_STR("client",      I, client,       CL_REQUIRED, 36, 36),
	CL_STR("date",        I, date,         0, 10, 32),
	{ "modePaiement", CL_F_ENUM, offsetof(I, modePaiement), CL_REQUIRED, 0, 0, NULL, loy_payment_modes },
	{ "origin", CL_F_ENUM, offsetof(I, origin), CL_REQUIRED, 0, 0, NULL, loy_origins },
	{ 0 }
};
#undef I
#define A struct loy_article
static const struct cl_field article_fields[] = {
	CL_STR("codeProduit", A, codeProduit, CL_REQUIRED, 1, 64),
	CL_MONEY("prixAvant", A, prixAvant,   CL_REQUIRED, 0, INT64_C(1000000000)),
	CL_INT("promo",       A, promo,       0, 0, 100),
	CL_INT("quantity",    A, quantity,    CL_REQUIRED, 1, 100000),
	{ 0 }
};
#undef A
/* clang-format on */

int64_t
loy_price_after(int64_t prix_avant, int64_t promo)
{
	return cl_money_muldiv(prix_avant, 100 - promo, 100);
}

int64_t
loy_points_of(int64_t prix)
{
	return prix / 1000; /* cents: floor(prix / 10) units, prix >= 0 */
}

/* n digits of s, as a number in lo..hi. */
static bool
digits(const char *s, size_t n, int lo, int hi)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi;
}

/* "YYYY-MM-DD", or that with "THH:MM:SS", an optional fraction of up to
 * six digits and an optional "Z" (UTC, as the seed's dates are), as
 * MariaDB DATETIME text from a; NULL when it is none of those. */
static const char *
ticket_date(struct cl_arena *a, const char *s)
{
	int64_t day;
	size_t len = strlen(s), frac = 0;
	char d[CL_DATE_BUF];
	const char *rest;

	if (len < 10)
		return NULL;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (cl_date_parse(d, &day) != CL_OK)
		return NULL;
	if (len == 10)
		return cl_arena_printf(a, "%s 00:00:00", d);
	if (len < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    !digits(s + 11, 2, 0, 23) || !digits(s + 14, 2, 0, 59) ||
	    !digits(s + 17, 2, 0, 59))
		return NULL;
	rest = s + 19;
	if (*rest == '.') {
		rest++;
		while (isdigit((unsigned char)rest[frac]))
			frac++;
		if (frac == 0 || frac > 6)
			return NULL;
	}
	if (strcmp(rest + frac, "") != 0 && strcmp(rest + frac, "Z") != 0)
		return NULL;
	return cl_arena_printf(
	    a, "%s %.8s%s%.*s", d, s + 11, frac ? "." : "", (int)frac, s + 20);
}

/* The articles of the body into t, their prices computed; problems go to
 * r's field errors. */
static void
read_articles(struct cl_req *r, struct loy_ticket *t)
{
	const cJSON *list =
	    cJSON_GetObjectItemCaseSensitive(r->json, "articles");
	size_t i;

	if (!cJSON_IsArray(list)) {
		cl_fail_field(r, "articles",
		    list ? "Expected a list of items."
		         : "This field is required.");
		return;
	}
	t->narticles = (size_t)cJSON_GetArraySize(list);
	if (t->narticles == 0 || t->narticles > LOY_ARTICLES_MAX) {
		cl_fail_field(r, "articles", "Give 1 to 1000 articles.");
		return;
	}
	t->articles = loy_rows_read(
	    r, list, article_fields, sizeof(*t->articles), NULL, "articles");
	t->prix = 0;
	for (i = 0; i < t->narticles; i++) {
		struct loy_article *ar = &t->articles[i];

		ar->prixApres = loy_price_after(ar->prixAvant, ar->promo);
		t->prix += ar->prixApres * ar->quantity;
	}
	if (t->prix > CL_MONEY_MAX)
		cl_fail_field(
		    r, "articles", "The ticket's total is too large.");
	t->pointsFidelite = loy_points_of(t->prix);
}

static cJSON *
render_article(const struct loy_article *ar)
{
	cJSON *o = cl_json_add_str(
	    cJSON_CreateObject(), "codeProduit", ar->codeProduit);

	if (!cJSON_AddItemToObject(
	        o, "prixAvant", cl_money_json_number(ar->prixAvant)) ||
	    !cJSON_AddItemToObject(
	        o, "prixApres", cl_money_json_number(ar->prixApres)))
		abort();
	cl_json_add_int(o, "promo", ar->promo);
	return cl_json_add_int(o, "quantity", ar->quantity);
}

/* A row with its articles (takes articles, a JSON array). */
static cJSON *
render_ticket(const struct loy_ticket_row *row, cJSON *articles)
{
	cJSON *o = cl_cols_render(loy_ticket_cols, row);

	if (!cJSON_AddItemToObject(o, "articles", articles))
		abort();
	return o;
}

/* The articles MariaDB aggregated, with the prices in the form POST
 * /tickets gives them (two decimals). */
static cJSON *
stored_articles(const char *json)
{
	cJSON *in = cJSON_Parse(json), *arr = cJSON_CreateArray(), *e;

	if (arr == NULL)
		abort();
	cJSON_ArrayForEach(e, in)
	{
		struct loy_article ar = { .codeProduit =
			                      cl_json_str(e, "codeProduit") };

		if (cl_money_from_json(
		        cJSON_GetObjectItemCaseSensitive(e, "prixAvant"),
		        &ar.prixAvant) != CL_OK ||
		    cl_money_from_json(
		        cJSON_GetObjectItemCaseSensitive(e, "prixApres"),
		        &ar.prixApres) != CL_OK ||
		    !cl_json_int(cJSON_GetObjectItemCaseSensitive(e, "promo"),
		        &ar.promo) ||
		    !cl_json_int(
		        cJSON_GetObjectItemCaseSensitive(e, "quantity"),
		        &ar.quantity))
			continue; /* the schema's types make this impossible */
		if (!cJSON_AddItemToArray(arr, render_article(&ar)))
			abort();
	}
	cJSON_Delete(in);
	return arr;
}

/* POST /tickets (API.md §5, loyalty:write): 201 with the ticket as
 * stored. An unknown client: 400 naming client. */
int
loy_tickets_create(struct cl_req *r)
{
	struct loy_ticket t = { 0 };
	struct loy_client c;
	struct loy_ticket_row row;
	cJSON *articles;
	size_t i;
	int rc;

	rc = cl_fields_or_reply(r, ticket_fields, &t, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (!loy_is_uuid(t.client))
		cl_fail_field(r, "client", "Must be a valid UUID.");
	if (t.date != NULL && (t.date = ticket_date(r->arena, t.date)) == NULL)
		cl_fail_field(r, "date",
		    "Datetime has wrong format. Use "
		    "YYYY-MM-DDThh:mm:ss[.uuuuuu]Z.");
	read_articles(r, &t);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	rc = loy_client_get_by_uuid(r->db, r->arena, t.client, true, &c);
	if (rc == CL_ENOTFOUND) {
		cl_fail_field(r, "client", "No client has this IdClient.");
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	t.client_id = c.id;
	if ((rc = loy_ticket_insert(r->db, r->arena, &t)) != CL_OK)
		return cl_fail_db(r, rc);
	row = (struct loy_ticket_row){ .id = t.id,
		.date = t.date,
		.prix = t.prix,
		.client = c.IdClient,
		.pointsFidelite = t.pointsFidelite,
		.modePaiement = t.modePaiement,
		.origin = t.origin };
	if ((articles = cJSON_CreateArray()) == NULL)
		abort();
	for (i = 0; i < t.narticles; i++)
		if (!cJSON_AddItemToArray(
		        articles, render_article(&t.articles[i])))
			abort();
	return cl_reply_json(r, 201, render_ticket(&row, articles));
}

/* GET /get_tickets (API.md §5, loyalty:read): {"tickets":[...]}, newest
 * first, ?client= one client's (not a UUID: 400); at most 1000, windowed
 * by ?limit=&offset=. */
int
loy_tickets_list(struct cl_req *r)
{
	const char *client = cl_req_query(r, "client");
	struct cl_list_query q;
	struct loy_ticket_row *rows;
	void *out;
	cJSON *body, *arr;
	size_t n, i;
	int rc;

	if (client != NULL && !loy_is_uuid(client)) {
		cl_fail_field(r, "client", "Must be a valid UUID.");
		return cl_fail_validation(r);
	}
	if ((rc = cl_list_or_reply(r, &loy_ticket_list, &q)) != 0)
		return rc;
	q.enveloped =
	    false; /* the seed's {"tickets":[...]} whatever is asked */
	rc = cl_list_fetch(
	    r->db, r->arena, &q, loy_ticket_cols, sizeof(*rows), &out, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	rows = out;
	body = cJSON_CreateObject();
	arr = cJSON_CreateArray();
	if (body == NULL || arr == NULL ||
	    !cJSON_AddItemToObject(body, "tickets", arr))
		abort();
	for (i = 0; i < n; i++)
		if (!cJSON_AddItemToArray(arr,
		        render_ticket(
		            &rows[i], stored_articles(rows[i].articles))))
			abort();
	return cl_reply_json(r, 200, body);
}
