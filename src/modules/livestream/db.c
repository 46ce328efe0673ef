/* Module livestream: all of its SQL. Every transition of a stream is one
 * conditional UPDATE whose WHERE names the state it starts from, so two
 * requests racing for one stream cannot both move it (no read, then
 * write). The SELECT lists alias their columns to the column tables of
 * render.c, in order. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <string.h>

#include "core/arena.h"
#include "core/claim.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/query.h"
#include "core/banned.h"

/* Streams ("calls"). */

#define STREAM_COLUMNS                                                        \
	"s.id, s.organization_id AS organizationId, "                         \
	"o.name AS organizationName, s.vin, v.make AS carMake, "              \
	"v.model AS carModel, v.type AS carType, s.first_name AS firstName, " \
	"s.last_name AS lastName, s.phone, s.email, s.dealer_id AS dealerId, " \
	"s.status, s.note, s.requested_at AS requestedAt, "                   \
	"s.accepted_at AS acceptedAt, s.last_ping_at AS lastPingAt, "         \
	"s.finished_at AS finishedAt, s.created_at AS createdAt"
/* With organizationName given (unique: one row), the organization's
 * streams come in index order, newest first, without a sort: a CSV
 * export of a million of them sends its first row at once. */
#define STREAM_FROM                                                           \
	" FROM live_streams s FORCE INDEX FOR ORDER BY (live_streams_org)"    \
	" JOIN live_organizations o ON o.id = s.organization_id"              \
	" LEFT JOIN live_vehicles v ON v.organization_id = s.organization_id" \
	" AND v.vin = s.vin"

/* Without it, every stream in the export's order: newest first down
 * live_streams_created, whose entries end in the primary key, so
 * (created_at, id) DESC is its backward scan and the first row goes out
 * without a sort of them all (a filesort of a million rows outran the
 * client's read timeout). Hints, because left to its costs MariaDB sorts
 * a whole table rather than read it through an index: FORCE INDEX with
 * the always-true range on created_at that dashboard.c adds makes the
 * index the access path; STRAIGHT_JOIN keeps s first; the vehicle by its
 * key, never a join buffer, which would lose the order. */
#define STREAM_FROM_BY_TIME                                                   \
	" FROM live_streams s FORCE INDEX (live_streams_created)"             \
	" JOIN live_organizations o ON o.id = s.organization_id"              \
	" LEFT JOIN live_vehicles v FORCE INDEX (live_vehicles_org_vin)"      \
	" ON v.organization_id = s.organization_id AND v.vin = s.vin"

/* The dashboard's filters (API.md §7), calls and leads alike but for
 * where the stream's status is: one list, so the two cannot drift.
 * filters.c adds the conditions of those without sql. */
/* clang-format off */
#define DASHBOARD_FILTERS(status_in)                                          \
	{ .param = "status", .type = CL_FILTER_ENUM_LIST, .sql = status_in,   \
	  .values = live_stream_statuses },                                   \
	{ .param = "organizationName", .type = CL_FILTER_STR,                 \
	  .sql = "o.name = ?" },                                              \
	{ .param = "carType", .type = CL_FILTER_STR, .sql = "v.type = ?" },    \
	{ .param = "carMake", .type = CL_FILTER_STR, .sql = "v.make = ?" },    \
	{ .param = "carModel", .type = CL_FILTER_STR, .sql = "v.model = ?" },  \
	{ .param = "name", .type = CL_FILTER_STR },                           \
	{ .param = "phone", .type = CL_FILTER_STR },                          \
	{ .param = "vin", .type = CL_FILTER_STR },                            \
	{ .param = "from", .type = CL_FILTER_DATE },                          \
	{ .param = "to", .type = CL_FILTER_DATE },                            \
	{ .param = "timezoneoffset", .type = CL_FILTER_INT },                 \
	{ 0 }

static const struct cl_filter call_filters[] = {
	DASHBOARD_FILTERS("s.status IN")
};
/* clang-format on */

const struct cl_list_spec live_call_list = {
	.select = "SELECT " STREAM_COLUMNS STREAM_FROM,
	.count = "SELECT COUNT(*)" STREAM_FROM,
	.filters = call_filters,
	.order = "s.created_at DESC, s.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

/* The calls without organizationName (dashboard.c picks). */
const struct cl_list_spec live_call_list_by_time = {
	.select = "SELECT STRAIGHT_JOIN " STREAM_COLUMNS STREAM_FROM_BY_TIME,
	.count = "SELECT COUNT(*)" STREAM_FROM,
	.filters = call_filters,
	.order = "s.created_at DESC, s.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

/* GET /streams: the dealer's organization (bound by streams.c). */
const struct cl_list_spec live_stream_list = {
	.select = "SELECT " STREAM_COLUMNS STREAM_FROM,
	.count = "SELECT COUNT(*)" STREAM_FROM,
	.order = "s.created_at DESC, s.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

static struct cl_stmt stream_get_sql =
    CL_STMT("SELECT " STREAM_COLUMNS STREAM_FROM " WHERE s.id = ?");

int
live_stream_get(struct cl_db *db, struct cl_arena *a, const char *id,
    struct live_stream *out)
{
	struct cl_bind p[] = { CL_BIND_STR(id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &stream_get_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_stream_cols, &rows, 0, out) : rc;
}

static struct cl_stmt stream_insert_sql = CL_STMT(
    "INSERT INTO live_streams (id, organization_id, vin, first_name, "
    "last_name, phone, email) VALUES (?, ?, ?, ?, ?, ?, ?)");

int
live_stream_insert(struct cl_db *db, const struct live_stream *s)
{
	struct cl_bind p[] = {
		CL_BIND_STR(s->id), CL_BIND_INT(s->organization_id),
		CL_BIND_STR(s->vin), CL_BIND_STR(s->first_name),
		CL_BIND_STR(s->last_name), CL_BIND_STR(s->phone),
		CL_BIND_STR(s->email),
	};

	return cl_db_exec(db, &stream_insert_sql, p, CL_NELEMS(p), NULL, NULL);
}

/* Expiry (API.md §7): (status, requested_at) and (status, last_ping_at)
 * keep the sweep of all streams an index range. */
static struct cl_stmt expire_missed_sql = CL_STMT(
    "UPDATE live_streams SET status = 'missed', "
    "finished_at = UTC_TIMESTAMP(6) WHERE status = 'requested' "
    "AND requested_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND");
static struct cl_stmt expire_expired_sql = CL_STMT(
    "UPDATE live_streams SET status = 'expired', "
    "finished_at = UTC_TIMESTAMP(6) WHERE status = 'streaming' "
    "AND last_ping_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND");
static struct cl_stmt expire_one_missed_sql = CL_STMT(
    "UPDATE live_streams SET status = 'missed', "
    "finished_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = 'requested' "
    "AND requested_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND");
static struct cl_stmt expire_one_expired_sql = CL_STMT(
    "UPDATE live_streams SET status = 'expired', "
    "finished_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = 'streaming' "
    "AND last_ping_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND");

int
live_streams_expire_all(struct cl_db *db, uint64_t *n)
{
	struct cl_bind all_r[] = { CL_BIND_INT(live_conf.request_timeout) };
	struct cl_bind all_p[] = { CL_BIND_INT(live_conf.ping_timeout) };
	uint64_t missed = 0, expired = 0;
	int rc;

	/* Each UPDATE is one statement guarded by the old status: of two
	 * hosts' jobs sweeping at once, InnoDB's row locks let one make a
	 * transition and the other match nothing (script/cluster-test). */
	rc = cl_db_exec(db, &expire_missed_sql, all_r, 1, &missed, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &expire_expired_sql, all_p, 1, &expired,
		    NULL);
	if (n != NULL)
		*n = missed + expired;
	return rc;
}

int
live_streams_expire(struct cl_db *db, const char *id)
{
	struct cl_bind one_r[] = { CL_BIND_STR(id),
		CL_BIND_INT(live_conf.request_timeout) };
	struct cl_bind one_p[] = { CL_BIND_STR(id),
		CL_BIND_INT(live_conf.ping_timeout) };
	int rc;

	if (id == NULL)
		return live_streams_expire_all(db, NULL);
	rc = cl_db_exec(db, &expire_one_missed_sql, one_r, 2, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &expire_one_expired_sql, one_p, 2, NULL, NULL);
	return rc;
}

/* One direction for both keys, so an index on (..., created_at) and the
 * primary key it ends in gives the order without a sort. */

/* requested -> streaming, only while the request has not timed out: of
 * two dealers racing, InnoDB's row lock lets the second see 'streaming'
 * and match nothing. */
static struct cl_stmt stream_accept_sql = CL_STMT(
    "UPDATE live_streams SET status = 'streaming', dealer_id = ?, "
    "accepted_at = UTC_TIMESTAMP(6), last_ping_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND organization_id = ? AND status = 'requested' "
    "AND requested_at >= UTC_TIMESTAMP(6) - INTERVAL ? SECOND");

int
live_stream_accept(struct cl_db *db, const char *id, int64_t org_id,
    int64_t dealer_id)
{
	struct cl_bind p[] = { CL_BIND_INT(dealer_id), CL_BIND_STR(id),
		CL_BIND_INT(org_id), CL_BIND_INT(live_conf.request_timeout) };

	return cl_db_exec_one(db, &stream_accept_sql, p, CL_NELEMS(p));
}

/* The customer stops: a stream nobody took is missed, a running one
 * completed. The IF reads status before this UPDATE assigns it. */
static struct cl_stmt stream_stop_sql = CL_STMT(
    "UPDATE live_streams SET status = IF(status = 'requested', 'missed', "
    "'completed'), finished_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND status IN ('requested', 'streaming')");

int
live_stream_stop(struct cl_db *db, const char *id)
{
	struct cl_bind p[] = { CL_BIND_STR(id) };

	return cl_db_exec_one(db, &stream_stop_sql, p, 1);
}

static struct cl_stmt stream_note_sql = CL_STMT(
    "UPDATE live_streams SET note = ? WHERE id = ? AND organization_id = ? "
    "AND status IN ('completed', 'missed', 'expired')");

int
live_stream_note(struct cl_db *db, const char *id, int64_t org_id,
    const char *note)
{
	struct cl_bind p[] = { CL_BIND_STR(note), CL_BIND_STR(id),
		CL_BIND_INT(org_id) };

	return cl_db_exec_one(db, &stream_note_sql, p, CL_NELEMS(p));
}

/* A ping keeps the dealer's running streams alive, unless they have
 * already timed out (the condition, not a read, decides). */
static struct cl_stmt streams_ping_sql = CL_STMT(
    "UPDATE live_streams SET last_ping_at = UTC_TIMESTAMP(6) "
    "WHERE dealer_id = ? AND status = 'streaming' "
    "AND last_ping_at >= UTC_TIMESTAMP(6) - INTERVAL ? SECOND");

int
live_streams_ping(struct cl_db *db, int64_t dealer_id)
{
	struct cl_bind p[] = { CL_BIND_INT(dealer_id),
		CL_BIND_INT(live_conf.ping_timeout) };

	return cl_db_exec(db, &streams_ping_sql, p, 2, NULL, NULL);
}

static struct cl_stmt heartbeat_sql = CL_STMT(
    "INSERT INTO live_dealer_heartbeats (user_id, pinged_at) "
    "VALUES (?, UTC_TIMESTAMP(6)) "
    "ON DUPLICATE KEY UPDATE pinged_at = VALUES(pinged_at)");

int
live_heartbeat_upsert(struct cl_db *db, int64_t user_id)
{
	struct cl_bind p[] = { CL_BIND_INT(user_id) };

	return cl_db_exec(db, &heartbeat_sql, p, 1, NULL, NULL);
}

static struct cl_stmt log_insert_sql = CL_STMT(
    "INSERT INTO live_stream_logs (stream_id, type, code) VALUES (?, ?, ?)");

int
live_log_insert(struct cl_db *db, const char *stream_id, const char *type,
    const char *code, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_STR(stream_id), CL_BIND_STR(type),
		CL_BIND_STR(code) };
	uint64_t n = 0;
	int rc = cl_db_exec(db, &log_insert_sql, p, 3, NULL, &n);

	*id = (int64_t)n;
	return rc;
}

/* Organizations. */

#define ORG_COLUMNS                                                    \
	"o.id, o.name, o.code, o.token, o.loan_link_url AS loanLinkUrl, " \
	"o.created_at AS createdAt"

static const struct cl_filter org_filters[] = {
	{ .param = "name", .type = CL_FILTER_STR },
	{ 0 }
};

const struct cl_list_spec live_org_list = {
	.select = "SELECT " ORG_COLUMNS " FROM live_organizations o",
	.count = "SELECT COUNT(*) FROM live_organizations o",
	.filters = org_filters,
	.order = "o.name, o.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

static int
org_one(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    struct cl_bind v, struct live_org *out)
{
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, st, &v, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_org_cols, &rows, 0, out) : rc;
}

static struct cl_stmt org_by_code_sql = CL_STMT(
    "SELECT " ORG_COLUMNS " FROM live_organizations o WHERE o.code = ?");
static struct cl_stmt org_by_token_sql = CL_STMT(
    "SELECT " ORG_COLUMNS " FROM live_organizations o WHERE o.token = ?");
static struct cl_stmt org_get_sql = CL_STMT(
    "SELECT " ORG_COLUMNS " FROM live_organizations o WHERE o.id = ?");

int
live_org_find_by_code(struct cl_db *db, struct cl_arena *a, const char *code,
    struct live_org *out)
{
	return org_one(db, a, &org_by_code_sql, cl_bind_str(code), out);
}

int
live_org_find_by_token(struct cl_db *db, struct cl_arena *a,
    const char *token, struct live_org *out)
{
	return org_one(db, a, &org_by_token_sql, cl_bind_str(token), out);
}

int
live_org_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_org *out)
{
	return org_one(db, a, &org_get_sql, cl_bind_int(id), out);
}

static struct cl_stmt org_insert_sql = CL_STMT(
    "INSERT INTO live_organizations (name, code, token, loan_link_url) "
    "VALUES (?, ?, ?, ?)");

int
live_org_insert(struct cl_db *db, const struct live_org *o, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_STR(o->name), CL_BIND_STR(o->code),
		CL_BIND_STR(o->token), CL_BIND_STR(o->loan_link_url) };
	uint64_t n = 0;
	int rc = cl_db_exec(db, &org_insert_sql, p, 4, NULL, &n);

	*id = (int64_t)n;
	return rc;
}

/* Dealers. */

#define DEALER_COLUMNS                                                       \
	"u.id, u.email, u.username, u.first_name AS firstName, "             \
	"u.last_name AS lastName, (SELECT p.phone FROM user_phones p "       \
	"WHERE p.user_id = u.id AND p.is_primary LIMIT 1) AS phone, "        \
	"d.organization_id AS organizationId, d.status, "                   \
	"u.presence AS accountStatus, d.created_at AS createdAt"
#define DEALER_FROM                                    \
	" FROM live_dealers d JOIN users u ON u.id = d.user_id" \
	" JOIN live_organizations o ON o.id = d.organization_id"

/* clang-format off */
static const struct cl_filter dealer_filters[] = {
	{ .param = "status", .type = CL_FILTER_ENUM_LIST, .sql = "d.status IN",
	  .values = live_dealer_statuses },
	{ .param = "accountStatus", .type = CL_FILTER_ENUM_LIST,
	  .sql = "u.presence IN", .values = live_presences },
	{ .param = "organizationName", .type = CL_FILTER_STR, .sql = "o.name = ?" },
	{ .param = "organizationId", .type = CL_FILTER_ID },
	{ .param = "name", .type = CL_FILTER_STR },
	{ .param = "phone", .type = CL_FILTER_STR },
	{ .param = "email", .type = CL_FILTER_STR },
	{ .param = "from", .type = CL_FILTER_DATE },
	{ .param = "to", .type = CL_FILTER_DATE },
	{ 0 }
};
/* clang-format on */

const struct cl_list_spec live_dealer_list = {
	.select = "SELECT " DEALER_COLUMNS DEALER_FROM,
	.count = "SELECT COUNT(*)" DEALER_FROM,
	.filters = dealer_filters,
	.order = "d.created_at DESC, u.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

static struct cl_stmt dealer_get_sql =
    CL_STMT("SELECT " DEALER_COLUMNS DEALER_FROM " WHERE d.user_id = ?");

int
live_dealer_get(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    struct live_dealer *out)
{
	struct cl_bind p[] = { CL_BIND_INT(user_id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &dealer_get_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_dealer_cols, &rows, 0, out) : rc;
}

static struct cl_stmt dealer_insert_sql = CL_STMT(
    "INSERT INTO live_dealers (user_id, organization_id) VALUES (?, ?)");

int
live_dealer_insert(struct cl_db *db, int64_t user_id, int64_t org_id)
{
	struct cl_bind p[] = { CL_BIND_INT(user_id), CL_BIND_INT(org_id) };

	return cl_db_exec(db, &dealer_insert_sql, p, 2, NULL, NULL);
}

/* Vehicles. */

#define VEHICLE_COLUMNS                                              \
	"x.id, x.organization_id AS organizationId, x.vin, x.make, "   \
	"x.model, x.type, COALESCE(x.year, 0) AS year, "               \
	"x.created_at AS createdAt"

static struct cl_stmt vehicle_insert_sql = CL_STMT(
    "INSERT INTO live_vehicles (organization_id, vin, make, model, type, "
    "year) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0))");

int
live_vehicle_insert(struct cl_db *db, const struct live_vehicle *v,
    int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_INT(v->organization_id),
		CL_BIND_STR(v->vin), CL_BIND_STR(v->make), CL_BIND_STR(v->model),
		CL_BIND_STR(v->type), CL_BIND_INT(v->year) };
	uint64_t n = 0;
	int rc = cl_db_exec(db, &vehicle_insert_sql, p, CL_NELEMS(p), NULL, &n);

	*id = (int64_t)n;
	return rc;
}

static struct cl_stmt vehicle_find_sql = CL_STMT("SELECT " VEHICLE_COLUMNS
    " FROM live_vehicles x WHERE x.vin = ? ORDER BY x.id LIMIT 1");

int
live_vehicle_find(struct cl_db *db, struct cl_arena *a, const char *vin,
    struct live_vehicle *out)
{
	struct cl_bind p[] = { CL_BIND_STR(vin) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &vehicle_find_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_vehicle_cols, &rows, 0, out) : rc;
}

/* Leads. */

#define LEAD_COLUMNS                                                          \
	"l.id, l.stream_id AS streamId, l.organization_id AS organizationId, " \
	"o.name AS organizationName, l.vin, v.make AS carMake, "              \
	"v.model AS carModel, v.type AS carType, st.status, l.email, "        \
	"l.first_name AS firstName, l.last_name AS lastName, l.phone, "       \
	"l.comment, l.created_at AS createdAt"
#define LEAD_FROM                                                             \
	" FROM live_leads l FORCE INDEX FOR ORDER BY (live_leads_org)"        \
	" JOIN live_organizations o ON o.id = l.organization_id"              \
	" LEFT JOIN live_vehicles v ON v.organization_id = l.organization_id" \
	" AND v.vin = l.vin"                                                  \
	" LEFT JOIN live_streams st ON st.id = l.stream_id"
/* Without organizationName: as STREAM_FROM_BY_TIME, down
 * live_leads_created, (created_at, id); the stream by its key (a status
 * filter would otherwise look it up by status, every stream of it for
 * every lead). */
#define LEAD_FROM_BY_TIME                                                     \
	" FROM live_leads l FORCE INDEX (live_leads_created)"                 \
	" JOIN live_organizations o ON o.id = l.organization_id"              \
	" LEFT JOIN live_vehicles v FORCE INDEX (live_vehicles_org_vin)"      \
	" ON v.organization_id = l.organization_id AND v.vin = l.vin"         \
	" LEFT JOIN live_streams st FORCE INDEX (PRIMARY) ON st.id = l.stream_id"

/* clang-format off */
static const struct cl_filter lead_filters[] = {
	DASHBOARD_FILTERS("st.status IN")
};
/* clang-format on */

const struct cl_list_spec live_lead_list = {
	.select = "SELECT " LEAD_COLUMNS LEAD_FROM,
	.count = "SELECT COUNT(*)" LEAD_FROM,
	.filters = lead_filters,
	.order = "l.created_at DESC, l.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

const struct cl_list_spec live_lead_list_by_time = {
	.select = "SELECT STRAIGHT_JOIN " LEAD_COLUMNS LEAD_FROM_BY_TIME,
	.count = "SELECT COUNT(*)" LEAD_FROM,
	.filters = lead_filters,
	.order = "l.created_at DESC, l.id DESC",
	.pagination = CL_LIMIT_OFFSET,
	.max = 200,
};

static struct cl_stmt lead_insert_sql = CL_STMT(
    "INSERT INTO live_leads (stream_id, organization_id, vin, email, "
    "first_name, last_name, phone, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

int
live_lead_insert(struct cl_db *db, const struct live_lead *l, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_STR(l->stream_id),
		CL_BIND_INT(l->organization_id), CL_BIND_STR(l->vin),
		CL_BIND_STR(l->email), CL_BIND_STR(l->first_name),
		CL_BIND_STR(l->last_name), CL_BIND_STR(l->phone),
		CL_BIND_STR(l->comment) };
	uint64_t n = 0;
	int rc = cl_db_exec(db, &lead_insert_sql, p, CL_NELEMS(p), NULL, &n);

	*id = (int64_t)n;
	return rc;
}

static struct cl_stmt lead_get_sql =
    CL_STMT("SELECT " LEAD_COLUMNS LEAD_FROM " WHERE l.id = ?");
static struct cl_stmt lead_contact_sql = CL_STMT("SELECT " LEAD_COLUMNS
    LEAD_FROM " WHERE l.stream_id = ? AND (COALESCE(l.email, '') <> '' "
    "OR COALESCE(l.phone, '') <> '') ORDER BY l.id DESC LIMIT 1");

int
live_lead_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_lead *out)
{
	struct cl_bind p[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &lead_get_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_lead_cols, &rows, 0, out) : rc;
}

int
live_lead_contact(struct cl_db *db, struct cl_arena *a, const char *stream_id,
    struct live_lead *out)
{
	struct cl_bind p[] = { CL_BIND_STR(stream_id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &lead_contact_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_lead_cols, &rows, 0, out) : rc;
}

/* Chat. */

#define MESSAGE_COLUMNS                                                  \
	"m.id, m.stream_id AS streamId, m.sender, m.message, " \
	"m.created_at AS createdAt"

const struct cl_list_spec live_message_list = {
	.select = "SELECT " MESSAGE_COLUMNS " FROM live_chat_messages m",
	.count = "SELECT COUNT(*) FROM live_chat_messages m",
	.order = "m.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 100,
};

static struct cl_stmt message_insert_sql = CL_STMT(
    "INSERT INTO live_chat_messages (stream_id, sender, message) "
    "VALUES (?, ?, ?)");

int
live_message_insert(struct cl_db *db, const char *stream_id, const char *from,
    const char *message, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_STR(stream_id), CL_BIND_STR(from),
		CL_BIND_STR(message) };
	uint64_t n = 0;
	int rc = cl_db_exec(db, &message_insert_sql, p, 3, NULL, &n);

	*id = (int64_t)n;
	return rc;
}

static struct cl_stmt message_get_sql = CL_STMT(
    "SELECT " MESSAGE_COLUMNS " FROM live_chat_messages m WHERE m.id = ?");

int
live_message_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_message *out)
{
	struct cl_bind p[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &message_get_sql, p, 1, &rows);

	return rc == CL_OK ? cl_cols_read(live_message_cols, &rows, 0, out) : rc;
}

int
live_count(struct cl_db *db, struct cl_arena *a, const struct cl_list_query *q,
    int64_t *n)
{
	struct cl_rows rows;
	int rc = cl_db_query_text(db, a,
	    cl_arena_printf(a, "%s%s", q->spec->count, q->where), q->binds,
	    q->nbinds, &rows);

	if (rc != CL_OK)
		return rc;
	if (rows.nrows != 1 || cl_parse_int(CL_ROW(&rows, 0, 0), n) != CL_OK)
		return CL_EDB;
	return CL_OK;
}

/* Events in identity's outbox (sql/0051). */

/* FOR UPDATE SKIP LOCKED: the jobs of every host run this; each takes
 * rows no other holds, and an event leaves the set when its delivery
 * commits with the claim (core/claim.h), so none is delivered twice. */
static struct cl_stmt events_claim_sql = CL_STMT(
    "SELECT id, recipient, subject, body, attempts FROM outbox "
    "WHERE channel = 'pusher' AND sent_at IS NULL "
    "AND (next_attempt_at IS NULL OR next_attempt_at <= UTC_TIMESTAMP(6)) "
    "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED");

int
live_events_claim(struct cl_db *db, struct cl_arena *a, int n,
    cl_claim_fn fn, void *ctx, size_t *done)
{
	struct cl_bind p[] = { CL_BIND_INT(n) };

	return cl_claim_rows(db, a, &events_claim_sql, p, 1, fn, ctx, done);
}

static struct cl_stmt event_sent_sql = CL_STMT(
    "UPDATE outbox SET sent_at = UTC_TIMESTAMP(6) WHERE id = ?");

int
live_event_sent(struct cl_db *db, int64_t id)
{
	struct cl_bind p[] = { CL_BIND_INT(id) };

	return cl_db_exec(db, &event_sent_sql, p, 1, NULL, NULL);
}

static struct cl_stmt event_retry_sql = CL_STMT(
    "UPDATE outbox SET attempts = attempts + 1, "
    "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND WHERE id = ?");

int
live_event_retry(struct cl_db *db, int64_t id, int64_t delay)
{
	struct cl_bind p[] = { CL_BIND_INT(delay), CL_BIND_INT(id) };

	return cl_db_exec(db, &event_retry_sql, p, 2, NULL, NULL);
}

/* A user's display name and email, for presence channels' user_info. */
static struct cl_stmt user_info_sql = CL_STMT(
    "SELECT TRIM(CONCAT(first_name, ' ', last_name)), COALESCE(email, '') "
    "FROM users WHERE id = ?");

int
live_user_info(struct cl_db *db, struct cl_arena *a, int64_t id,
    const char **name, const char **email)
{
	struct cl_bind p[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc = cl_db_query_row(db, a, &user_info_sql, p, 1, &rows);

	if (rc != CL_OK)
		return rc;
	*name = cl_rows_str(&rows, 0, 0);
	*email = cl_rows_str(&rows, 0, 1);
	return CL_OK;
}

/* Every SELECT that a column table reads, for tests/unit/livestream/
 * test_sql.c. */
const struct live_sql_check live_sql_checks[] = {
	{ live_stream_cols, &live_call_list.select },
	{ live_stream_cols, &live_call_list_by_time.select },
	{ live_stream_cols, &live_stream_list.select },
	{ live_stream_cols, &stream_get_sql.sql },
	{ live_lead_cols, &live_lead_list.select },
	{ live_lead_cols, &live_lead_list_by_time.select },
	{ live_lead_cols, &lead_get_sql.sql },
	{ live_lead_cols, &lead_contact_sql.sql },
	{ live_org_cols, &live_org_list.select },
	{ live_org_cols, &org_get_sql.sql },
	{ live_org_cols, &org_by_code_sql.sql },
	{ live_org_cols, &org_by_token_sql.sql },
	{ live_dealer_cols, &live_dealer_list.select },
	{ live_dealer_cols, &dealer_get_sql.sql },
	{ live_vehicle_cols, &vehicle_find_sql.sql },
	{ live_message_cols, &live_message_list.select },
	{ live_message_cols, &message_get_sql.sql },
	{ NULL, NULL }
};
