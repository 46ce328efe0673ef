/* Module livestream: the dashboard (API.md §7, dashboard:read): lists and
 * counts of organizations, calls, leads and dealers, and the CSV exports
 * of calls and leads, streamed row by row from the database so memory
 * stays flat whatever their size. Filters: filters.c; SQL: db.c. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/log.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* Expiry is a write: on the primary even when the route reads the
 * replica (CL_REPLICA sets r->primary). The replica then shows it a
 * moment later, within the lag these reports tolerate. */
static int
expire_on_primary(struct cl_req *r)
{
	return live_streams_expire(r->primary ? r->primary : r->db, NULL);
}

/* The checked query of a dashboard route, expiry applied first so the
 * statuses are current. by_time (NULL: none) replaces spec when no
 * organizationName is given: the exports' order without a sort. */
static int
query_or_reply(struct cl_req *r, const struct cl_list_spec *spec,
    const struct cl_list_spec *by_time, enum live_kind kind,
    struct cl_list_query *q, int64_t *offset)
{
	struct cl_kvlist kv;
	int64_t tz;
	int rc;

	if ((rc = live_filters_or_reply(r, &kv, &tz)) != 0)
		return rc;
	if (by_time != NULL && cl_kvlist_get(&kv, "organizationName") == NULL)
		spec = by_time;
	if ((rc = live_query_or_reply(r, &kv, tz, spec, kind, q)) != 0)
		return rc;
	/* Every row (created_at is NOT NULL and DATETIME starts at year
	 * 1000), but a range on the forced index, which MariaDB then reads in
	 * the ORDER BY's order instead of scanning the table and sorting. */
	if (spec == by_time)
		cl_list_where(r->arena, q, kind == LIVE_CALLS ?
		    "s.created_at >= '1000-01-01'" :
		    "l.created_at >= '1000-01-01'", NULL, 0);
	if (offset)
		*offset = tz;
	if (kind == LIVE_DEALERS) {
		const char *org = cl_kvlist_get(&kv, "organizationId");
		int64_t id;

		if (org == NULL || cl_parse_int(org, &id) != CL_OK || id < 1) {
			cl_fail_field(r, "organizationId",
			    org ? "A valid organization id is required." :
			    "This field is required.");
			return cl_fail_validation(r);
		}
		cl_list_scope(r->arena, q, "d.organization_id = ?",
		    cl_bind_int(id));
	}
	if ((rc = expire_on_primary(r)) != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

static int
list(struct cl_req *r, const struct cl_list_spec *spec, enum live_kind kind,
    const struct cl_field *cols, size_t size)
{
	struct cl_list_query q;
	void *rows;
	size_t n;
	cJSON *body;
	int rc;

	if ((rc = query_or_reply(r, spec, NULL, kind, &q, NULL)) != 0)
		return rc;
	q.enveloped = true;
	rc = cl_list_fetch(r->db, r->arena, &q, cols, size, &rows, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "count", q.count);
	cJSON_AddItemToObject(body, "results",
	    cl_cols_render_all(cols, rows, n, size));
	return cl_reply_json(r, 200, body);
}

static int
count(struct cl_req *r, const struct cl_list_spec *spec, enum live_kind kind)
{
	struct cl_list_query q;
	int64_t n;
	cJSON *body;
	int rc;

	if ((rc = query_or_reply(r, spec, NULL, kind, &q, NULL)) != 0)
		return rc;
	if ((rc = live_count(r->db, r->arena, &q, &n)) != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "count", n);
	return cl_reply_json(r, 200, body);
}

/* GET /dashboard/getorganizations: {"count","results"}; name substring. */
int
live_orgs_list(struct cl_req *r)
{
	return list(r, &live_org_list, LIVE_ORGS, live_org_cols,
	    sizeof(struct live_org));
}

/* GET /dashboard/getcalls: the calls (streams) matching the filters. */
int
live_calls_list(struct cl_req *r)
{
	return list(r, &live_call_list, LIVE_CALLS, live_stream_cols,
	    sizeof(struct live_stream));
}

/* GET /dashboard/getleads. */
int
live_leads_list(struct cl_req *r)
{
	return list(r, &live_lead_list, LIVE_LEADS, live_lead_cols,
	    sizeof(struct live_lead));
}

/* GET /organization/getdealers?organizationId=: that organization's. */
int
live_dealers_list(struct cl_req *r)
{
	return list(r, &live_dealer_list, LIVE_DEALERS, live_dealer_cols,
	    sizeof(struct live_dealer));
}

/* GET /dashboard/countcall. */
int
live_calls_count(struct cl_req *r)
{
	return count(r, &live_call_list, LIVE_CALLS);
}

/* GET /dashboard/countlead. */
int
live_leads_count(struct cl_req *r)
{
	return count(r, &live_lead_list, LIVE_LEADS);
}

/* GET /organization/countdealer. */
int
live_dealers_count(struct cl_req *r)
{
	return count(r, &live_dealer_list, LIVE_DEALERS);
}

/* Calls and leads within from/to only (the other filters do not apply):
 * a query of only those keys. */
static int
both(struct cl_req *r, bool bounded)
{
	struct cl_kv items[3];
	struct cl_kvlist kv = { .items = items }, all;
	struct cl_list_query qc, ql;
	int64_t tz = 0, calls, leads;
	const char *keys[] = { "from", "to" };
	cJSON *body;
	size_t i;
	int rc;

	if (bounded) {
		if ((rc = live_filters_or_reply(r, &all, &tz)) != 0)
			return rc;
		for (i = 0; i < 2; i++)
			if (cl_kvlist_get(&all, keys[i])) {
				items[kv.n].key = keys[i];
				items[kv.n++].value = cl_kvlist_get(&all, keys[i]);
			}
	}
	if ((rc = live_query_or_reply(r, &kv, tz, &live_call_list, LIVE_CALLS,
	    &qc)) != 0 ||
	    (rc = live_query_or_reply(r, &kv, tz, &live_lead_list, LIVE_LEADS,
	    &ql)) != 0)
		return rc;
	rc = expire_on_primary(r);
	if (rc == CL_OK)
		rc = live_count(r->db, r->arena, &qc, &calls);
	if (rc == CL_OK)
		rc = live_count(r->db, r->arena, &ql, &leads);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "calls", calls);
	cl_json_add_int(body, "leads", leads);
	return cl_reply_json(r, 200, body);
}

/* GET /dashboard/countcalllead: {"calls","leads"} within from/to (either
 * may be absent: unbounded on that side). */
int
live_calls_leads_count(struct cl_req *r)
{
	return both(r, true);
}

/* GET /dashboard/countallcalllead: {"calls","leads"} over all time. */
int
live_calls_leads_count_all(struct cl_req *r)
{
	return both(r, false);
}

/* --- CSV exports --------------------------------------------------------- */

/* One column of an export: its header and the SELECT column it prints
 * (an index into the list spec's columns, render.c's order); time columns
 * are shown in the caller's zone. */
struct csv_col {
	const char	*header;
	unsigned	col;
	bool		time;
};

/* clang-format off */
static const struct csv_col call_csv[] = {
	{ "id", 0, false }, { "status", 12, false }, { "organizationName", 2, false }, { "vin", 3, false },
	{ "carMake", 4, false }, { "carModel", 5, false }, { "carType", 6, false },
	{ "firstName", 7, false }, { "lastName", 8, false }, { "phone", 9, false }, { "email", 10, false },
	{ "dealerId", 11, false }, { "note", 13, false }, { "requestedAt", 14, true },
	{ "acceptedAt", 15, true }, { "finishedAt", 17, true },
	{ "createdAt", 18, true }, { NULL, 0, false }
};
static const struct csv_col lead_csv[] = {
	{ "id", 0, false }, { "streamId", 1, false }, { "status", 8, false },
	{ "organizationName", 3, false }, { "vin", 4, false }, { "carMake", 5, false },
	{ "carModel", 6, false }, { "carType", 7, false }, { "firstName", 10, false },
	{ "lastName", 11, false }, { "email", 9, false }, { "phone", 12, false }, { "comment", 13, false },
	{ "createdAt", 14, true }, { NULL, 0, false }
};
/* clang-format on */

/* Bytes gathered before a write to FastCGI. */
#define CSV_CHUNK 65536

struct csv_out {
	struct cl_req		*r;
	const struct csv_col	*cols;
	int64_t			offset;
	char			*buf;
	size_t			len;
	int			rc;
};

static void
flush(struct csv_out *o)
{
	if (o->len > 0 && o->rc == CL_OK)
		o->rc = cl_stream_write(o->r, o->buf, o->len);
	o->len = 0;
}

/* Appends s escaped; a cell too long for the chunk goes out by itself. */
static void
put_cell(struct csv_out *o, const char *s, bool first)
{
	size_t need = 2 * (s ? strlen(s) : 0) + 5;

	if (o->len + need > CSV_CHUNK)
		flush(o);
	if (need > CSV_CHUNK) {
		char *big = cl_arena_alloc(o->r->arena, need);
		size_t n = 0;

		if (!first)
			big[n++] = ',';
		n += live_csv_escape(s, big + n);
		if (o->rc == CL_OK)
			o->rc = cl_stream_write(o->r, big, n);
		return;
	}
	if (!first)
		o->buf[o->len++] = ',';
	o->len += live_csv_escape(s, o->buf + o->len);
}

/* RFC 4180 ends records with CRLF. */
static void
put_eol(struct csv_out *o)
{
	if (o->len + 2 > CSV_CHUNK)
		flush(o);
	memcpy(o->buf + o->len, "\r\n", 2);
	o->len += 2;
}

static int
csv_row(void *ctx, const struct cl_rows *row)
{
	struct csv_out *o = ctx;
	const struct csv_col *c;
	char local[LIVE_TIME_BUF];

	for (c = o->cols; c->header; c++) {
		const char *v = c->col < row->ncols ? row->v[c->col] : NULL;

		if (c->time && v) {
			live_time_local(v, o->offset, local);
			v = local;
		}
		put_cell(o, v, c == o->cols);
	}
	put_eol(o);
	return o->rc;
}

static int
export(struct cl_req *r, const struct cl_list_spec *spec,
    const struct cl_list_spec *by_time, enum live_kind kind,
    const struct csv_col *cols, const char *file)
{
	struct csv_out o = { .r = r, .cols = cols, .rc = CL_OK };
	struct cl_list_query q;
	const struct csv_col *c;
	int rc;

	if ((rc = query_or_reply(r, spec, by_time, kind, &q, &o.offset)) != 0)
		return rc;
	o.buf = cl_arena_alloc(r->arena, CSV_CHUNK);
	cl_reply_header(r, "Content-Disposition",
	    cl_arena_printf(r->arena, "attachment; filename=\"%s\"", file));
	cl_reply_header(r, "Cache-Control", "no-store");
	rc = cl_stream_begin(r, 200, "text/csv; charset=utf-8");
	for (c = cols; c->header && rc == CL_OK; c++)
		put_cell(&o, c->header, c == cols);
	put_eol(&o);
	/* The headers and the header row leave now, not with the first
	 * 64 KiB of rows. */
	flush(&o);
	if (rc == CL_OK && o.rc == CL_OK)
		rc = cl_stream_flush(r);
	/* Every matching row: no LIMIT; skip and limit do not apply. */
	if (rc == CL_OK && o.rc == CL_OK)
		rc = cl_db_query_each(r->db,
		    cl_arena_printf(r->arena, "%s%s%s", q.spec->select, q.where,
		        q.order_by),
		    q.binds, q.nbinds, csv_row, &o);
	flush(&o);
	/* The 200 has gone out: a file cut short must not end like a whole
	 * one. */
	if (rc != CL_OK || o.rc != CL_OK) {
		cl_log_err(r, "CSV export stopped early (%d, %d)", rc, o.rc);
		cl_stream_abort(r);
	}
	return 200;
}

/* GET /dashboard/exportcsvcalls: text/csv of every matching call. */
int
live_calls_export(struct cl_req *r)
{
	return export(r, &live_call_list, &live_call_list_by_time, LIVE_CALLS,
	    call_csv, "calls.csv");
}

/* GET /dashboard/exportcsvleads. */
int
live_leads_export(struct cl_req *r)
{
	return export(r, &live_lead_list, &live_lead_list_by_time, LIVE_LEADS,
	    lead_csv, "leads.csv");
}
