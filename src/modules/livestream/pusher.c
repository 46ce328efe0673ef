/* Module livestream: Pusher Channels (API.md §7). POST /socket/auth signs
 * a socket's subscription to a private or presence channel exactly as
 * Pusher's server SDKs do; events are signed for Pusher's HTTP events API
 * (jobs.c delivers them). The signing functions are pure
 * (tests/unit/livestream/test_pusher.c). */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/db.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

char *
live_pusher_sign(struct cl_arena *a, const char *key, const char *secret,
    const char *socket_id, const char *channel, const char *channel_data)
{
	char *msg, mac[AUTH_HMAC_HEX];

	msg = channel_data ?
	    cl_arena_printf(a, "%s:%s:%s", socket_id, channel, channel_data) :
	    cl_arena_printf(a, "%s:%s", socket_id, channel);
	auth_hmac_sha256_hex(secret, msg, strlen(msg), mac);
	return cl_arena_printf(a, "%s:%s", key, mac);
}

static void
md5_hex(const char *s, char *out)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_Digest(s, strlen(s), md, &n, EVP_md5(), NULL) != 1)
		n = 0;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

char *
live_pusher_events_query(struct cl_arena *a, const char *key,
    const char *secret, const char *app_id, const char *body,
    int64_t timestamp)
{
	char md5[33], mac[AUTH_HMAC_HEX], *query, *to_sign;

	md5_hex(body, md5);
	/* Pusher signs "METHOD\nPATH\nQUERY" with the query's keys sorted:
	 * auth_key < auth_timestamp < auth_version < body_md5. */
	query = cl_arena_printf(a,
	    "auth_key=%s&auth_timestamp=%" PRId64 "&auth_version=1.0"
	    "&body_md5=%s", key, timestamp, md5);
	to_sign = cl_arena_printf(a, "POST\n/apps/%s/events\n%s", app_id, query);
	auth_hmac_sha256_hex(secret, to_sign, strlen(to_sign), mac);
	return cl_arena_printf(a, "%s&auth_signature=%s", query, mac);
}

/* Pusher's socket ids are "<digits>.<digits>". */
static bool
is_socket_id(const char *s)
{
	size_t a = strspn(s, "0123456789"), b;

	if (a == 0 || s[a] != '.')
		return false;
	b = strspn(s + a + 1, "0123456789");
	return b > 0 && s[a + 1 + b] == '\0' && a + b < 64;
}

/* The organization of "private-org-<id>" or "presence-org-<id>"
 * (*presence says which), or 0. */
static int64_t
channel_org(const char *channel, bool *presence)
{
	const char *rest;
	int64_t id;

	*presence = strncmp(channel, "presence-org-", 13) == 0;
	if (*presence)
		rest = channel + 13;
	else if (strncmp(channel, "private-org-", 12) == 0)
		rest = channel + 12;
	else
		return 0;
	if (*rest < '1' || *rest > '9' || cl_parse_int(rest, &id) != CL_OK)
		return 0;
	return id;
}

/* socket_id and channel_name from a JSON or a form body (pusher-js posts
 * application/x-www-form-urlencoded). */
static int
auth_params_or_reply(struct cl_req *r, const char **socket_id,
    const char **channel)
{
	const char *ct = r->content_type ? r->content_type : "";
	struct cl_kvlist form;
	cJSON *json;

	*socket_id = *channel = NULL;
	if (r->body == NULL)
		return cl_fail(r, 400, "invalid_body",
		    "socket_id and channel_name are required.");
	if (strncasecmp(ct, "application/json", 16) == 0) {
		json = cJSON_ParseWithLength(r->body, r->body_len);
		cl_arena_defer(r->arena, cl_json_free, json);
		if (!cJSON_IsObject(json))
			return cl_fail(r, 400, "invalid_json",
			    "The body must be a JSON object.");
		*socket_id = cl_arena_strdup(r->arena, cl_json_str(json, "socket_id"));
		*channel = cl_arena_strdup(r->arena, cl_json_str(json, "channel_name"));
	} else if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		if (cl_query_parse(r->arena, r->body, &form) != CL_OK)
			return cl_fail(r, 400, "invalid_body",
			    "The form body is malformed.");
		*socket_id = cl_kvlist_get(&form, "socket_id");
		*channel = cl_kvlist_get(&form, "channel_name");
	} else {
		return cl_fail(r, 415, "unsupported_media_type",
		    "The body must be application/json or a form.");
	}
	if (*socket_id == NULL || !is_socket_id(*socket_id))
		cl_fail_field(r, "socket_id", "A Pusher socket id is required.");
	if (*channel == NULL || **channel == '\0')
		cl_fail_field(r, "channel_name", "This field is required.");
	return cl_has_field_errors(r) ? cl_fail_validation(r) : 0;
}

/* POST /socket/auth (API.md §7, a user): {"auth"} for private-org-<id>,
 * and {"auth","channel_data"} for presence-org-<id>, when the caller is
 * an active dealer of that organization or a superuser; any other
 * channel: 403. */
int
live_sockets_auth(struct cl_req *r)
{
	const char *socket_id, *channel, *name, *email, *data = NULL;
	struct live_dealer d;
	bool presence;
	int64_t org;
	cJSON *body, *cd, *info;
	int rc;

	if ((rc = auth_params_or_reply(r, &socket_id, &channel)) != 0)
		return rc;
	if (!live_pusher_conf.key[0] || !live_pusher_conf.secret[0])
		return cl_fail(r, 503, "pusher_not_configured",
		    "[pusher] key and secret are not configured.");
	org = channel_org(channel, &presence);
	rc = live_dealer_get(r->db, r->arena, r->caller.user_id, &d);
	if (rc != CL_OK && rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	if (org == 0 || (!r->caller.is_superuser && (rc != CL_OK ||
	    d.organization_id != org || strcmp(d.status, "active") != 0)))
		return cl_fail(r, 403, "permission_denied",
		    "You may not subscribe to this channel.");
	if (presence) {
		rc = live_user_info(r->db, r->arena, r->caller.user_id, &name,
		    &email);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		cd = cJSON_CreateObject();
		cJSON_AddStringToObject(cd, "user_id",
		    cl_arena_printf(r->arena, "%" PRId64, r->caller.user_id));
		info = cJSON_AddObjectToObject(cd, "user_info");
		cJSON_AddStringToObject(info, "name", name);
		cJSON_AddStringToObject(info, "email", email);
		data = cJSON_PrintUnformatted(cd);
		cJSON_Delete(cd);
		cl_arena_defer(r->arena, cJSON_free, (void *)data);
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "auth",
	    live_pusher_sign(r->arena, live_pusher_conf.key,
	        live_pusher_conf.secret, socket_id, channel, data));
	if (data)
		cJSON_AddStringToObject(body, "channel_data", data);
	return cl_reply_json(r, 200, body);
}
