/* Module livestream: the dashboard's filters (API.md §7). A client may
 * send them as plain query parameters or as one ?query= holding a JSON
 * object; both become one key/value list that the list specs of db.c
 * read, and the conditions no spec can say (substrings over several
 * columns, local days) are added here from fixed fragments. Also the
 * time-zone arithmetic (pure, tests/unit/livestream/test_filters.c) and
 * the small helpers the handlers share. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define DEFAULT_LIMIT "20"
#define MAX_KEYS 64

int
live_day_bound(const char *date, int64_t offset, bool end, char *buf)
{
	int64_t days, secs;
	int y;
	unsigned m, d;

	if (date == NULL || cl_date_parse(date, &days) != CL_OK ||
	    offset < -840 || offset > 840)
		return CL_EINVAL;
	/* Local midnight plus the offset is UTC (JavaScript: UTC - local). */
	secs = (days + (end ? 1 : 0)) * 86400 + offset * 60;
	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	secs -= days * 86400;
	cl_civil_from_days(days, &y, &m, &d);
	snprintf(buf, LIVE_TIME_BUF, "%04d-%02u-%02u %02d:%02d:%02d", y, m, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return CL_OK;
}

void
live_time_local(const char *utc, int64_t offset, char *buf)
{
	char date[CL_DATE_BUF];
	int64_t days, secs;
	int y, hh, mm, ss;
	unsigned m, d;

	buf[0] = '\0';
	if (utc == NULL || strlen(utc) < 19 || utc[10] != ' ')
		return;
	memcpy(date, utc, 10);
	date[10] = '\0';
	if (cl_date_parse(date, &days) != CL_OK ||
	    sscanf(utc + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
		return;
	secs = days * 86400 + hh * 3600 + mm * 60 + ss - offset * 60;
	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	secs -= days * 86400;
	cl_civil_from_days(days, &y, &m, &d);
	snprintf(buf, LIVE_TIME_BUF, "%04d-%02u-%02u %02d:%02d:%02d", y, m, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* One value of the JSON query as text: strings as they are, integers in
 * decimal; anything else is refused. */
static const char *
json_value(struct cl_arena *a, const cJSON *item)
{
	int64_t v;

	if (cJSON_IsString(item))
		return cl_arena_strdup(a, item->valuestring);
	if (cl_json_int(item, &v))
		return cl_arena_printf(a, "%" PRId64, v);
	return NULL;
}

static void
add(struct cl_kvlist *l, const char *key, const char *value)
{
	if (value == NULL || *value == '\0' || l->n == MAX_KEYS ||
	    cl_kvlist_get(l, key) != NULL)
		return;
	/* skip is seed 002's name for the offset the listing reads. */
	if (strcmp(key, "skip") == 0)
		key = "offset";
	if (cl_kvlist_get(l, key) != NULL)
		return;
	l->items[l->n].key = key;
	l->items[l->n].value = value;
	l->n++;
}

int
live_filters_or_reply(struct cl_req *r, struct cl_kvlist *out, int64_t *offset)
{
	const char *qs = cl_req_query(r, "query"), *tz;
	const cJSON *item;
	cJSON *json;
	size_t i;

	out->items = CL_NEW_ARRAY(r->arena, struct cl_kv, MAX_KEYS);
	out->n = 0;
	for (i = 0; i < r->query.n; i++)
		if (strcmp(r->query.items[i].key, "query") != 0)
			add(out, r->query.items[i].key, r->query.items[i].value);
	if (qs != NULL && *qs != '\0') {
		json = cJSON_Parse(qs);
		cl_arena_defer(r->arena, cl_json_free, json);
		if (json == NULL || !cJSON_IsObject(json))
			return cl_fail(r, 400, "invalid_query",
			    "query must be a URL-encoded JSON object.");
		cJSON_ArrayForEach(item, json) {
			const char *v = json_value(r->arena, item);

			if (v == NULL && !cJSON_IsNull(item)) {
				cl_fail_field(r, item->string,
				    "Must be a string or a whole number.");
				return cl_fail_validation(r);
			}
			add(out, cl_arena_strdup(r->arena, item->string), v);
		}
	}
	add(out, "limit", DEFAULT_LIMIT);
	*offset = 0;
	tz = cl_kvlist_get(out, "timezoneoffset");
	if (tz != NULL && (cl_parse_int(tz, offset) != CL_OK || *offset < -840 ||
	    *offset > 840)) {
		cl_fail_field(r, "timezoneoffset",
		    "Ensure this value is a whole number from -840 to 840.");
		return cl_fail_validation(r);
	}
	return 0;
}

/* The fragments of one kind's substring and day conditions; NULL: the
 * kind has no such filter. Each "?" of one fragment takes the same
 * pattern. */
struct kind_sql {
	const char	*name;
	int		name_binds;
	const char	*phone;
	int		phone_binds;
	const char	*email;
	const char	*vin;
	const char	*created;   /* the column from/to bound */
};

/* clang-format off */
static const struct kind_sql kinds[] = {
	[LIVE_CALLS] = {
		/* A call without its own contact matches its leads'. */
		.name = "(s.first_name LIKE ? ESCAPE '!' OR s.last_name LIKE ? "
		    "ESCAPE '!' OR (s.first_name IS NULL AND s.last_name IS NULL "
		    "AND EXISTS (SELECT 1 FROM live_leads l2 WHERE l2.stream_id = "
		    "s.id AND (l2.first_name LIKE ? ESCAPE '!' OR l2.last_name "
		    "LIKE ? ESCAPE '!'))))",
		.name_binds = 4,
		.phone = "(s.phone LIKE ? ESCAPE '!' OR (s.phone IS NULL AND "
		    "EXISTS (SELECT 1 FROM live_leads l2 WHERE l2.stream_id = "
		    "s.id AND l2.phone LIKE ? ESCAPE '!')))",
		.phone_binds = 2,
		.vin = "s.vin LIKE ? ESCAPE '!'",
		.created = "s.created_at",
	},
	[LIVE_LEADS] = {
		.name = "(l.first_name LIKE ? ESCAPE '!' OR l.last_name LIKE ? "
		    "ESCAPE '!')",
		.name_binds = 2,
		.phone = "l.phone LIKE ? ESCAPE '!'", .phone_binds = 1,
		.vin = "l.vin LIKE ? ESCAPE '!'",
		.created = "l.created_at",
	},
	[LIVE_DEALERS] = {
		.name = "(u.first_name LIKE ? ESCAPE '!' OR u.last_name LIKE ? "
		    "ESCAPE '!')",
		.name_binds = 2,
		.phone = "EXISTS (SELECT 1 FROM user_phones p WHERE p.user_id = "
		    "u.id AND p.phone LIKE ? ESCAPE '!')",
		.phone_binds = 1,
		.email = "u.email LIKE ? ESCAPE '!'",
		.created = "d.created_at",
	},
	[LIVE_ORGS] = {
		.name = "o.name LIKE ? ESCAPE '!'", .name_binds = 1,
	},
};
/* clang-format on */

static void
substring(struct cl_req *r, struct cl_list_query *q, const char *sql, int n,
    const char *value)
{
	struct cl_bind b[4];
	char *pat;
	int i;

	if (sql == NULL || value == NULL)
		return;
	pat = cl_like_pattern(r->arena, value);
	for (i = 0; i < n; i++)
		b[i] = cl_bind_str(pat);
	cl_list_where(r->arena, q, sql, b, (size_t)n);
}

static void
day(struct cl_req *r, struct cl_list_query *q, const struct kind_sql *k,
    const char *date, int64_t offset, bool end)
{
	char *bound;
	struct cl_bind b;

	if (date == NULL || k->created == NULL)
		return;
	bound = cl_arena_alloc(r->arena, LIVE_TIME_BUF);
	if (live_day_bound(date, offset, end, bound) != CL_OK) {
		cl_fail_field(r, end ? "to" : "from",
		    "Date has wrong format. Use one of these formats instead: "
		    "YYYY-MM-DD.");
		return;
	}
	b = cl_bind_str(bound);
	cl_list_where(r->arena, q,
	    cl_arena_printf(r->arena, "%s %s ?", k->created, end ? "<" : ">="),
	    &b, 1);
}

int
live_query_or_reply(struct cl_req *r, const struct cl_kvlist *kv,
    int64_t offset, const struct cl_list_spec *spec, enum live_kind kind,
    struct cl_list_query *q)
{
	const struct kind_sql *k = &kinds[kind];
	cJSON *errors = cJSON_CreateObject();
	cJSON *e;

	cl_arena_defer(r->arena, cl_json_free, errors);
	if (cl_list_parse(r->arena, spec, kv, q, errors) != CL_OK) {
		cJSON_ArrayForEach(e, errors) {
			const cJSON *p;

			cJSON_ArrayForEach(p, e)
				cl_fail_field(r, e->string, p->valuestring);
		}
		return cl_fail_validation(r);
	}
	substring(r, q, k->name, k->name_binds, cl_kvlist_get(kv, "name"));
	substring(r, q, k->phone, k->phone_binds, cl_kvlist_get(kv, "phone"));
	substring(r, q, k->email, 1, cl_kvlist_get(kv, "email"));
	substring(r, q, k->vin, 1, cl_kvlist_get(kv, "vin"));
	day(r, q, k, cl_kvlist_get(kv, "from"), offset, false);
	day(r, q, k, cl_kvlist_get(kv, "to"), offset, true);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	return 0;
}

int
live_dealer_or_reply(struct cl_req *r, struct live_dealer *d)
{
	int rc = live_dealer_get(r->db, r->arena, r->caller.user_id, d);

	if (rc == CL_ENOTFOUND || (rc == CL_OK && strcmp(d->status, "active")))
		return cl_fail(r, 403, "not_a_dealer",
		    "Only an active dealer of an organization may do this.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

int
live_publish(struct cl_db *db, const char *channel, const char *event,
    cJSON *data)
{
	char *body = cJSON_PrintUnformatted(data);
	int rc;

	cJSON_Delete(data);
	if (body == NULL)
		return CL_EDB;
	rc = auth_outbox_queue(db, "pusher", channel, event, body);
	cJSON_free(body);
	return rc;
}
