/* Module subscriptions: the one renderer the column tables do not give,
 * seed 001's message envelope; records render through cl_cols_render
 * (columns.h) by the tables in plans.c and purchases.c. Pure. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/json.h"
#include "core/banned.h"

cJSON *
subs_render_message(const char *message, cJSON *data)
{
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL)
		abort();
	cl_json_add_str(obj, "message", message);
	if (!cJSON_AddItemToObject(obj, "data", data))
		abort();
	return obj;
}
