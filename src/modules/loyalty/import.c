/* Import: POST /update_db (API.md §5) loads clients from {"clients":[...]}
 * (JSON) or a CSV body with those column names (text/csv, a header row,
 * RFC 4180 quoting, parsed by libcsv), upserting by Compte, in the
 * request's one transaction. Every row is checked before anything is
 * written, and every bad one is named (clients[3].Email, rows[3].Email);
 * any problem writes nothing. At most LOY_IMPORT_MAX rows, within the body
 * limit. SQL in db.c. */
#include "config.h"

#include "modules/loyalty/internal.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/money.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

/* What a file may set: every column but id and IdClient. Montant,
 * Paiement and PanierMoyen are read as money here (the column table
 * renders them as numbers and never reads them from a body). */
/* clang-format off */
#define C struct loy_client
const struct cl_field loy_import_fields[] = {
	CL_STR("Nom",            C, Nom,           CL_REQUIRED, 1, 100),
	CL_STR("Prenom",         C, Prenom,        CL_NULLABLE, 0, 100),
	CL_MONEY("Credit",       C, Credit,        0, 0, CL_MONEY_MAX),
	CL_DATE("Date_paiement", C, Date_paiement, CL_NULLABLE),
	CL_MONEY("Montant",      C, Montant,       0, 0, CL_MONEY_MAX),
	CL_MONEY("Paiement",     C, Paiement,      0, 0, CL_MONEY_MAX),
	CL_INT("NbRefus",        C, NbRefus,       0, 0, 1000000),
	CL_STR("Compte",         C, Compte,        CL_NULLABLE, 1, 50),
	CL_INT("Age",            C, Age,           0, 0, 130),
	{ "Sexe", CL_F_ENUM, offsetof(C, Sexe), CL_NULLABLE, 0, 0, NULL, loy_sexes },
	CL_EMAIL("Email",        C, Email,         CL_NULLABLE, 3, 254),
	CL_STR("Phone",          C, Phone,         CL_NULLABLE, 3, 21),
	CL_MONEY("PanierMoyen",  C, PanierMoyen,   0, 0, CL_MONEY_MAX),
	CL_INT("carteFid",       C, carteFid,      CL_NULLABLE, 1, INT64_C(999999999999)),
	{ 0 }
};
#undef C

struct import_out {
	int64_t created;
	int64_t updated;
};
const struct cl_field loy_import_out_fields[] = {
	CL_INT("created", struct import_out, created, 0, 0, INT64_MAX),
	CL_INT("updated", struct import_out, updated, 0, 0, INT64_MAX),
	{ 0 }
};
/* clang-format on */

static const struct loy_client import_defaults = { .Age = -1 };

static cJSON *
new_object(struct cl_arena *a)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		abort();
	cl_arena_defer(a, cl_json_free, o);
	return o;
}

void *
loy_rows_read(struct cl_req *r, const cJSON *list,
    const struct cl_field *fields, size_t size, const void *defaults,
    const char *prefix)
{
	size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
	char *rows = cl_arena_alloc(r->arena, size * (n + 1));
	cJSON *errors = new_object(r->arena), *item, *p;
	const cJSON *o;

	cJSON_ArrayForEach(o, list)
	{
		char *dst = rows + i * size;
		const char *path =
		    cl_arena_printf(r->arena, "%s[%zu]", prefix, i++);

		if (defaults != NULL)
			memcpy(dst, defaults, size);
		if (!cJSON_IsObject(o)) {
			cl_fail_field(r, path, "Expected an object.");
			continue;
		}
		if (cl_fields_read(r->arena, fields, o, dst, CL_FIELDS_FULL,
		        NULL, errors) == CL_OK)
			continue;
		cJSON_ArrayForEach(item, errors) cJSON_ArrayForEach(p, item)
		    cl_fail_field(r,
		        cl_arena_printf(r->arena, "%s.%s", path, item->string),
		        p->valuestring);
		errors = new_object(r->arena); /* the next row's */
	}
	return rows;
}

/* CSV to the JSON rows the checks read: one object per data row, keyed by
 * the header's names, each non-empty cell a string (an empty one is a
 * value not given, as an absent key is in JSON). */
struct csv_state {
	struct cl_req *r;
	cJSON *rows; /* the data rows */
	cJSON *row; /* the row being read, NULL before its first cell */
	const char **header; /* the column names */
	size_t ncols;
	size_t cap;
	size_t col; /* cells read in this line */
	size_t line; /* data rows finished */
	bool in_header;
	bool bad;
};

static bool
is_column(const char *name)
{
	const struct cl_field *f;

	for (f = loy_import_fields; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return true;
	return false;
}

static void
header_cell(struct csv_state *s, const char *v)
{
	size_t i;

	if (!is_column(v)) {
		cl_fail_field(s->r, "header",
		    cl_arena_printf(s->r->arena,
		        "Unknown column \"%.60s\": the first line must name "
		        "the "
		        "columns (Nom, Prenom, Credit, ...).",
		        v));
		s->bad = true;
	}
	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->header[i], v) == 0) {
			cl_fail_field(s->r, "header",
			    cl_arena_printf(s->r->arena,
			        "Column \"%.60s\" is named twice.", v));
			s->bad = true;
		}
	if (s->ncols == s->cap) {
		const char **h =
		    CL_NEW_ARRAY(s->r->arena, const char *, s->cap * 2 + 16);

		if (s->ncols)
			memcpy(h, s->header, sizeof(*h) * s->ncols);
		s->header = h;
		s->cap = s->cap * 2 + 16;
	}
	s->header[s->ncols++] = cl_arena_strdup(s->r->arena, v);
}

static void
on_cell(void *field, size_t len, void *data)
{
	struct csv_state *s = data;
	const char *v = field ? field : "";

	(void)len; /* CSV_APPEND_NULL: v is NUL-terminated */
	if (s->in_header) {
		header_cell(s, v);
		return;
	}
	if (s->row == NULL) {
		s->row = cJSON_CreateObject();
		if (s->row == NULL || !cJSON_AddItemToArray(s->rows, s->row))
			abort();
	}
	if (s->col < s->ncols && *v != '\0' &&
	    !cJSON_AddStringToObject(s->row, s->header[s->col], v))
		abort();
	s->col++;
}

static void
on_row(int terminator, void *data)
{
	struct csv_state *s = data;

	(void)terminator;
	if (s->in_header) {
		s->in_header = false;
		return;
	}
	if (s->col != s->ncols) {
		cl_fail_field(s->r,
		    cl_arena_printf(s->r->arena, "rows[%zu]", s->line),
		    cl_arena_printf(s->r->arena,
		        "This row has %zu fields; the header has %zu.", s->col,
		        s->ncols));
		s->bad = true;
	}
	s->row = NULL;
	s->col = 0;
	s->line++;
}

/* The CSV body as rows, or NULL with the problems recorded. A leading
 * UTF-8 byte order mark (spreadsheets write one) is skipped; CRLF and LF
 * both end a line; a quoted cell may hold commas, quotes ("") and line
 * ends. */
static cJSON *
csv_rows(struct cl_req *r)
{
	struct csv_state s = { .r = r, .in_header = true };
	struct csv_parser p;
	const char *body = r->body;
	size_t len = r->body_len, used;
	bool failed;

	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		len -= 3;
	}
	if (!cl_utf8_valid(body, len)) {
		cl_fail_field(r, "rows", "The file is not valid UTF-8.");
		return NULL;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	s.rows = cJSON_CreateArray();
	if (s.rows == NULL)
		abort();
	cl_arena_defer(r->arena, cl_json_free, s.rows);
	used = csv_parse(&p, body, len, on_cell, on_row, &s);
	failed = used != len || csv_fini(&p, on_cell, on_row, &s) != 0;
	csv_free(&p);
	if (failed) {
		/* s.line data rows were finished: the bad one is the next. */
		cl_fail_field(r,
		    s.in_header
		        ? "header"
		        : cl_arena_printf(r->arena, "rows[%zu]", s.line),
		    "Malformed CSV: a quote is not closed, or text follows a "
		    "closing quote.");
		return NULL;
	}
	if (s.ncols == 0) {
		cl_fail_field(r, "header",
		    "The file needs a header line naming "
		    "the columns.");
		return NULL;
	}
	return s.bad ? NULL : s.rows;
}

/* The body as a JSON object, as CL_JSON_BODY would check it (this route
 * takes CSV too, so dispatch cannot). */
static const cJSON *
json_rows(struct cl_req *r, int *status)
{
	const cJSON *list;
	cJSON *doc;

	if (!cl_utf8_valid(r->body, r->body_len)) {
		*status = cl_fail(
		    r, 400, "invalid_json", "The body is not valid UTF-8.");
		return NULL;
	}
	doc = cJSON_ParseWithLength(r->body, r->body_len);
	if (doc == NULL) {
		*status = cl_fail(
		    r, 400, "invalid_json", "The body is not valid JSON.");
		return NULL;
	}
	cl_arena_defer(r->arena, cl_json_free, doc);
	if (!cJSON_IsObject(doc)) {
		*status = cl_fail(
		    r, 400, "invalid_json", "The body must be a JSON object.");
		return NULL;
	}
	list = cJSON_GetObjectItemCaseSensitive(doc, "clients");
	if (!cJSON_IsArray(list)) {
		cl_fail_field(r, "clients",
		    list ? "Expected a list of items."
		         : "This field is required.");
		*status = cl_fail_validation(r);
		return NULL;
	}
	return list;
}

static bool
is_type(const char *ct, const char *want)
{
	size_t n = strlen(want);

	if (ct == NULL)
		return false;
	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

struct by_key {
	const char *key;
	size_t i;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct by_key *x = a, *y = b;
	int c = strcasecmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* A Compte, Email or carteFid given twice in the file: each later one is
 * a problem (which of the two rows should win is not the server's guess). */
static void
check_twice(struct cl_req *r, const struct loy_client *c, size_t n,
    const char *prefix, const char *field)
{
	struct by_key *k = CL_NEW_ARRAY(r->arena, struct by_key, n + 1);
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		const char *v = strcmp(field, "Compte") == 0 ? c[i].Compte
		    : strcmp(field, "Email") == 0            ? c[i].Email
		    : c[i].carteFid ? cl_arena_printf(r->arena, "%lld",
		                          (long long)c[i].carteFid)
		                    : NULL;

		if (v != NULL)
			k[m++] = (struct by_key){ v, i };
	}
	qsort(k, m, sizeof(*k), cmp_key);
	for (i = 1; i < m; i++)
		if (strcasecmp(k[i].key, k[i - 1].key) == 0)
			cl_fail_field(r,
			    cl_arena_printf(
			        r->arena, "%s[%zu].%s", prefix, k[i].i, field),
			    "Given twice in this import.");
}

/* The field a unique key MariaDB named is about. */
static const char *
key_field(const char *key)
{
	if (strcmp(key, "loyalty_clients_compte") == 0)
		return "Compte";
	if (strcmp(key, "loyalty_clients_email") == 0)
		return "Email";
	if (strcmp(key, "loyalty_clients_card") == 0)
		return "carteFid";
	return NULL;
}

/* The stored clients of the file's Comptes, locked, sorted by Compte for
 * find_stored: one SELECT per LOY_LOOKUP_BATCH rows rather than one per
 * row. */
struct stored {
	struct loy_client *v;
	size_t n;
};

static int
cmp_compte(const void *a, const void *b)
{
	const struct loy_client *x = a, *y = b;

	return strcasecmp(x->Compte, y->Compte);
}

static int
lookup_all(
    struct cl_req *r, const struct loy_client *c, size_t n, struct stored *st)
{
	const char *batch[LOY_LOOKUP_BATCH];
	struct loy_client *got;
	size_t i = 0, k, ngot;
	int rc;

	st->v = CL_NEW_ARRAY(r->arena, struct loy_client, n + 1);
	st->n = 0;
	while (i < n) {
		for (k = 0; i < n && k < LOY_LOOKUP_BATCH; i++)
			if (c[i].Compte != NULL)
				batch[k++] = c[i].Compte;
		if (k == 0)
			break;
		rc = loy_clients_by_comptes_for_update(
		    r->db, r->arena, batch, k, &got, &ngot);
		if (rc != CL_OK)
			return rc;
		if (st->n + ngot >
		    n) /* a Compte matching two rows: impossible */
			CL_BUG("import lookup: %zu clients for %zu rows",
			    st->n + ngot, n);
		memcpy(st->v + st->n, got, ngot * sizeof(*got));
		st->n += ngot;
	}
	qsort(st->v, st->n, sizeof(*st->v), cmp_compte);
	return CL_OK;
}

/* The stored client of compte, or NULL. strcasecmp is close to, not the
 * same as, the column's collation; a client it misses is found by the
 * insert's unique key (write_row). */
static struct loy_client *
find_stored(const struct stored *st, const char *compte)
{
	struct loy_client key = { .Compte = compte };

	return bsearch(&key, st->v, st->n, sizeof(*st->v), cmp_compte);
}

/* The file's fields over a stored client, written. */
static int
update_stored(struct cl_req *r, struct loy_client *stored, const cJSON *obj,
    struct import_out *out)
{
	cJSON *errors = new_object(r->arena);
	int rc;

	if (cl_fields_read(r->arena, loy_import_fields, obj, stored,
	        CL_FIELDS_PARTIAL, NULL, errors) != CL_OK)
		CL_BUG("an import row checked once fails twice");
	rc = cl_record_update(r->db, r->arena, &loy_client_resource, stored);
	out->updated += rc == CL_OK;
	return rc;
}

/* One row: an update of the client with its Compte, else an insert. */
static int
write_row(struct cl_req *r, const struct stored *st, struct loy_client *c,
    const cJSON *obj, struct import_out *out)
{
	struct loy_client *found =
	    c->Compte ? find_stored(st, c->Compte) : NULL;
	struct loy_client stored;
	char *uuid;
	int rc;

	if (found != NULL)
		return update_stored(r, found, obj, out);
	uuid = cl_arena_alloc(r->arena, LOY_UUID_BUF);
	if ((rc = loy_uuid4(uuid)) != CL_OK)
		return rc;
	c->IdClient = uuid;
	rc = cl_record_insert(r->db, r->arena, &loy_client_resource, c);
	if (rc == CL_EDUP && c->Compte != NULL &&
	    strcmp(cl_db_error_key(r->db), "loyalty_clients_compte") == 0) {
		/* Equal to a stored Compte by the collation only. */
		rc = loy_client_get_by_compte_for_update(
		    r->db, r->arena, c->Compte, &stored);
		return rc == CL_OK ? update_stored(r, &stored, obj, out) : rc;
	}
	out->created += rc == CL_OK;
	return rc;
}

/* Writes every row; a taken Email or carteFid is recorded under its row
 * and the writing goes on, so that all of them are named. */
static int
write_all(struct cl_req *r, struct loy_client *c, const cJSON *list,
    const char *prefix, struct import_out *out)
{
	const cJSON *obj;
	struct stored st;
	size_t i = 0;
	int rc;

	rc = lookup_all(r, c, (size_t)cJSON_GetArraySize(list), &st);
	if (rc != CL_OK)
		return rc;
	cJSON_ArrayForEach(obj, list)
	{
		rc = write_row(r, &st, &c[i], obj, out);
		if (rc == CL_EDUP &&
		    key_field(cl_db_error_key(r->db)) != NULL) {
			const char *f = key_field(cl_db_error_key(r->db));

			cl_fail_field(r,
			    cl_arena_printf(
			        r->arena, "%s[%zu].%s", prefix, i, f),
			    cl_arena_printf(r->arena,
			        "Another client already has this %s.", f));
		} else if (rc != CL_OK) {
			return rc;
		}
		i++;
	}
	return CL_OK;
}

/* POST /update_db (API.md §5, loyalty:write): JSON {"clients":[...]} or
 * text/csv → 200 {"created":N,"updated":M}; all or nothing. */
int
loy_import_create(struct cl_req *r)
{
	const char *prefix = "clients";
	const cJSON *list;
	struct import_out out = { 0 };
	struct loy_client *c;
	size_t n, i;
	int status = 0, rc;

	if (r->body == NULL || r->body_len == 0)
		return cl_fail(r, 400, "invalid_body",
		    "Send {\"clients\":[...]} as JSON or a CSV file.");
	if (is_type(r->content_type, "application/json")) {
		if ((list = json_rows(r, &status)) == NULL)
			return status;
	} else if (is_type(r->content_type, "text/csv")) {
		prefix = "rows";
		if ((list = csv_rows(r)) == NULL)
			return cl_fail_validation(r);
	} else {
		return cl_fail(r, 415, "unsupported_media_type",
		    "The body must be application/json or text/csv.");
	}
	n = (size_t)cJSON_GetArraySize(list);
	if (n > LOY_IMPORT_MAX) {
		cl_fail_field(r, prefix, "At most 10000 rows per import.");
		return cl_fail_validation(r);
	}
	c = loy_rows_read(
	    r, list, loy_import_fields, sizeof(*c), &import_defaults, prefix);
	for (i = 0; i < n; i++)
		loy_client_check(r, &c[i],
		    cl_arena_printf(r->arena, "%s[%zu].", prefix, i), "Phone");
	check_twice(r, c, n, prefix, "Compte");
	check_twice(r, c, n, prefix, "Email");
	check_twice(r, c, n, prefix, "carteFid");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	if ((rc = write_all(r, c, list, prefix, &out)) != CL_OK)
		return cl_fail_db(r, rc);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r); /* CL_TX: rolled back */
	return cl_reply_json(r, 200,
	    cl_json_add_int(
	        cl_json_add_int(cJSON_CreateObject(), "created", out.created),
	        "updated", out.updated));
}
