/* Inside module livestream only: the records and their column tables,
 * the configuration, the pure helpers (VIN, time zones, CSV, Pusher
 * signatures; unit-tested) and the prototypes shared between routes.c,
 * the handler files, db.c and cli.c. */
#ifndef CL_MODULES_LIVESTREAM_INTERNAL_H
#define CL_MODULES_LIVESTREAM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/claim.h"
#include "core/fields.h"

struct cJSON;
struct cl_arena;
struct cl_db;
struct cl_kvlist;
struct cl_list_query;
struct cl_list_spec;
struct cl_req;
struct cl_rows;

/* [livestream] and [pusher] (API.md §9). */
struct live_conf {
	int64_t		request_timeout;  /* s a requested stream waits */
	int64_t		ping_timeout;     /* s a streaming dealer may be silent */
};
struct live_pusher_conf {
	char		app_id[64];
	char		key[128];
	char		secret[128];
	char		url[512];         /* empty: events stay in the outbox */
};
extern struct live_conf live_conf;
extern struct live_pusher_conf live_pusher_conf;

/* A stream ("call"), with its organization's name and the inventory
 * vehicle's make, model and type when there is one. */
struct live_stream {
	const char	*id;
	int64_t		organization_id;
	const char	*organization_name;
	const char	*vin;
	const char	*car_make, *car_model, *car_type;
	const char	*first_name, *last_name, *phone, *email;
	int64_t		dealer_id;
	const char	*status;
	const char	*note;
	const char	*requested_at, *accepted_at, *last_ping_at;
	const char	*finished_at, *created_at;
};

struct live_lead {
	int64_t		id;
	const char	*stream_id;
	int64_t		organization_id;
	const char	*organization_name;
	const char	*vin;
	const char	*car_make, *car_model, *car_type;
	const char	*status;          /* its stream's, NULL without one */
	const char	*email, *first_name, *last_name, *phone, *comment;
	const char	*created_at;
};

struct live_org {
	int64_t		id;
	const char	*name, *code, *token, *loan_link_url, *created_at;
};

struct live_dealer {
	int64_t		id;               /* the user's id */
	const char	*email, *username, *first_name, *last_name, *phone;
	int64_t		organization_id;
	const char	*status;          /* active, inactive */
	const char	*account_status;  /* presence: online, offline */
	const char	*created_at;
};

struct live_vehicle {
	int64_t		id;
	int64_t		organization_id;
	const char	*vin, *make, *model, *type;
	int64_t		year;             /* 0: unknown */
	const char	*created_at;
};

struct live_message {
	int64_t		id;
	const char	*stream_id, *from, *message, *created_at;
};

extern const struct cl_field live_stream_cols[];
extern const struct cl_field live_lead_cols[];
extern const struct cl_field live_org_cols[];
extern const struct cl_field live_dealer_cols[];
extern const struct cl_field live_vehicle_cols[];
extern const struct cl_field live_message_cols[];
extern const char *const live_stream_statuses[];
extern const char *const live_dealer_statuses[];
extern const char *const live_presences[];

/* A statement and the column table its rows are read by (db.c). */
struct live_sql_check {
	const struct cl_field	*cols;
	const char *const	*sql;
};
extern const struct live_sql_check live_sql_checks[];

/* List specs (db.c): the fixed fragments of the dashboard's lists. */
extern const struct cl_list_spec live_call_list, live_lead_list,
    live_org_list, live_dealer_list, live_stream_list, live_message_list;
/* The same calls and leads in the same order for the CSV exports without
 * organizationName: read down (created_at, id), no sort. */
extern const struct cl_list_spec live_call_list_by_time,
    live_lead_list_by_time;

/* --- pure helpers ------------------------------------------------------ */

/* VIN (vin.c; ISO 3779, 49 CFR 565). */
struct live_vin {
	bool		well_formed;      /* 17 of A-H J-N P R-Z 0-9 */
	bool		check_digit_valid;
	char		wmi[4];
	const char	*make;            /* NULL: not in the table */
	const char	*country;         /* NULL: unassigned region */
	int		year;             /* 0: position 10 holds no year */
};
void live_vin_decode(const char *vin, struct live_vin *out);
/* The check digit position 9 must hold ('0'-'9' or 'X'), or 0 when the
 * VIN is not well formed. */
char live_vin_check_digit(const char *vin);

/* Room for "YYYY-MM-DD HH:MM:SS" with any int year (the compiler's view). */
#define LIVE_TIME_BUF 48

/* Time zones (filters.c). JavaScript's getTimezoneOffset convention:
 * minutes to add to local time to get UTC (GMT+7 is -420). Writes into
 * buf (LIVE_TIME_BUF bytes) the UTC "YYYY-MM-DD HH:MM:SS" at which local day date
 * begins (end false) or ends (end true, local 24:00). CL_OK, or CL_EINVAL
 * for a date that is not YYYY-MM-DD or an offset outside -840..840. */
int live_day_bound(const char *date, int64_t offset, bool end, char *buf);
/* A MariaDB UTC datetime ("2026-12-01 22:00:00[.ffffff]") as local time
 * "YYYY-MM-DD HH:MM:SS" in the zone of offset, into buf (LIVE_TIME_BUF).
 * NULL in, or text that does not parse: "". */
void live_time_local(const char *utc, int64_t offset, char *buf);

/* CSV (csv.c): s as one RFC 4180 field into out, which has room for
 * 2 * strlen(s) + 4 bytes: a cell starting with = + - or @ gets a leading
 * ' (formula injection); a cell holding , " CR or LF is quoted, its
 * quotes doubled. Returns the length written (no NUL). NULL is "". */
size_t live_csv_escape(const char *s, char *out);

/* Pusher (pusher.c). The private-channel auth "<key>:<hex HMAC-SHA256(
 * secret, socket_id:channel[:channel_data])>" from a; channel_data NULL
 * for private channels. */
char *live_pusher_sign(struct cl_arena *a, const char *key,
    const char *secret, const char *socket_id, const char *channel,
    const char *channel_data);
/* The signed query string of POST /apps/<app_id>/events with body, at
 * timestamp (s since the epoch), from a: auth_key, auth_timestamp,
 * auth_version=1.0, body_md5, auth_signature. */
char *live_pusher_events_query(struct cl_arena *a, const char *key,
    const char *secret, const char *app_id, const char *body,
    int64_t timestamp);

/* --- requests ---------------------------------------------------------- */

/* The dashboard's filters (filters.c): plain query parameters merged with
 * the keys of the JSON object in ?query= (plain ones win), empty values
 * dropped, skip renamed offset and limit defaulting to 20; fills *out and
 * *offset (timezoneoffset). On bad input records 400 and returns it. */
int live_filters_or_reply(struct cl_req *r, struct cl_kvlist *out,
    int64_t *offset);

enum live_kind { LIVE_CALLS, LIVE_LEADS, LIVE_DEALERS, LIVE_ORGS };
/* Reads filters by spec into q and adds the conditions a spec cannot say
 * (name, phone, email, vin substrings, from/to in the caller's zone) for
 * kind. Returns 0 or the 400 it recorded. */
int live_query_or_reply(struct cl_req *r, const struct cl_kvlist *kv,
    int64_t offset, const struct cl_list_spec *spec, enum live_kind kind,
    struct cl_list_query *q);

/* The caller as a dealer: 403 when it is none or inactive. */
int live_dealer_or_reply(struct cl_req *r, struct live_dealer *d);

/* Publishes event on channel: queued in the outbox (channel "pusher"),
 * delivered by the job when [pusher] url is set. Takes data. */
int live_publish(struct cl_db *db, const char *channel, const char *event,
    struct cJSON *data);

/* Handlers. */
int live_orgs_list(struct cl_req *r);
int live_calls_list(struct cl_req *r);
int live_leads_list(struct cl_req *r);
int live_calls_count(struct cl_req *r);
int live_leads_count(struct cl_req *r);
int live_calls_leads_count(struct cl_req *r);
int live_calls_leads_count_all(struct cl_req *r);
int live_dealers_list(struct cl_req *r);
int live_dealers_count(struct cl_req *r);
int live_calls_export(struct cl_req *r);
int live_leads_export(struct cl_req *r);
int live_streams_create(struct cl_req *r);
int live_streams_accept(struct cl_req *r);
int live_streams_stop(struct cl_req *r);
int live_streams_show(struct cl_req *r);
int live_streams_list(struct cl_req *r);
int live_pings_create(struct cl_req *r);
int live_logs_create(struct cl_req *r);
int live_notes_update(struct cl_req *r);
int live_loanlinks_create(struct cl_req *r);
int live_leads_create(struct cl_req *r);
int live_vins_show(struct cl_req *r);
int live_sockets_auth(struct cl_req *r);
int live_messages_create(struct cl_req *r);
int live_messages_list(struct cl_req *r);

/* The periodic job (jobs.c): expiry sweep, then event delivery. */
int live_job(struct cl_db *db, struct cl_arena *a);

/* CLI (cli.c). */
int live_cli_org(struct cl_db *db, int argc, char **argv);
int live_cli_dealer(struct cl_db *db, int argc, char **argv);
int live_cli_vehicle(struct cl_db *db, int argc, char **argv);
extern const char live_cli_org_usage[], live_cli_dealer_usage[],
    live_cli_vehicle_usage[];

/* --- data functions (db.c) --------------------------------------------- */

/* Expiry: requested streams older than request_timeout become missed,
 * streaming ones whose last ping is older than ping_timeout expired; all
 * of them (id NULL) or the one stream id. Each is one conditional UPDATE. */
int live_streams_expire(struct cl_db *db, const char *id);
/* Every stream past its timeout; *n (when not NULL) says how many made a
 * transition in this call (the job logs it). */
int live_streams_expire_all(struct cl_db *db, uint64_t *n);

int live_org_find_by_code(struct cl_db *db, struct cl_arena *a,
    const char *code, struct live_org *out);
int live_org_find_by_token(struct cl_db *db, struct cl_arena *a,
    const char *token, struct live_org *out);
int live_org_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_org *out);
int live_org_insert(struct cl_db *db, const struct live_org *o, int64_t *id);

int live_dealer_get(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    struct live_dealer *out);
int live_dealer_insert(struct cl_db *db, int64_t user_id, int64_t org_id);
int live_heartbeat_upsert(struct cl_db *db, int64_t user_id);

int live_vehicle_insert(struct cl_db *db, const struct live_vehicle *v,
    int64_t *id);
int live_vehicle_find(struct cl_db *db, struct cl_arena *a, const char *vin,
    struct live_vehicle *out);

int live_stream_insert(struct cl_db *db, const struct live_stream *s);
int live_stream_get(struct cl_db *db, struct cl_arena *a, const char *id,
    struct live_stream *out);
/* The transitions: CL_OK when the row moved, CL_ENOTFOUND when no row was
 * in the state the move starts from (the caller reads why). */
int live_stream_accept(struct cl_db *db, const char *id, int64_t org_id,
    int64_t dealer_id);
int live_stream_stop(struct cl_db *db, const char *id);
int live_stream_note(struct cl_db *db, const char *id, int64_t org_id,
    const char *note);
int live_streams_ping(struct cl_db *db, int64_t dealer_id);

int live_log_insert(struct cl_db *db, const char *stream_id, const char *type,
    const char *code, int64_t *id);
int live_lead_insert(struct cl_db *db, const struct live_lead *l, int64_t *id);
int live_lead_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_lead *out);
/* The newest lead of the stream with an email or a phone. */
int live_lead_contact(struct cl_db *db, struct cl_arena *a,
    const char *stream_id, struct live_lead *out);
int live_message_insert(struct cl_db *db, const char *stream_id,
    const char *from, const char *message, int64_t *id);
int live_message_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct live_message *out);

int live_user_info(struct cl_db *db, struct cl_arena *a, int64_t id,
    const char **name, const char **email);

/* Counts by a list query's conditions (its spec's count). */
int live_count(struct cl_db *db, struct cl_arena *a,
    const struct cl_list_query *q, int64_t *n);

/* Claims Pusher events not sent and due, oldest first (at most n), and
 * calls fn on each in the claim's transaction (cl_claim_rows): columns
 * id, recipient (channel), subject (event), body (data), attempts. fn
 * marks each sent or retried later. */
int live_events_claim(struct cl_db *db, struct cl_arena *a, int n,
    cl_claim_fn fn, void *ctx, size_t *done);
int live_event_sent(struct cl_db *db, int64_t id);
int live_event_retry(struct cl_db *db, int64_t id, int64_t delay);

#endif
