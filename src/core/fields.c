/* Field tables: the one place a JSON body's members are read and checked.
 * Problem sentences follow Django REST framework's, since three seeds come
 * from DRF servers and their clients show these texts. */
#include "config.h"

#include "core/fields.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/money.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

static void
problem(struct cl_arena *a, cJSON *errors, const char *field, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
problem(struct cl_arena *a, cJSON *errors, const char *field, const char *fmt,
    ...)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(errors, field);
	cJSON *s;
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = cl_arena_vprintf(a, fmt, ap);
	va_end(ap);
	if (list == NULL) {
		list = cJSON_AddArrayToObject(errors, field);
		if (list == NULL)
			abort();
	}
	s = cJSON_CreateString(text);
	if (s == NULL || !cJSON_AddItemToArray(list, s))
		abort();
}

bool
cl_is_email(const char *s)
{
	const char *at = strchr(s, '@'), *p;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	p = strchr(at + 1, '.');
	return p != NULL && p > at + 1 && p[1] != '\0' &&
	    s[strlen(s) - 1] != '.';
}

static int
read_int(const cJSON *item, int64_t *v)
{
	if (cl_json_int(item, v))
		return CL_OK;
	if (cJSON_IsString(item))
		return cl_parse_int(item->valuestring, v);
	return CL_EINVAL;
}

/* null on a nullable field clears it, so a PATCH can unset a value. */
static void
store_null(const struct cl_field *f, char *slot)
{
	switch (f->type) {
	case CL_F_ID:
	case CL_F_INT:
	case CL_F_MONEY:
	case CL_F_RATE:
	case CL_F_TOTAL:
		*(int64_t *)slot = 0;
		return;
	case CL_F_BOOL:
		*(bool *)slot = false;
		return;
	case CL_F_STR:
	case CL_F_EMAIL:
	case CL_F_ENUM:
	case CL_F_DATE:
	case CL_F_DATETIME:
		*(const char **)slot = NULL;
		return;
	}
}

static void
read_field(struct cl_arena *a, const struct cl_field *f, const cJSON *item,
    char *slot, cJSON *errors)
{
	int64_t v;
	char lo[CL_MONEY_BUF], hi[CL_MONEY_BUF];

	switch (f->type) {
	case CL_F_STR:
	case CL_F_EMAIL: {
		size_t n;

		if (!cJSON_IsString(item)) {
			problem(a, errors, f->name, "Not a valid string.");
			return;
		}
		n = cl_utf8_len(item->valuestring);
		if (f->min == 1 && n == 0) {
			problem(a, errors, f->name, "This field may not be blank.");
			return;
		}
		if (f->min > 0 && n < (size_t)f->min) {
			problem(a, errors, f->name,
			    "Ensure this field has at least %lld characters.",
			    (long long)f->min);
			return;
		}
		if (f->max > 0 && n > (size_t)f->max) {
			problem(a, errors, f->name,
			    "Ensure this field has no more than %lld characters.",
			    (long long)f->max);
			return;
		}
		if (f->type == CL_F_EMAIL && !cl_is_email(item->valuestring)) {
			problem(a, errors, f->name, "Enter a valid email address.");
			return;
		}
		*(const char **)slot = cl_arena_strdup(a, item->valuestring);
		return;
	}
	case CL_F_INT:
		if (cJSON_IsBool(item) || read_int(item, &v) != CL_OK) {
			problem(a, errors, f->name, "A valid integer is required.");
			return;
		}
		if (v < f->min) {
			problem(a, errors, f->name,
			    "Ensure this value is greater than or equal to %lld.",
			    (long long)f->min);
			return;
		}
		if (v > f->max) {
			problem(a, errors, f->name,
			    "Ensure this value is less than or equal to %lld.",
			    (long long)f->max);
			return;
		}
		*(int64_t *)slot = v;
		return;
	case CL_F_MONEY:
		if (cl_money_from_json(item, &v) != CL_OK) {
			problem(a, errors, f->name,
			    "A valid number with at most 2 decimal places is required.");
			return;
		}
		if (v < f->min) {
			problem(a, errors, f->name,
			    "Ensure this value is greater than or equal to %s.",
			    cl_money_format(f->min, lo));
			return;
		}
		if (v > f->max) {
			problem(a, errors, f->name,
			    "Ensure this value is less than or equal to %s.",
			    cl_money_format(f->max, hi));
			return;
		}
		*(int64_t *)slot = v;
		return;
	case CL_F_BOOL:
		if (!cJSON_IsBool(item)) {
			problem(a, errors, f->name, "Must be a valid boolean.");
			return;
		}
		*(bool *)slot = cJSON_IsTrue(item);
		return;
	case CL_F_ID:
		if (cJSON_IsBool(item) || read_int(item, &v) != CL_OK) {
			problem(a, errors, f->name,
			    "Incorrect type. Expected pk value, received %s.",
			    cJSON_IsString(item) ? "str" : "other");
			return;
		}
		if (v < 1) {
			problem(a, errors, f->name,
			    "Invalid pk \"%lld\" - object does not exist.",
			    (long long)v);
			return;
		}
		*(int64_t *)slot = v;
		return;
	case CL_F_ENUM:
		if (!cJSON_IsString(item) ||
		    !cl_is_one_of(item->valuestring, f->values)) {
			problem(a, errors, f->name, "\"%s\" is not a valid choice.",
			    cJSON_IsString(item) ? item->valuestring : "?");
			return;
		}
		*(const char **)slot = cl_arena_strdup(a, item->valuestring);
		return;
	case CL_F_RATE:
		if (cl_money_from_json(item, &v) != CL_OK) {
			problem(a, errors, f->name,
			    "A valid number with at most 2 decimal places is required.");
			return;
		}
		if (v < f->min || v > f->max) {
			problem(a, errors, f->name,
			    "Ensure this value is between %s and %s.",
			    cl_money_format(f->min, lo), cl_money_format(f->max, hi));
			return;
		}
		*(int64_t *)slot = v;
		return;
	case CL_F_DATETIME:
	case CL_F_TOTAL:
		/* Output only: tables mark them CL_READONLY. */
		return;
	case CL_F_DATE:
		if (!cJSON_IsString(item) ||
		    cl_date_parse(item->valuestring, &v) != CL_OK) {
			problem(a, errors, f->name,
			    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
			return;
		}
		*(const char **)slot = cl_arena_strdup(a, item->valuestring);
		return;
	}
}

int
cl_fields_read(struct cl_arena *a, const struct cl_field *fields,
    const cJSON *obj, void *dst, enum cl_fields_mode mode, uint64_t *present,
    cJSON *errors)
{
	const struct cl_field *f;
	int before = cJSON_GetArraySize(errors);
	unsigned i;

	if (present)
		*present = 0;
	for (f = fields, i = 0; f->name; f++, i++) {
		const cJSON *item;

		if (f->flags & CL_READONLY)
			continue;
		item = cJSON_GetObjectItemCaseSensitive(obj, f->name);
		if (item == NULL) {
			if (mode == CL_FIELDS_FULL && (f->flags & CL_REQUIRED))
				problem(a, errors, f->name, "This field is required.");
			continue;
		}
		if (present && i < 64)
			*present |= UINT64_C(1) << i;
		if (cJSON_IsNull(item)) {
			if (!(f->flags & CL_NULLABLE))
				problem(a, errors, f->name, "This field may not be null.");
			else
				store_null(f, (char *)dst + f->offset);
			continue;
		}
		read_field(a, f, item, (char *)dst + f->offset, errors);
	}
	return cJSON_GetArraySize(errors) > before ? CL_EINVAL : CL_OK;
}

int
cl_fields_or_reply(struct cl_req *r, const struct cl_field *fields, void *dst,
    enum cl_fields_mode mode, uint64_t *present)
{
	cJSON *errors = cJSON_CreateObject();
	cJSON *item;
	int rc;

	if (errors == NULL)
		abort();
	cl_arena_defer(r->arena, cl_json_free, errors);
	if (!cJSON_IsObject(r->json))
		return cl_fail(r, 400, "invalid_body",
		    "The request body must be a JSON object.");
	rc = cl_fields_read(r->arena, fields, r->json, dst, mode, present, errors);
	if (rc == CL_OK)
		return 0;
	cJSON_ArrayForEach(item, errors) {
		const cJSON *p;

		cJSON_ArrayForEach(p, item)
			cl_fail_field(r, item->string, p->valuestring);
	}
	return cl_fail_validation(r);
}

const struct cl_field *
cl_fields_find(const struct cl_field *fields, const char *name)
{
	for (; fields->name; fields++)
		if (strcmp(fields->name, name) == 0)
			return fields;
	return NULL;
}

bool
cl_is_one_of(const char *s, const char *const *values)
{
	for (; values && *values; values++)
		if (strcmp(*values, s) == 0)
			return true;
	return false;
}

bool
cl_fields_given(const struct cl_field *fields, uint64_t present,
    const char *name)
{
	unsigned i;

	for (i = 0; fields[i].name && i < 64; i++)
		if (strcmp(fields[i].name, name) == 0)
			return (present >> i) & 1;
	return false;
}
