/* Fuzz target: JSON bodies through a field table (src/core/fields.c) and
 * money parsing (src/core/money.c). */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct body {
	const char	*name;
	const char	*email;
	int64_t		cents;
	int64_t		count;
	bool		flag;
	const char	*date;
};

static const struct cl_field fields[] = {
	CL_STR("name", struct body, name, CL_REQUIRED, 1, 50),
	CL_EMAIL("email", struct body, email, 0, 3, 254),
	CL_MONEY("amount", struct body, cents, 0, -100000, 100000),
	CL_INT("count", struct body, count, 0, 0, 1000),
	CL_BOOL("flag", struct body, flag, 0),
	CL_DATE("date", struct body, date, CL_NULLABLE),
	{ 0 }
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a = cl_arena_new();
	char *text = cl_arena_strndup(a, (const char *)data, size);
	cJSON *obj = cJSON_ParseWithLength((const char *)data, size);
	cJSON *errors = cJSON_CreateObject();
	struct body b;
	uint64_t present;
	int64_t cents;
	char buf[CL_MONEY_BUF];

	memset(&b, 0, sizeof(b));
	if (obj != NULL &&
	    cl_fields_read(a, fields, obj, &b, CL_FIELDS_FULL, &present,
	    errors) == 0) {
		if (b.name == NULL || b.cents < -100000 || b.cents > 100000)
			__builtin_trap();
	}
	/* Whatever parses as money formats back to a value that parses to
	 * the same cents. */
	if (cl_money_parse(text, &cents) == 0) {
		int64_t again;

		if (cl_money_parse(cl_money_format(cents, buf), &again) != 0 ||
		    again != cents)
			__builtin_trap();
	}
	cJSON_Delete(obj);
	cJSON_Delete(errors);
	cl_arena_free(a);
	return 0;
}
