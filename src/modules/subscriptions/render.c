/* Module subscriptions: renderers, struct in, cJSON tree out, nothing
 * else (no request, no database), so tests/unit/subscriptions checks them
 * directly. Money goes through cl_money_json_*, never a double. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/json.h"
#include "core/money.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* Adds item to obj; out of memory aborts, as everywhere (STYLE.md §3). */
static void
add(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort();
}

static cJSON *
new_object(void)
{
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL)
		abort();
	return obj;
}

static cJSON *
new_array(void)
{
	cJSON *arr = cJSON_CreateArray();

	if (arr == NULL)
		abort();
	return arr;
}

static void
append(cJSON *arr, cJSON *item)
{
	if (!cJSON_AddItemToArray(arr, item))
		abort();
}

/* Seed 001's plan: amount as the string "500.00". */
cJSON *
subs_render_plan(const struct subs_plan *p)
{
	cJSON *obj = new_object();

	cl_json_add_int(obj, "id", p->id);
	cl_json_add_str(obj, "name", p->name);
	add(obj, "amount", cl_money_json_string(p->amount));
	cl_json_add_int(obj, "payment_cycle", p->payment_cycle);
	cl_json_add_int(obj, "total_valid_months", p->total_valid_months);
	add(obj, "is_cancellable", cJSON_CreateBool(p->is_cancellable));
	return obj;
}

cJSON *
subs_render_plans(const struct subs_plan *p, size_t n)
{
	cJSON *arr = new_array();
	size_t i;

	for (i = 0; i < n; i++)
		append(arr, subs_render_plan(&p[i]));
	return arr;
}

/* Seed 001's purchase data: plan_amount as the number 500.00, plan_id null
 * once the plan is deleted; cancelled_at (API.md's ISO form, or null) is
 * ours, after the seed's fields. */
cJSON *
subs_render_subscription(const struct subs_subscription *s)
{
	char start[CL_DATE_BUF], end[CL_DATE_BUF], cancelled[CL_DATETIME_BUF];
	cJSON *obj = new_object();

	cl_json_add_int(obj, "id", s->id);
	if (s->plan_id > 0)
		cl_json_add_int(obj, "plan_id", s->plan_id);
	else
		add(obj, "plan_id", cJSON_CreateNull());
	cl_json_add_str(
	    obj, "start_date", cl_date_format(s->start_date, start));
	cl_json_add_str(obj, "end_date", cl_date_format(s->end_date, end));
	add(obj, "is_active", cJSON_CreateBool(s->is_active));
	cl_json_add_str(obj, "plan_name", s->plan_name);
	add(obj, "plan_amount", cl_money_json_number(s->plan_amount));
	cl_json_add_int(obj, "plan_months_validity", s->plan_months_validity);
	cl_json_add_int(obj, "plan_payment_cycle", s->plan_payment_cycle);
	add(obj, "plan_cancellable", cJSON_CreateBool(s->plan_cancellable));
	cl_json_add_str(
	    obj, "cancelled_at", cl_datetime_iso(s->cancelled_at, cancelled));
	return obj;
}

cJSON *
subs_render_subscriptions(const struct subs_subscription *s, size_t n)
{
	cJSON *arr = new_array();
	size_t i;

	for (i = 0; i < n; i++)
		append(arr, subs_render_subscription(&s[i]));
	return arr;
}

cJSON *
subs_render_message(const char *message, cJSON *data)
{
	cJSON *obj = new_object();

	cl_json_add_str(obj, "message", message);
	add(obj, "data", data);
	return obj;
}
