/* Module collections: struct-to-cJSON renderers (pure). */
#include "config.h"

#include "modules/collections/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/banned.h"

static cJSON *
user(
    int64_t id, const char *username, const char *email, const char *first_name)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		abort();
	cl_json_add_str(o, "username", username);
	cl_json_add_str(o, "email", email);
	cl_json_add_str(o, "first_name", first_name ? first_name : "");
	cl_json_add_int(o, "id", id);
	return o;
}

/* seed 000's agent: {user, created_by, roles, id, user_extension, cdate};
 * created_by is null when its user is gone (or the CLI made the agent). */
cJSON *
coll_render_agent(const void *row)
{
	const struct coll_agent *a = row;
	cJSON *o = cJSON_CreateObject(), *roles;
	char buf[CL_DATETIME_BUF];

	if (o == NULL)
		abort();
	cJSON_AddItemToObject(
	    o, "user", user(a->user_id, a->username, a->email, a->first_name));
	if (a->created_by)
		cJSON_AddItemToObject(o, "created_by",
		    user(a->created_by, a->created_by_username,
		        a->created_by_email, a->created_by_first_name));
	else
		cJSON_AddNullToObject(o, "created_by");
	roles = cJSON_Parse(a->roles);
	if (roles == NULL || !cJSON_IsArray(roles)) {
		cJSON_Delete(roles);
		roles = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "roles", roles);
	cl_json_add_int(o, "id", a->id);
	cl_json_add_str(o, "user_extension", a->user_extension);
	cl_json_add_str(o, "cdate", cl_datetime_iso(a->cdate, buf));
	return o;
}
