/* List requests: parameters checked against the spec into conditions and
 * binds (pure), then the count and the window of rows, then the answer in
 * the spec's pagination. The SQL text is the spec's fragments joined in a
 * fixed order, so equal requests give equal text and share one prepared
 * statement (cl_db_query_text). */
#include "config.h"

#include "core/listing.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define MAX_ORDER_TERMS 3

static void
problem(struct cl_arena *a, cJSON *errors, const char *field, const char *text)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(errors, field);
	cJSON *s;

	if (list == NULL &&
	    (list = cJSON_AddArrayToObject(errors, field)) == NULL)
		abort();
	s = cJSON_CreateString(cl_arena_strdup(a, text));
	if (s == NULL || !cJSON_AddItemToArray(list, s))
		abort();
}

static int
parse_bool(const char *s, bool *v)
{
	if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
		*v = true;
	else if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
		*v = false;
	else
		return CL_EINVAL;
	return CL_OK;
}

/* The text of the allowed values, "a, b, c", for problem sentences. */
static const char *
joined(struct cl_arena *a, const char *const *values)
{
	const char *s = "";

	for (; values && *values; values++)
		s = cl_arena_printf(a, "%s%s%s", s, *s ? ", " : "", *values);
	return s;
}

/* Accumulates conditions and binds while the parameters are read. */
struct builder {
	struct cl_arena *a;
	const char *where;
	struct cl_bind *binds;
	size_t nbinds;
	const char *full; /* the parameter whose values did not fit */
	const char *param; /* the parameter being read */
};

static void
cond(struct builder *b, const char *sql)
{
	b->where = cl_arena_printf(
	    b->a, "%s%s%s", b->where, *b->where ? " AND " : " WHERE ", sql);
}

static void
bind(struct builder *b, struct cl_bind v)
{
	if (b->nbinds == CL_LIST_BINDS) {
		if (b->full == NULL)
			b->full = b->param;
		return;
	}
	b->binds[b->nbinds++] = v;
}

/* A comma list of enum values: "IN (?, ?)" with one bind each. */
static int
read_enum_list(struct builder *b, const struct cl_filter *f, const char *v)
{
	const char *marks = "";
	char *copy = cl_arena_strdup(b->a, v), *p = copy, *comma;
	size_t n = 0;

	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!cl_is_one_of(p, f->values))
			return CL_EINVAL;
		bind(b, cl_bind_str(p));
		marks = cl_arena_printf(b->a, "%s%s?", marks, n++ ? ", " : "");
		if (!comma)
			break;
		p = comma + 1;
	}
	cond(b, cl_arena_printf(b->a, "%s (%s)", f->sql, marks));
	return CL_OK;
}

static void
read_filter(struct builder *b, struct cl_list_query *q,
    const struct cl_filter *f, const char *v, cJSON *errors)
{
	int64_t n;
	bool t;

	switch (f->type) {
	case CL_FILTER_STR:
		bind(b, cl_bind_str(v));
		break;
	case CL_FILTER_INT:
		if (cl_parse_int(v, &n) != CL_OK) {
			problem(
			    b->a, errors, f->param, "Enter a whole number.");
			return;
		}
		bind(b, cl_bind_int(n));
		break;
	case CL_FILTER_ID:
		if (cl_parse_int(v, &n) != CL_OK || n < 1) {
			problem(b->a, errors, f->param,
			    "Select a valid choice. That choice is not one of "
			    "the available choices.");
			return;
		}
		if (f->exists && q->ncheck < CL_NELEMS(q->check)) {
			q->check[q->ncheck] = f;
			q->check_id[q->ncheck++] = n;
		}
		bind(b, cl_bind_int(n));
		break;
	case CL_FILTER_BOOL:
		if (parse_bool(v, &t) != CL_OK) {
			problem(b->a, errors, f->param, "Enter true or false.");
			return;
		}
		bind(b, CL_BIND_BOOL(t));
		break;
	case CL_FILTER_ENUM:
		if (!cl_is_one_of(v, f->values)) {
			problem(b->a, errors, f->param,
			    cl_arena_printf(b->a,
			        "Select a valid choice. %s is not one of the "
			        "available choices (%s).",
			        v, joined(b->a, f->values)));
			return;
		}
		bind(b, cl_bind_str(v));
		break;
	case CL_FILTER_ENUM_LIST:
		if (read_enum_list(b, f, v) != CL_OK)
			problem(b->a, errors, f->param,
			    cl_arena_printf(b->a,
			        "Select valid choices, separated by commas, "
			        "from: %s.",
			        joined(b->a, f->values)));
		return;
	case CL_FILTER_DATE:
		if (cl_date_parse(v, &n) != CL_OK) {
			problem(b->a, errors, f->param,
			    "Enter a valid date (YYYY-MM-DD).");
			return;
		}
		bind(b, cl_bind_str(v));
		break;
	}
	cond(b, f->sql);
}

char *
cl_like_pattern(struct cl_arena *a, const char *s)
{
	char *out = cl_arena_alloc(a, strlen(s) * 2 + 3), *o = out;

	*o++ = '%';
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

static void
read_search(struct builder *b, const struct cl_list_spec *spec, const char *v,
    cJSON *errors)
{
	const char *const *col;
	const char *pattern, *sql = "";

	if (spec->search == NULL || *v == '\0')
		return;
	if (cl_utf8_len(v) > CL_SEARCH_MAX) {
		problem(b->a, errors, "search",
		    cl_arena_printf(b->a,
		        "Ensure this value has at most %d characters.",
		        CL_SEARCH_MAX));
		return;
	}
	pattern = cl_like_pattern(b->a, v);
	for (col = spec->search; *col; col++) {
		sql = cl_arena_printf(b->a, "%s%s%s LIKE ? ESCAPE '!'", sql,
		    *sql ? " OR " : "", *col);
		bind(b, cl_bind_str(pattern));
	}
	cond(b, cl_arena_printf(b->a, "(%s)", sql));
}

static const struct cl_ordering *
find_ordering(const struct cl_list_spec *spec, const char *name)
{
	const struct cl_ordering *o;

	for (o = spec->orderings; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

static const char *
allowed_orderings(struct cl_arena *a, const struct cl_list_spec *spec)
{
	const struct cl_ordering *o;
	const char *s = "";

	for (o = spec->orderings; o && o->name; o++)
		s = cl_arena_printf(
		    a, "%s%s%s, -%s", s, *s ? ", " : "", o->name, o->name);
	return *s ? s : "none";
}

/* ?ordering=a,-b: each term from the allowlist, then the default order
 * as the tie-break, so pages never overlap or skip rows. */
static void
read_ordering(struct cl_arena *a, const struct cl_list_spec *spec,
    const char *v, struct cl_list_query *q, cJSON *errors)
{
	char *copy = cl_arena_strdup(a, v), *p = copy, *comma;
	const char *by = "";
	bool desc = false;
	int terms = 0;

	for (;;) {
		const struct cl_ordering *o;
		char *name = p;

		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		desc = *name == '-';
		if (desc)
			name++;
		o = find_ordering(spec, name);
		if (++terms > MAX_ORDER_TERMS) {
			problem(a, errors, "ordering",
			    cl_arena_printf(a,
			        "At most %d ordering fields are allowed.",
			        MAX_ORDER_TERMS));
			return;
		}
		if (o == NULL) {
			problem(a, errors, "ordering",
			    cl_arena_printf(a,
			        "Unknown ordering \"%s\"; allowed: %s.", p,
			        allowed_orderings(a, spec)));
			return;
		}
		by = cl_arena_printf(a, "%s%s%s%s", by, *by ? ", " : "", o->sql,
		    desc ? " DESC" : "");
		if (!comma)
			break;
		p = comma + 1;
	}
	/* The tie-break runs the way the last term does: an index on
	 * (created_at) holds (created_at, id), so "created_at DESC, id DESC"
	 * walks it backwards and stops at the LIMIT, where "created_at DESC,
	 * id" sorts every matching row first (150 ms against 20 ms over
	 * 100,000 customers). */
	q->order_by = cl_arena_printf(
	    a, " ORDER BY %s, %s%s", by, spec->order, desc ? " DESC" : "");
}

static void
read_window(struct cl_arena *a, const struct cl_list_spec *spec,
    const struct cl_kvlist *query, struct cl_list_query *q, cJSON *errors)
{
	int64_t max = spec->max > 0 ? spec->max : CL_LIST_MAX;
	const char *limit = cl_kvlist_get(query, "limit");
	const char *offset = cl_kvlist_get(query, "offset");

	q->limit = max;
	q->offset = 0;
	if (limit == NULL)
		return;
	q->enveloped = true;
	if (cl_parse_int(limit, &q->limit) != CL_OK || q->limit < 1 ||
	    q->limit > max)
		problem(a, errors, "limit",
		    cl_arena_printf(a,
		        "Ensure this value is a whole number from 1 to %lld.",
		        (long long)max));
	if (offset != NULL &&
	    (cl_parse_int(offset, &q->offset) != CL_OK || q->offset < 0))
		problem(a, errors, "offset",
		    "Ensure this value is a whole number of at least 0.");
}

int
cl_list_parse(struct cl_arena *a, const struct cl_list_spec *spec,
    const struct cl_kvlist *query, struct cl_list_query *q, cJSON *errors)
{
	struct builder b = { .a = a, .where = "" };
	const struct cl_filter *f;
	const char *v;
	int before = cJSON_GetArraySize(errors);

	memset(q, 0, sizeof(*q));
	q->spec = spec;
	b.binds = CL_NEW_ARRAY(a, struct cl_bind, CL_LIST_BINDS);
	for (f = spec->filters; f && f->param; f++)
		if (f->sql != NULL && (v = cl_kvlist_get(query, f->param)) != NULL) {
			b.param = f->param;
			read_filter(&b, q, f, v, errors);
		}
	b.param = "search";
	if ((v = cl_kvlist_get(query, "search")) != NULL)
		read_search(&b, spec, v, errors);
	q->order_by = cl_arena_printf(a, " ORDER BY %s", spec->order);
	/* No orderings: the route has no such parameter, ignored as search
	 * is. An empty table refuses every ordering. */
	if (spec->orderings != NULL &&
	    (v = cl_kvlist_get(query, "ordering")) != NULL && *v != '\0')
		read_ordering(a, spec, v, q, errors);
	if (spec->pagination == CL_LIMIT_OFFSET)
		read_window(a, spec, query, q, errors);
	if (b.full)
		problem(a, errors, b.full, "Too many values.");
	q->where = b.where;
	q->binds = b.binds;
	q->nbinds = b.nbinds;
	return cJSON_GetArraySize(errors) > before ? CL_EINVAL : CL_OK;
}

void
cl_list_scope(struct cl_arena *a, struct cl_list_query *q, const char *sql,
    struct cl_bind v)
{
	cl_list_where(a, q, sql, &v, 1);
}

void
cl_list_where(struct cl_arena *a, struct cl_list_query *q, const char *sql,
    const struct cl_bind *v, size_t n)
{
	struct cl_bind *binds = CL_NEW_ARRAY(a, struct cl_bind, q->nbinds + n);

	if (n)
		memcpy(binds, v, sizeof(*binds) * n);
	if (q->nbinds)
		memcpy(binds + n, q->binds, sizeof(*binds) * q->nbinds);
	q->binds = binds;
	q->nbinds += n;
	/* " WHERE a = ?" becomes " WHERE scope AND a = ?". */
	q->where = *q->where ? cl_arena_printf(a, " WHERE %s AND%s", sql,
	                           q->where + strlen(" WHERE"))
	                     : cl_arena_printf(a, " WHERE %s", sql);
}

int
cl_list_or_reply(
    struct cl_req *r, const struct cl_list_spec *spec, struct cl_list_query *q)
{
	cJSON *errors = cJSON_CreateObject(), *item, *p;
	int rc;

	if (errors == NULL)
		abort();
	cl_arena_defer(r->arena, cl_json_free, errors);
	rc = cl_list_parse(r->arena, spec, &r->query, q, errors);
	if (rc == CL_OK && spec->scope)
		cl_list_scope(
		    r->arena, q, spec->scope, cl_bind_int(r->caller.user_id));
	if (rc == CL_OK && spec->pagination == CL_PAGE_NUMBER) {
		rc = cl_page_or_reply(r, &q->page);
		if (rc != 0)
			return rc;
		q->enveloped = true;
		q->limit = q->page.size;
		q->offset = q->page.offset;
		return 0;
	}
	if (rc == CL_OK)
		return 0;
	cJSON_ArrayForEach(item, errors) cJSON_ArrayForEach(p, item)
	    cl_fail_field(r, item->string, p->valuestring);
	return cl_fail_validation(r);
}

static int
check_exists(struct cl_db *db, struct cl_arena *a, struct cl_list_query *q)
{
	size_t i;

	for (i = 0; i < q->ncheck; i++) {
		struct cl_bind id = cl_bind_int(q->check_id[i]);
		struct cl_rows rows;
		int rc =
		    cl_db_query_text(db, a, q->check[i]->exists, &id, 1, &rows);

		if (rc != CL_OK)
			return rc;
		if (rows.nrows == 0) {
			q->bad_param = q->check[i]->param;
			return CL_EFOREIGN;
		}
	}
	return CL_OK;
}

/* The statement counting q's rows: the spec's maintained count of all
 * rows when no condition applies (no binds), else COUNT(*) with q's
 * conditions (q's binds). */
static const char *
count_sql(struct cl_arena *a, const struct cl_list_query *q, size_t *nbinds)
{
	if (q->spec->count_all != NULL && q->where[0] == '\0') {
		*nbinds = 0;
		return q->spec->count_all;
	}
	*nbinds = q->nbinds;
	return cl_arena_printf(a, "%s%s", q->spec->count, q->where);
}

/* q's count as its own statement. */
static int
count_alone(struct cl_db *db, struct cl_arena *a, struct cl_list_query *q)
{
	struct cl_rows rows;
	size_t nb;
	const char *sql = count_sql(a, q, &nb);
	int rc;

	rc = cl_db_query_text(db, a, sql, q->binds, nb, &rows);
	if (rc != CL_OK)
		return rc;
	if (rows.nrows != 1 ||
	    cl_parse_int(CL_ROW(&rows, 0, 0), &q->count) != CL_OK)
		return CL_EDB;
	return CL_OK;
}

/* rows without their first column (the count), for the column tables. */
static void
drop_first_columns(struct cl_arena *a, struct cl_rows *rows, unsigned k)
{
	unsigned nc = rows->ncols - k;
	char **v = CL_NEW_ARRAY(a, char *, rows->nrows * nc + 1);
	size_t i;

	for (i = 0; i < rows->nrows; i++)
		memcpy(v + i * nc, rows->v + i * rows->ncols + k,
		    sizeof(*v) * nc);
	rows->v = v;
	rows->ncols = nc;
}

/* rows in the opposite order. */
static void
reverse_rows(struct cl_rows *rows)
{
	size_t i, j, c;

	for (i = 0, j = rows->nrows ? rows->nrows - 1 : 0; i < j; i++, j--)
		for (c = 0; c < rows->ncols; c++) {
			char *t = CL_ROW(rows, i, c);

			CL_ROW(rows, i, c) = CL_ROW(rows, j, c);
			CL_ROW(rows, j, c) = t;
		}
}

/* " ORDER BY a, b DESC" the other way round (" ORDER BY a DESC, b"), or
 * NULL when a term is not a plain column (the spec's fragments are). The
 * tie-break makes the order total, so the reversed order is its exact
 * mirror (NULLs too: lowest both ways). */
static const char *
reverse_order(struct cl_arena *a, const char *order_by)
{
	static const char head[] = " ORDER BY ";
	const char *p, *out = "";

	if (strncmp(order_by, head, strlen(head)) != 0 ||
	    strpbrk(order_by, "()'\"`") != NULL)
		return NULL;
	for (p = order_by + strlen(head); *p;) {
		const char *comma = strchr(p, ','), *end;
		size_t n;
		bool desc;

		end = comma ? comma : p + strlen(p);
		n = (size_t)(end - p);
		desc = n > 5 && strncmp(end - 5, " DESC", 5) == 0;
		if (desc)
			n -= 5;
		if (n == 0)
			return NULL;
		out = cl_arena_printf(a, "%s%s%.*s%s", out, *out ? ", " : "",
		    (int)n, p, desc ? "" : " DESC");
		if (!comma)
			break;
		p = comma + 1;
		while (*p == ' ')
			p++;
	}
	return cl_arena_printf(a, "%s%s", head, out);
}

/* Whether select is "SELECT <columns> ..." with no modifier before the
 * columns (DISTINCT, SQL_*, ...), so a first column can be put in front. */
static bool
plain_select(const char *select)
{
	static const char *const mods[] = { "DISTINCT", "ALL ", "DISTINCTROW",
		"HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_", NULL };
	const char *p = select + strlen("SELECT ");
	size_t i;

	if (strncmp(select, "SELECT ", strlen("SELECT ")) != 0)
		return false;
	for (i = 0; mods[i]; i++)
		if (strncasecmp(p, mods[i], strlen(mods[i])) == 0)
			return false;
	return true;
}

/* From this offset on, a page is read after counting, and from the far
 * end when it is nearer: an OFFSET scan costs the rows it skips, so the
 * last page of a million rows costs what the first does. */
#define DEEP_OFFSET 200

int
cl_list_fetch(struct cl_db *db, struct cl_arena *a, struct cl_list_query *q,
    const struct cl_field *cols, size_t size, void **out, size_t *n)
{
	static const char sel[] = "SELECT ";
	const struct cl_list_spec *spec = q->spec;
	struct cl_bind *binds =
	    CL_NEW_ARRAY(a, struct cl_bind, 2 * q->nbinds + 2);
	const char *order = q->order_by, *csql = NULL, *rev;
	int64_t limit = q->limit, offset = q->offset;
	struct cl_rows rows;
	bool together = false, reversed = false, stamped;
	size_t nb = 0, ncb = 0;
	int rc;

	*n = 0;
	if ((rc = check_exists(db, a, q)) != CL_OK)
		return rc;
	if (q->enveloped && q->offset >= DEEP_OFFSET &&
	    (rev = reverse_order(a, q->order_by)) != NULL) {
		if ((rc = count_alone(db, a, q)) != CL_OK)
			return rc;
		/* Past the end: nothing to read (the reply's 404). */
		if (q->offset >= q->count) {
			*out = cl_arena_alloc(a, size);
			return CL_OK;
		}
		if (q->count - q->offset - q->limit < q->offset) {
			reversed = true;
			order = rev;
			limit = q->count - q->offset < q->limit ?
			    q->count - q->offset : q->limit;
			offset = q->count - q->offset - limit;
		}
	} else if (q->enveloped) {
		/* The count and the page in one statement: the count as an
		 * uncorrelated scalar subquery in the first column, which
		 * MariaDB runs once with the count's own plan (an index-only
		 * range or scan, or the maintained count). Not COUNT(*) OVER
		 * (): a window is computed over every matching row, with all
		 * of the page's columns, before the LIMIT. */
		together = plain_select(spec->select);
		if (!together && (rc = count_alone(db, a, q)) != CL_OK)
			return rc;
	}
	if (together) {
		csql = count_sql(a, q, &ncb);
		if (ncb)
			memcpy(binds, q->binds, sizeof(*binds) * ncb);
		nb = ncb;
	}
	if (q->nbinds)
		memcpy(binds + nb, q->binds, sizeof(*binds) * q->nbinds);
	nb += q->nbinds;
	binds[nb++] = cl_bind_int(limit);
	binds[nb++] = cl_bind_int(offset);
	/* The stamps ride in the second column, after the count. */
	stamped = together && q->stamp_sql != NULL;
	q->stamp = NULL;
	rc = cl_db_query_text(db, a,
	    together ? cl_arena_printf(a,
	        "SELECT (%s), %s%s%s%s%s LIMIT ? OFFSET ?", csql,
	        stamped ? q->stamp_sql : "", stamped ? ", " : "",
	        spec->select + strlen(sel), q->where, order)
	             : cl_arena_printf(a, "%s%s%s LIMIT ? OFFSET ?",
	        spec->select, q->where, order),
	    binds, nb, &rows);
	if (rc != CL_OK)
		return rc;
	if (together) {
		if (rows.ncols < (stamped ? 3u : 2u))
			return CL_EDB;
		if (stamped && rows.nrows > 0)
			q->stamp = CL_ROW(&rows, 0, 1);
		if (rows.nrows > 0) {
			if (cl_parse_int(CL_ROW(&rows, 0, 0), &q->count) != CL_OK)
				return CL_EDB;
		} else if (q->offset == 0) {
			/* An empty first page: nothing matches. */
			q->count = 0;
		} else if ((rc = count_alone(db, a, q)) != CL_OK) {
			/* Past the end: the count says how far (the 404). */
			return rc;
		}
		drop_first_columns(a, &rows, stamped ? 2 : 1);
	}
	if (reversed)
		reverse_rows(&rows);
	rc = cl_cols_read_all(a, cols, &rows, size, out);
	if (rc == CL_OK)
		*n = rows.nrows;
	return rc;
}

static cJSON *
wrap(const struct cl_list_query *q, cJSON *body)
{
	return q->spec->success ? cl_success_wrap(body) : body;
}

int
cl_list_reply(struct cl_req *r, const struct cl_list_query *q, cJSON *results)
{
	const char *next;
	cJSON *env;
	int64_t prev;

	if (!q->enveloped)
		return cl_reply_json(r, 200, wrap(q, results));
	if (q->spec->pagination == CL_PAGE_NUMBER) {
		if (cl_page_check_or_reply(r, &q->page, q->count) != 0) {
			cJSON_Delete(results);
			return r->resp.status;
		}
		return cl_reply_json(r, 200, wrap(q,
		    cl_page_render(r, &q->page, q->count, results)));
	}
	if (q->offset > 0 && q->offset >= q->count && q->count > 0) {
		cJSON_Delete(results);
		return cl_fail(
		    r, 404, "not_found", "The offset is past the last result.");
	}
	env = cJSON_CreateObject();
	if (env == NULL)
		abort();
	cl_json_add_int(env, "count", q->count);
	/* count - offset, not offset + limit: both are at least 0, and an
	 * offset near INT64_MAX must not overflow. */
	next = q->limit < q->count - q->offset
	    ? cl_req_url_with(r, "offset", q->offset + q->limit, true)
	    : NULL;
	prev = q->offset - q->limit > 0 ? q->offset - q->limit : 0;
	cl_json_add_str(env, "next", next);
	cl_json_add_str(env, "previous",
	    q->offset > 0 ? cl_req_url_with(r, "offset", prev, prev > 0)
	                  : NULL);
	if (!cJSON_AddItemToObject(env, "results", results))
		abort();
	return cl_reply_json(r, 200, wrap(q, env));
}
