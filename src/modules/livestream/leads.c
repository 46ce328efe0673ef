/* Module livestream: POST /leads (a customer's feedback) and the chat of a
 * stream (API.md §7). */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct lead_in {
	const char	*stream_id, *organization_token, *vin_id;
	const char	*email, *first_name, *last_name, *phone, *comment;
};

/* clang-format off */
#define I struct lead_in
static const struct cl_field lead_in_fields[] = {
	CL_STR("streamId",          I, stream_id,          CL_NULLABLE, 1, 64),
	CL_STR("organizationToken", I, organization_token, CL_NULLABLE, 1, 100),
	CL_STR("vinId",             I, vin_id,             CL_NULLABLE, 1, 17),
	CL_EMAIL("email",           I, email,              CL_NULLABLE, 0, 254),
	CL_STR("firstName",         I, first_name,         CL_NULLABLE, 0, 150),
	CL_STR("lastName",          I, last_name,          CL_NULLABLE, 0, 150),
	CL_STR("phone",             I, phone,              CL_NULLABLE, 0, 32),
	CL_STR("comment",           I, comment,            CL_NULLABLE, 0, 5000),
	{ 0 }
};
#undef I
/* clang-format on */

/* Where the lead hangs: the stream when streamId is given (it wins), else
 * the organization of organizationToken and vinId. */
static int
lead_target_or_reply(struct cl_req *r, const struct lead_in *in,
    struct live_lead *l)
{
	struct live_stream s;
	struct live_org o;
	int rc;

	if (in->stream_id != NULL) {
		rc = live_streams_expire(r->db, in->stream_id);
		if (rc == CL_OK)
			rc = live_stream_get(r->db, r->arena, in->stream_id, &s);
		if (rc == CL_ENOTFOUND)
			return cl_fail(r, 404, "not_found", "No stream has this id.");
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		l->stream_id = s.id;
		l->organization_id = s.organization_id;
		l->vin = s.vin;
		return 0;
	}
	if (in->organization_token == NULL || in->vin_id == NULL) {
		cl_fail_field(r, "streamId",
		    "Give streamId, or organizationToken and vinId.");
		return cl_fail_validation(r);
	}
	rc = live_org_find_by_token(r->db, r->arena, in->organization_token, &o);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found",
		    "No organization has this token.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	l->organization_id = o.id;
	l->vin = in->vin_id;
	return 0;
}

/* POST /leads (API.md §7, apikey): -> 201 the lead. */
int
live_leads_create(struct cl_req *r)
{
	struct lead_in in = { 0 };
	struct live_lead l = { 0 };
	int64_t id;
	int rc;

	if ((rc = cl_fields_or_reply(r, lead_in_fields, &in, CL_FIELDS_FULL,
	    NULL)) != 0 ||
	    (rc = lead_target_or_reply(r, &in, &l)) != 0)
		return rc;
	l.email = in.email;
	l.first_name = in.first_name;
	l.last_name = in.last_name;
	l.phone = in.phone;
	l.comment = in.comment;
	rc = live_lead_insert(r->db, &l, &id);
	if (rc == CL_OK)
		rc = live_lead_get(r->db, r->arena, id, &l);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, cl_cols_render(live_lead_cols, &l));
}

struct message_in {
	const char *from, *message;
};

static const struct cl_field message_in_fields[] = {
	CL_STR("from", struct message_in, from, CL_REQUIRED, 1, 100),
	CL_STR("message", struct message_in, message, CL_REQUIRED, 1, 2000),
	{ 0 }
};

static int
chat_stream_or_reply(struct cl_req *r, struct live_stream *s)
{
	int rc = live_stream_get(r->db, r->arena, cl_req_param(r, "streamId"), s);

	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found", "No stream has this id.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

/* POST /chat/{streamId} (API.md §7, apikey): {from, message} -> 201; the
 * message is 1-2000 characters (not bytes). */
int
live_messages_create(struct cl_req *r)
{
	struct message_in in = { 0 };
	struct live_message m;
	struct live_stream s;
	int64_t id;
	int rc;

	if ((rc = cl_fields_or_reply(r, message_in_fields, &in, CL_FIELDS_FULL,
	    NULL)) != 0 ||
	    (rc = chat_stream_or_reply(r, &s)) != 0)
		return rc;
	rc = live_message_insert(r->db, s.id, in.from, in.message, &id);
	if (rc == CL_OK)
		rc = live_message_get(r->db, r->arena, id, &m);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, cl_cols_render(live_message_cols, &m));
}

/* GET /chat/{streamId} (API.md §7, apikey): {"count","results"}, oldest
 * first, ?start= (offset) and ?limit= (default 10, max 100). */
int
live_messages_list(struct cl_req *r)
{
	struct cl_kv items[2];
	struct cl_kvlist kv = { .items = items };
	struct cl_list_query q;
	struct live_stream s;
	const char *start = cl_req_query(r, "start");
	const char *limit = cl_req_query(r, "limit");
	cJSON *errors, *body;
	void *rows;
	size_t n;
	int rc;

	items[kv.n].key = "limit";
	items[kv.n++].value = limit && *limit ? limit : "10";
	if (start && *start) {
		items[kv.n].key = "offset";
		items[kv.n++].value = start;
	}
	errors = cJSON_CreateObject();
	cl_arena_defer(r->arena, cl_json_free, errors);
	if (cl_list_parse(r->arena, &live_message_list, &kv, &q, errors) !=
	    CL_OK) {
		cl_fail_field(r, cJSON_GetObjectItem(errors, "offset") ?
		    "start" : "limit",
		    "Ensure start is at least 0 and limit is from 1 to 100.");
		return cl_fail_validation(r);
	}
	if ((rc = chat_stream_or_reply(r, &s)) != 0)
		return rc;
	cl_list_scope(r->arena, &q, "m.stream_id = ?", cl_bind_str(s.id));
	rc = cl_list_fetch(r->db, r->arena, &q, live_message_cols,
	    sizeof(struct live_message), &rows, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	body = cJSON_CreateObject();
	cl_json_add_int(body, "count", q.count);
	cJSON_AddItemToObject(body, "results",
	    cl_cols_render_all(live_message_cols, rows, n,
	        sizeof(struct live_message)));
	return cl_reply_json(r, 200, body);
}
