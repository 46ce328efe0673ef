/* Credits: POST /credit, GET /credit/{carteFid} and POST /allow_credit
 * (API.md §5). A ticket credits half its Montant to its card's client;
 * every amount is integer cents, the sums are SQL DECIMAL. SQL in db.c. */
#include "config.h"

#include "modules/loyalty/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/money.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

int64_t
loy_credit_of(int64_t montant)
{
	return cl_money_muldiv(montant, 1, 2);
}

struct credit_in {
	int64_t carteFid;
	int64_t Montant;
};

/* A card number and a positive amount of at most a billion per ticket,
 * so that a thousand tickets cannot pass DECIMAL(14,2). */
/* clang-format off */
static const struct cl_field credit_fields[] = {
	CL_INT("carteFid",  struct credit_in, carteFid, CL_REQUIRED, 1, INT64_C(999999999999)),
	CL_MONEY("Montant", struct credit_in, Montant,  CL_REQUIRED, 1, INT64_C(100000000000)),
	{ 0 }
};

struct credit_out {
	int64_t carteFid;
	int64_t Credit;
};
const struct cl_field loy_credit_out_fields[] = {
	CL_INT("carteFid", struct credit_out, carteFid, 0, 1, INT64_MAX),
	{ "Credit", CL_F_TOTAL, offsetof(struct credit_out, Credit), CL_READONLY, 0, 0, NULL, NULL },
	{ 0 }
};
/* clang-format on */

/* One card of a request: the sum credited to it and where it first
 * appeared (the reply's order). */
struct card_sum {
	int64_t card;
	int64_t cents;
	size_t first;
	int64_t total;
};

static int
cmp_card(const void *a, const void *b)
{
	const struct card_sum *x = a, *y = b;

	return (x->card > y->card) - (x->card < y->card);
}

static int
cmp_first(const void *a, const void *b)
{
	const struct card_sum *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* The tickets' credits summed per card, sorted by card: cards are then
 * locked in one order by every request, so two requests crediting the
 * same two cards queue instead of deadlocking. */
static struct card_sum *
sum_by_card(
    struct cl_arena *a, const struct credit_in *t, size_t n, size_t *ncards)
{
	struct card_sum *s = CL_NEW_ARRAY(a, struct card_sum, n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		s[i] = (struct card_sum){ t[i].carteFid,
			loy_credit_of(t[i].Montant), i, 0 };
	qsort(s, n, sizeof(*s), cmp_card);
	for (i = 0; i < n; i++) {
		if (k > 0 && s[k - 1].card == s[i].card) {
			s[k - 1].cents += s[i].cents;
			if (s[i].first < s[k - 1].first)
				s[k - 1].first = s[i].first;
			continue;
		}
		s[k++] = s[i];
	}
	*ncards = k;
	return s;
}

/* Names every ticket of card as unknown. */
static void
unknown_card(
    struct cl_req *r, const struct credit_in *t, size_t n, int64_t card)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].carteFid == card)
			cl_fail_field(r,
			    cl_arena_printf(
			        r->arena, "Tickets[%zu].carteFid", i),
			    "No client holds this carteFid.");
}

static cJSON *
render_totals(struct card_sum *s, size_t n)
{
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_CreateArray();
	size_t i;

	if (o == NULL || arr == NULL ||
	    !cJSON_AddItemToObject(o, "Tickets", arr))
		abort();
	qsort(s, n, sizeof(*s), cmp_first);
	for (i = 0; i < n; i++) {
		cJSON *e = cl_json_add_int(
		    cJSON_CreateObject(), "carteFid", s[i].card);

		if (!cJSON_AddItemToObject(
		        e, "Credit", cl_money_json_number(s[i].total)) ||
		    !cJSON_AddItemToArray(arr, e))
			abort();
	}
	return o;
}

/* POST /credit (API.md §5, loyalty:write): {"Tickets":[{carteFid,
 * Montant}]} → {"Tickets":[{"carteFid","Credit"}]}, one entry per card
 * in the order the cards first appear, Credit its new total. An unknown
 * card or a Montant <= 0 anywhere: 400 and nothing credited (CL_TX). */
int
loy_credit_create(struct cl_req *r)
{
	const cJSON *list =
	    cJSON_GetObjectItemCaseSensitive(r->json, "Tickets");
	struct credit_in *t;
	struct card_sum *s;
	size_t n, ncards, i;
	int rc;

	if (!cJSON_IsArray(list)) {
		cl_fail_field(r, "Tickets",
		    list ? "Expected a list of items."
		         : "This field is required.");
		return cl_fail_validation(r);
	}
	n = (size_t)cJSON_GetArraySize(list);
	if (n == 0 || n > LOY_CREDIT_MAX) {
		cl_fail_field(r, "Tickets", "Give 1 to 1000 tickets.");
		return cl_fail_validation(r);
	}
	t = loy_rows_read(r, list, credit_fields, sizeof(*t), NULL, "Tickets");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	s = sum_by_card(r->arena, t, n, &ncards);
	for (i = 0; i < ncards; i++) {
		rc = loy_card_credit(
		    r->db, r->arena, s[i].card, s[i].cents, &s[i].total);
		if (rc == CL_ENOTFOUND) {
			unknown_card(r, t, n, s[i].card);
			continue;
		}
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
	}
	if (cl_has_field_errors(r))
		return cl_fail_validation(r); /* CL_TX: rolled back */
	return cl_reply_json(r, 200, render_totals(s, ncards));
}

/* GET /credit/{carteFid} (API.md §5, loyalty:read): {"carteFid",
 * "Credit"}, Credit a number; a value that is no card number: 404. */
int
loy_credit_show(struct cl_req *r)
{
	const char *v = cl_req_param(r, "carteFid");
	struct loy_client c;
	int64_t card;
	cJSON *o;
	int rc;

	if (v == NULL || cl_parse_int(v, &card) != CL_OK || card < 1)
		return cl_fail(
		    r, 404, "not_found", "No client holds this carteFid.");
	rc = loy_client_get_by_card(r->db, r->arena, card, &c);
	if (rc == CL_ENOTFOUND)
		return cl_fail(
		    r, 404, "not_found", "No client holds this carteFid.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	o = cl_json_add_int(cJSON_CreateObject(), "carteFid", card);
	if (!cJSON_AddItemToObject(o, "Credit", cl_money_json_number(c.Credit)))
		abort();
	return cl_reply_json(r, 200, o);
}

struct allow_in {
	const char *idClient;
	int64_t Montant;
	const char *Date;
};

struct allow_out {
	const char *idClient;
	bool Allowed;
};

/* clang-format off */
const struct cl_field loy_allow_in_fields[] = {
	CL_STR("idClient",  struct allow_in, idClient, CL_REQUIRED, 36, 36),
	CL_MONEY("Montant", struct allow_in, Montant,  CL_REQUIRED, 1, CL_MONEY_MAX),
	CL_DATE("Date",     struct allow_in, Date,     CL_REQUIRED),
	{ 0 }
};
const struct cl_field loy_allow_out_fields[] = {
	CL_STR("idClient", struct allow_out, idClient, 0, 36, 36),
	CL_BOOL("Allowed", struct allow_out, Allowed, 0),
	{ 0 }
};
/* clang-format on */

/* POST /allow_credit (API.md §5, loyalty:write): {idClient, Montant,
 * Date} → 200 {"idClient","Allowed"} either way. The client row is
 * locked first, so two requests for one client decide one after the
 * other: the second sees the first's scheduled credit or refusal. */
int
loy_allow_credit_create(struct cl_req *r)
{
	struct allow_in in = { 0 };
	struct loy_client c;
	bool open = false, allowed;
	cJSON *o;
	int rc;

	rc = cl_fields_or_reply(
	    r, loy_allow_in_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (!loy_is_uuid(in.idClient)) {
		cl_fail_field(r, "idClient", "Must be a valid UUID.");
		return cl_fail_validation(r);
	}
	rc = loy_client_get_by_uuid(r->db, r->arena, in.idClient, true, &c);
	if (rc == CL_OK)
		rc = loy_credit_open_exists(r->db, r->arena, c.id, &open);
	if (rc == CL_ENOTFOUND)
		return cl_fail(
		    r, 404, "not_found", "No client has this idClient.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	allowed = c.Age >= 18 && c.NbRefus < 3 && !open;
	rc = allowed ? loy_credit_insert(r->db, c.id, in.Montant, in.Date)
	             : loy_client_refuse(r->db, c.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	o = cl_json_add_str(cJSON_CreateObject(), "idClient", c.IdClient);
	if (!cJSON_AddBoolToObject(o, "Allowed", allowed))
		abort();
	return cl_reply_json(r, 200, o);
}
