/* Module livestream: a stream's life (API.md §7). request (the customer,
 * by organization code) -> accept (a dealer of that organization) ->
 * stop; missed and expired come from the timeouts, applied lazily here
 * before every read or write of a stream and by the periodic job. Each
 * move is one conditional UPDATE in db.c; when it matches nothing, the
 * stream is read to say why (404 or 409). */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <string.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* 16 random bytes: the id is the customer's only key to the stream. */
#define STREAM_ID_BYTES 16

struct stream_in {
	const char	*vin;
	const char	*first_name, *last_name, *phone, *email;
};

/* clang-format off */
static const struct cl_field stream_in_fields[] = {
	CL_STR("vin",         struct stream_in, vin,        CL_REQUIRED, 1, 17),
	CL_STR("firstName",   struct stream_in, first_name, CL_NULLABLE, 0, 150),
	CL_STR("lastName",    struct stream_in, last_name,  CL_NULLABLE, 0, 150),
	CL_STR("phone",       struct stream_in, phone,      CL_NULLABLE, 0, 32),
	CL_EMAIL("email",     struct stream_in, email,      CL_NULLABLE, 0, 254),
	{ 0 }
};
/* clang-format on */

static bool
is_finished(const char *status)
{
	return strcmp(status, "completed") == 0 ||
	    strcmp(status, "missed") == 0 || strcmp(status, "expired") == 0;
}

/* The stream of path parameter streamId after expiry, into s; 404 for
 * an unknown one (or one of another organization when org is not 0). */
static int
stream_or_reply(struct cl_req *r, int64_t org, struct live_stream *s)
{
	const char *id = cl_req_param(r, "streamId");
	int rc;

	if (id == NULL || strlen(id) != 2 * STREAM_ID_BYTES)
		return cl_fail(r, 404, "not_found", "No stream has this id.");
	rc = live_streams_expire(r->db, id);
	if (rc == CL_OK)
		rc = live_stream_get(r->db, r->arena, id, s);
	if (rc == CL_ENOTFOUND || (rc == CL_OK && org != 0 &&
	    s->organization_id != org))
		return cl_fail(r, 404, "not_found", "No stream has this id.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

/* Re-reads stream id and answers it with status. */
static int
reply_stream(struct cl_req *r, int status, const char *id)
{
	struct live_stream s;
	int rc = live_stream_get(r->db, r->arena, id, &s);

	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, status, cl_cols_render(live_stream_cols, &s));
}

static int
publish(struct cl_req *r, const char *event, const char *id)
{
	struct live_stream s;
	int rc = live_stream_get(r->db, r->arena, id, &s);

	if (rc == CL_OK)
		rc = live_publish(r->db,
		    cl_arena_printf(r->arena, "private-org-%" PRId64,
		        s.organization_id),
		    event, cl_cols_render(live_stream_cols, &s));
	return rc;
}

/* POST /streams/request/{organizationCode} (API.md §7, apikey): {vin,
 * firstName?, lastName?, phone?, email?} -> 201 the stream; publishes
 * stream-requested to private-org-<orgId>. CL_TX: the stream and its
 * event commit together. */
int
live_streams_create(struct cl_req *r)
{
	struct stream_in in = { 0 };
	struct live_stream s = { 0 };
	struct live_org o;
	int rc;

	if ((rc = cl_fields_or_reply(r, stream_in_fields, &in, CL_FIELDS_FULL,
	    NULL)) != 0)
		return rc;
	rc = live_org_find_by_code(r->db, r->arena,
	    cl_req_param(r, "organizationCode"), &o);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found",
		    "No organization has this code.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	s.id = auth_random_token(r->arena, STREAM_ID_BYTES);
	if (s.id == NULL)
		return cl_fail_db(r, CL_EIO);
	s.organization_id = o.id;
	s.vin = in.vin;
	s.first_name = in.first_name;
	s.last_name = in.last_name;
	s.phone = in.phone;
	s.email = in.email;
	rc = live_stream_insert(r->db, &s);
	if (rc == CL_OK)
		rc = publish(r, "stream-requested", s.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_stream(r, 201, s.id);
}

/* POST /streams/accept/{streamId} (API.md §7, a dealer of the stream's
 * organization holding streams:accept): -> 200 the stream, streaming; a
 * stream no longer requested (another dealer was first, it was stopped
 * or it timed out): 409. */
int
live_streams_accept(struct cl_req *r)
{
	struct live_dealer d;
	struct live_stream s;
	int rc;

	if ((rc = live_dealer_or_reply(r, &d)) != 0 ||
	    (rc = stream_or_reply(r, d.organization_id, &s)) != 0)
		return rc;
	rc = live_stream_accept(r->db, s.id, d.organization_id, d.id);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 409, "stream_not_requested",
		    "This stream is no longer waiting for a dealer.");
	if (rc == CL_OK)
		rc = publish(r, "stream-accepted", s.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_stream(r, 200, s.id);
}

/* POST /streams/stop/{streamId} (API.md §7, apikey): -> 200 the stream,
 * completed (it was streaming) or missed (nobody had accepted); already
 * finished: 409. */
int
live_streams_stop(struct cl_req *r)
{
	struct live_stream s;
	int rc;

	if ((rc = stream_or_reply(r, 0, &s)) != 0)
		return rc;
	rc = live_stream_stop(r->db, s.id);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 409, "stream_finished",
		    "This stream has already finished.");
	if (rc == CL_OK)
		rc = publish(r, "stream-stopped", s.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_stream(r, 200, s.id);
}

/* GET /streams/{streamId} (API.md §7, apikey): the stream, expiry applied
 * first. */
int
live_streams_show(struct cl_req *r)
{
	struct live_stream s;
	int rc;

	if ((rc = stream_or_reply(r, 0, &s)) != 0)
		return rc;
	return cl_reply_json(r, 200, cl_cols_render(live_stream_cols, &s));
}

/* Answers {"count","results"} of a list query on cols. */
static int
reply_list(struct cl_req *r, struct cl_list_query *q,
    const struct cl_field *cols, size_t size)
{
	void *rows;
	size_t n;
	cJSON *body;
	int rc;

	q->enveloped = true;
	rc = cl_list_fetch(r->db, r->arena, q, cols, size, &rows, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "count", q->count);
	cJSON_AddItemToObject(body, "results",
	    cl_cols_render_all(cols, rows, n, size));
	return cl_reply_json(r, 200, body);
}

/* GET /streams (API.md §7, a dealer): its organization's streams, newest
 * first, skip/limit, and the calls' filters (name, phone, vin, from, to). */
int
live_streams_list(struct cl_req *r)
{
	struct live_dealer d;
	struct cl_list_query q;
	struct cl_kvlist kv;
	int64_t offset;
	int rc;

	if ((rc = live_dealer_or_reply(r, &d)) != 0 ||
	    (rc = live_filters_or_reply(r, &kv, &offset)) != 0 ||
	    (rc = live_query_or_reply(r, &kv, offset, &live_stream_list,
	    LIVE_CALLS, &q)) != 0)
		return rc;
	if ((rc = live_streams_expire(r->db, NULL)) != CL_OK)
		return cl_fail_db(r, rc);
	cl_list_scope(r->arena, &q, "s.organization_id = ?",
	    cl_bind_int(d.organization_id));
	return reply_list(r, &q, live_stream_cols, sizeof(struct live_stream));
}

/* POST /ping (API.md §7, a dealer): records the heartbeat and keeps the
 * dealer's running streams alive. */
int
live_pings_create(struct cl_req *r)
{
	struct live_dealer d;
	cJSON *body;
	int rc;

	if ((rc = live_dealer_or_reply(r, &d)) != 0)
		return rc;
	rc = live_heartbeat_upsert(r->db, d.id);
	if (rc == CL_OK)
		rc = live_streams_ping(r->db, d.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "status", "ok");
	return cl_reply_json(r, 200, body);
}

/* POST /streams/log/{streamId} (API.md §7, apikey): {type, code} -> 201.
 * code may be a number (the seed sends 3) or a string. */
int
live_logs_create(struct cl_req *r)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(r->json, "type");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(r->json, "code");
	const char *code_s = NULL;
	struct live_stream s;
	cJSON *body;
	int64_t v, id;
	int rc;

	if (!cJSON_IsString(type) || cl_utf8_len(type->valuestring) < 1 ||
	    cl_utf8_len(type->valuestring) > 50)
		cl_fail_field(r, "type", "A string of 1 to 50 characters is required.");
	if (cJSON_IsString(code) && cl_utf8_len(code->valuestring) >= 1 &&
	    cl_utf8_len(code->valuestring) <= 50)
		code_s = code->valuestring;
	else if (cl_json_int(code, &v))
		code_s = cl_arena_printf(r->arena, "%" PRId64, v);
	else
		cl_fail_field(r, "code", "A number or a string of 1 to 50 characters is required.");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	if ((rc = stream_or_reply(r, 0, &s)) != 0)
		return rc;
	rc = live_log_insert(r->db, s.id, type->valuestring, code_s, &id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "id", id);
	cJSON_AddStringToObject(body, "streamId", s.id);
	cJSON_AddStringToObject(body, "type", type->valuestring);
	cJSON_AddStringToObject(body, "code", code_s);
	return cl_reply_json(r, 201, body);
}

struct note_in {
	const char *note;
};

static const struct cl_field note_fields[] = {
	CL_STR("note", struct note_in, note, CL_REQUIRED, 0, 5000),
	{ 0 }
};

/* POST /streams/note/{streamId} (API.md §7, a dealer of its organization):
 * {note} -> 200 the stream; only a finished stream takes a note (409). */
int
live_notes_update(struct cl_req *r)
{
	struct note_in in = { 0 };
	struct live_dealer d;
	struct live_stream s;
	int rc;

	if ((rc = cl_fields_or_reply(r, note_fields, &in, CL_FIELDS_FULL,
	    NULL)) != 0 ||
	    (rc = live_dealer_or_reply(r, &d)) != 0 ||
	    (rc = stream_or_reply(r, d.organization_id, &s)) != 0)
		return rc;
	rc = live_stream_note(r->db, s.id, d.organization_id, in.note);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 409, "stream_running",
		    "A note can only be written on a finished stream.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_stream(r, 200, s.id);
}

/* POST /streams/sendloanlink/{streamId} (API.md §7, a dealer of its
 * organization): queues the organization's loan link to the stream's lead
 * in the outbox, by email when the lead has one, else by SMS. A running
 * stream, one without a lead to reach, or an organization without a loan
 * link: 409. */
int
live_loanlinks_create(struct cl_req *r)
{
	struct live_dealer d;
	struct live_stream s;
	struct live_lead l;
	struct live_org o;
	const char *channel, *to;
	cJSON *body;
	int rc;

	if ((rc = live_dealer_or_reply(r, &d)) != 0 ||
	    (rc = stream_or_reply(r, d.organization_id, &s)) != 0)
		return rc;
	if (!is_finished(s.status))
		return cl_fail(r, 409, "stream_running",
		    "The loan link is sent once the stream has finished.");
	rc = live_lead_contact(r->db, r->arena, s.id, &l);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 409, "no_lead",
		    "This stream has no lead with an email or a phone.");
	if (rc == CL_OK)
		rc = live_org_get(r->db, r->arena, s.organization_id, &o);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (o.loan_link_url == NULL || *o.loan_link_url == '\0')
		return cl_fail(r, 409, "no_loan_link",
		    "The organization has no loan link.");
	channel = l.email && *l.email ? "email" : "sms";
	to = l.email && *l.email ? l.email : l.phone;
	rc = auth_outbox_queue(r->db, channel, to, "Your loan application",
	    cl_arena_printf(r->arena, "%s: apply for your loan at %s", o.name,
	        o.loan_link_url));
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "channel", channel);
	cJSON_AddStringToObject(body, "recipient", to);
	return cl_reply_json(r, 200, body);
}
