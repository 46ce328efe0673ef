/* Clients: GET /data, GET /data/{IdClient}, POST /data[/{IdClient}] (by
 * email), POST /create_customer and POST /cards (API.md §5). The column
 * table is the record; the SQL is in db.c. */
#include "config.h"

#include "modules/loyalty/internal.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/money.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

const char *const loy_sexes[] = { "h", "f", NULL };

/* Every client-settable column is CL_WRITE: the import's upsert rewrites
 * the stored row overlaid with the file's fields. IdClient is made by the
 * server (CL_INSERT only, never read from a body). */
/* clang-format off */
#define C struct loy_client
const struct cl_field loy_client_cols[] = {
	CL_COL_PK("id",                C, id),
	CL_COL_STR("IdClient",         C, IdClient,      CL_READONLY | CL_INSERT, 36, 36),
	CL_COL_STR("Nom",              C, Nom,           CL_REQUIRED | CL_WRITE, 1, 100),
	CL_COL_STR("Prenom",           C, Prenom,        CL_NULLABLE | CL_WRITE, 0, 100),
	CL_COL_MONEY("Credit",         C, Credit,        CL_WRITE, 0, CL_MONEY_MAX),
	CL_COL_DATE("Date_paiement",   C, Date_paiement, CL_NULLABLE | CL_WRITE),
	CL_COL_TOTAL("Montant",        C, Montant,       CL_WRITE),
	CL_COL_TOTAL("Paiement",       C, Paiement,      CL_WRITE),
	CL_COL_INT("NbRefus",          C, NbRefus,       CL_WRITE, 0, 1000000),
	CL_COL_STR("Compte",           C, Compte,        CL_NULLABLE | CL_WRITE, 1, 50),
	CL_COL_INT("Age",              C, Age,           CL_WRITE, 0, 130),
	CL_COL_ENUM("Sexe",            C, Sexe,          CL_NULLABLE | CL_WRITE, loy_sexes),
	CL_COL_EMAIL("Email",          C, Email,         CL_NULLABLE | CL_WRITE, 3, 254),
	CL_COL_STR("Phone",            C, Phone,         CL_NULLABLE | CL_WRITE, 3, 21),
	CL_COL_TOTAL("PanierMoyen",    C, PanierMoyen,   CL_WRITE),
	CL_COL_ID("carteFid",          C, carteFid,      CL_NULLABLE | CL_WRITE),
	{ 0 }
};
#undef C
/* clang-format on */

/* Age -1 is "not known" (sql/0040_loyalty.sql): null on the wire. */
static cJSON *
render_client(const void *row)
{
	const struct loy_client *c = row;
	cJSON *o = cl_cols_render(loy_client_cols, c);

	if (c->Age < 0 &&
	    !cJSON_ReplaceItemInObjectCaseSensitive(
	        o, "Age", cJSON_CreateNull()))
		abort();
	return o;
}

static const struct cl_key_error client_keys[] = {
	{ "loyalty_clients_compte", "Compte",
	    "A client with this Compte already exists." },
	{ "loyalty_clients_email", "Email",
	    "A client with this Email already exists." },
	{ "loyalty_clients_card", "carteFid",
	    "A client already holds this carteFid." },
	{ 0 }
};

const struct cl_resource loy_client_resource = {
	.noun = "client",
	.cols = loy_client_cols,
	.size = sizeof(struct loy_client),
	.sql = &loy_client_sql,
	.keys = client_keys,
	.render = render_client,
};

bool
loy_is_uuid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

bool
loy_is_phone(const char *s)
{
	size_t digits = 0;

	if (s == NULL)
		return false;
	if (*s == '+')
		s++;
	for (; *s; s++, digits++)
		if (*s < '0' || *s > '9')
			return false;
	return digits >= 3 && digits <= 20;
}

int
loy_uuid4(char *buf)
{
	unsigned char b[16];

	if (RAND_bytes(b, sizeof(b)) != 1)
		return CL_EIO;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(buf, LOY_UUID_BUF,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
	    b[11], b[12], b[13], b[14], b[15]);
	return CL_OK;
}

void
loy_client_check(struct cl_req *r, const struct loy_client *c,
    const char *prefix, const char *phone_field)
{
	if (c->Phone != NULL && !loy_is_phone(c->Phone))
		cl_fail_field(r,
		    cl_arena_printf(r->arena, "%s%s", prefix, phone_field),
		    "Enter digits, optionally after one leading +.");
}

/* The reply of GET /data/{IdClient} and POST /data: an array holding the
 * one client, as the seed shows. */
static int
reply_one(struct cl_req *r, const struct loy_client *c)
{
	cJSON *arr = cJSON_CreateArray();

	if (arr == NULL || !cJSON_AddItemToArray(arr, render_client(c)))
		abort();
	return cl_reply_json(r, 200, arr);
}

/* GET /data (API.md §5, loyalty:read): every client, ?search= on Nom,
 * Prenom and Email; a plain array (?limit=&offset=: the envelope). */
int
loy_clients_list(struct cl_req *r)
{
	return cl_resource_list(r, &loy_client_resource);
}

/* GET /data/{IdClient} (API.md §5, loyalty:read): [client]; a value that
 * is not a UUID names no client: 404. */
int
loy_clients_show(struct cl_req *r)
{
	const char *id = cl_req_param(r, "IdClient");
	struct loy_client c;
	int rc;

	if (!loy_is_uuid(id))
		return cl_fail(
		    r, 404, "not_found", "No client has this IdClient.");
	rc = loy_client_get_by_uuid(r->db, r->arena, id, false, &c);
	if (rc == CL_ENOTFOUND)
		return cl_fail(
		    r, 404, "not_found", "No client has this IdClient.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_one(r, &c);
}

struct email_in {
	const char *email;
};

/* clang-format off */
const struct cl_field loy_email_in_fields[] = {
	CL_EMAIL("email", struct email_in, email, CL_REQUIRED, 3, 254),
	{ 0 }
};
/* clang-format on */

/* POST /data, POST /data/{IdClient} (API.md §5, loyalty:read): {"email"}
 * → [client]; the path's segment is ignored, as the seed's was. */
int
loy_clients_by_email(struct cl_req *r)
{
	struct email_in in = { 0 };
	struct loy_client c;
	int rc;

	rc = cl_fields_or_reply(
	    r, loy_email_in_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = loy_client_get_by_email(r->db, r->arena, in.email, &c);
	if (rc == CL_ENOTFOUND)
		return cl_fail(
		    r, 404, "not_found", "No client has this email.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_one(r, &c);
}

struct create_in {
	const char *name;
	const char *last_name;
	const char *sexe;
	int64_t age;
	const char *mail;
	const char *phone;
	int64_t carteFid;
};

/* clang-format off */
#define I struct create_in
const struct cl_field loy_create_in_fields[] = {
	CL_STR("name",        I, name,      CL_REQUIRED, 1, 100),
	CL_STR("last_name",   I, last_name, CL_REQUIRED, 1, 100),
	{ "sexe", CL_F_ENUM, offsetof(I, sexe), CL_REQUIRED, 0, 0, NULL, loy_sexes },
	CL_INT("age",         I, age,       CL_REQUIRED, 0, 130),
	CL_EMAIL("mail",      I, mail,      CL_REQUIRED, 3, 254),
	CL_STR("phone",       I, phone,     CL_REQUIRED, 3, 21),
	CL_INT("carteFid",    I, carteFid,  CL_NULLABLE, 1, INT64_C(999999999999)),
	{ 0 }
};
#undef I

struct create_out {
	const char *idClient;
};
const struct cl_field loy_create_out_fields[] = {
	CL_STR("idClient", struct create_out, idClient, 0, 36, 36),
	{ 0 }
};
/* clang-format on */

/* POST /create_customer (API.md §5, loyalty:write): name → Prenom,
 * last_name → Nom; 200 {"idClient"}. A taken mail or carteFid: 400 on
 * that field. */
int
loy_clients_create(struct cl_req *r)
{
	struct create_in in = { 0 };
	struct loy_client c;
	char *uuid = cl_arena_alloc(r->arena, LOY_UUID_BUF);
	int rc;

	rc = cl_fields_or_reply(
	    r, loy_create_in_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	c = (struct loy_client){ .Nom = in.last_name,
		.Prenom = in.name,
		.Sexe = in.sexe,
		.Age = in.age,
		.Email = in.mail,
		.Phone = in.phone,
		.carteFid = in.carteFid };
	loy_client_check(r, &c, "", "phone");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	if (loy_uuid4(uuid) != CL_OK)
		return cl_fail_db(r, CL_EIO);
	c.IdClient = uuid;
	rc = cl_record_insert(r->db, r->arena, &loy_client_resource, &c);
	if (rc == CL_EDUP) {
		const char *key = cl_db_error_key(r->db);

		if (strcmp(key, "loyalty_clients_email") == 0)
			cl_fail_field(r, "mail",
			    "A client with this mail already exists.");
		else if (strcmp(key, "loyalty_clients_card") == 0)
			cl_fail_field(r, "carteFid",
			    "A client already holds this carteFid.");
		else
			return cl_fail(r, 409, "conflict", "Try again.");
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(
	    r, 200, cl_json_add_str(cJSON_CreateObject(), "idClient", uuid));
}

struct card_in {
	const char *idClient;
};

struct card_out {
	int64_t carteFid;
};

/* clang-format off */
const struct cl_field loy_card_in_fields[] = {
	CL_STR("idClient", struct card_in, idClient, CL_REQUIRED, 36, 36),
	{ 0 }
};
const struct cl_field loy_card_out_fields[] = {
	CL_INT("carteFid", struct card_out, carteFid, 0, 1, INT64_MAX),
	{ 0 }
};
/* clang-format on */

/* Draws numbers until one no client holds (numbers given by
 * create_customer or an import may sit in the sequence's way). */
static int
issue_card(struct cl_req *r, int64_t id, int64_t *card)
{
	int rc = CL_EDUP, tries;

	for (tries = 0; tries < 100 && rc == CL_EDUP; tries++) {
		if ((rc = loy_card_next(r->db, r->arena, card)) != CL_OK)
			return rc;
		rc = loy_client_set_card(r->db, id, *card);
	}
	return rc;
}

/* POST /cards (API.md §5, loyalty:write): {idClient} → 201 {"carteFid"}.
 * The client row is locked, so two requests for one client issue one
 * card; the second is a 409. */
int
loy_cards_create(struct cl_req *r)
{
	struct card_in in = { 0 };
	struct loy_client c;
	int64_t card = 0;
	int rc;

	rc = cl_fields_or_reply(
	    r, loy_card_in_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (!loy_is_uuid(in.idClient)) {
		cl_fail_field(r, "idClient", "Must be a valid UUID.");
		return cl_fail_validation(r);
	}
	rc = loy_client_get_by_uuid(r->db, r->arena, in.idClient, true, &c);
	if (rc == CL_ENOTFOUND)
		return cl_fail(
		    r, 404, "not_found", "No client has this idClient.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (c.carteFid != 0)
		return cl_fail(r, 409, "card_exists",
		    "This client already holds a loyalty card.");
	if ((rc = issue_card(r, c.id, &card)) != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(
	    r, 201, cl_json_add_int(cJSON_CreateObject(), "carteFid", card));
}
