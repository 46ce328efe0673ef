/* Module identity: struct-to-cJSON renderers for the account shapes of
 * seeds 000 and 002. Pure: a struct goes in, a new tree comes out. */
#include "config.h"

#include "auth/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/banned.h"

static cJSON *
object(void)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		abort(); /* out of memory: the worker restarts */
	return o;
}

static cJSON *
add(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort();
	return obj;
}

const char *
auth_login_name(const struct auth_user *u)
{
	return u->username ? u->username : u->email;
}

cJSON *
auth_render_login_user(const struct auth_user *u)
{
	cJSON *o = object();

	cl_json_add_str(o, "user_xid", u->xid);
	cl_json_add_str(o, "username", auth_login_name(u));
	cl_json_add_str(o, "first_name", u->first_name);
	cl_json_add_str(o, "last_name", u->last_name);
	cl_json_add_str(o, "email", u->email);
	return o;
}

cJSON *
auth_render_registered(const struct auth_user *u)
{
	cJSON *o = object();

	cl_json_add_int(o, "id", u->id);
	cl_json_add_str(o, "email", u->email);
	cl_json_add_str(o, "username", u->username);
	cl_json_add_str(o, "firstName", u->first_name);
	cl_json_add_str(o, "lastName", u->last_name);
	return o;
}

/* Seed 002's account: the registered form plus presence. */
cJSON *
auth_render_account(const struct auth_user *u)
{
	return cl_json_add_str(auth_render_registered(u), "presence",
	    u->presence);
}

cJSON *
auth_render_message(const char *message)
{
	return cl_json_add_str(object(), "message", message);
}

cJSON *
auth_render_login(const char *token, const char *expiry,
    const struct auth_user *u)
{
	cJSON *data = object();

	cl_json_add_str(data, "access_token", token);
	cl_json_add_str(data, "expiry_datetime", expiry);
	add(data, "user", auth_render_login_user(u));
	return add(cl_json_add_str(object(), "status", "success"), "data", data);
}

cJSON *
auth_render_session(const char *token, const struct auth_user *u)
{
	return add(cl_json_add_str(object(), "token", token), "account",
	    auth_render_account(u));
}

cJSON *
auth_render_token_pair(const char *refresh, const char *access)
{
	cJSON *pair = object();

	cl_json_add_str(pair, "refresh", refresh);
	cl_json_add_str(pair, "access", access);
	return add(object(), "token", pair);
}

cJSON *
auth_render_access(const char *access)
{
	return cl_json_add_str(object(), "access", access);
}

cJSON *
auth_render_presence(const char *presence)
{
	return cl_json_add_str(object(), "presence", presence);
}

cJSON *
auth_render_rotated(const char *access, const char *refresh)
{
	cJSON *o = object();

	cl_json_add_str(o, "access", access);
	cl_json_add_str(o, "refresh", refresh);
	return o;
}

cJSON *
auth_render_sessions(const struct auth_session *s, size_t n, int64_t current)
{
	cJSON *list = cJSON_CreateArray();
	char buf[CL_DATETIME_BUF];
	size_t i;

	if (list == NULL)
		abort();
	for (i = 0; i < n; i++) {
		cJSON *o = object();

		cl_json_add_int(o, "id", s[i].id);
		cl_json_add_str(o, "created_at",
		    cl_datetime_iso(s[i].created_at, buf));
		cl_json_add_str(o, "last_used_at",
		    cl_datetime_iso(s[i].last_used_at, buf));
		cl_json_add_str(o, "platform", s[i].platform);
		if (cJSON_AddBoolToObject(o, "current", s[i].id == current) ==
		    NULL || !cJSON_AddItemToArray(list, o))
			abort();
	}
	return list;
}
