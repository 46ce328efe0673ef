/* Module billing: the admin CLI commands of API.md §9 (kam create). An
 * option becomes the JSON member of the same record the API would take,
 * so the CLI checks a KAM by the column table's bounds, exactly as a body
 * would be checked. Prints the new id alone on stdout. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/columns.h"
#include "core/command.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/resource.h"
#include "core/banned.h"

const char bill_cli_kam_usage[] =
    "kam create --name N [--email E] [--phone P] [--address A] [--inactive]";

/* "--name" -> "kam_name": the options of kam create and their members. */
static const struct {
	const char *opt;
	const char *member;
} kam_opts[] = {
	{ "--name", "kam_name" },
	{ "--email", "email" },
	{ "--phone", "phone" },
	{ "--address", "address" },
};

static int
usage(void)
{
	return cl_command_usage(bill_cli_kam_usage);
}

/* Options into obj. Returns 0, or 2 for an unknown option or a missing
 * value. */
static int
kam_args(int argc, char **argv, cJSON *obj)
{
	int i;
	size_t k;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--inactive") == 0) {
			if (!cJSON_AddFalseToObject(obj, "is_active"))
				abort();
			continue;
		}
		for (k = 0; k < CL_NELEMS(kam_opts); k++)
			if (strcmp(argv[i], kam_opts[k].opt) == 0)
				break;
		if (k == CL_NELEMS(kam_opts) || i + 1 == argc ||
		    cJSON_GetObjectItemCaseSensitive(obj, kam_opts[k].member))
			return 2;
		cl_json_add_str(obj, kam_opts[k].member, argv[++i]);
	}
	return cJSON_GetObjectItemCaseSensitive(obj, "kam_name") ? 0 : 2;
}

/* Prints each field's problems as "--option: problem". */
static void
print_problems(const cJSON *errors)
{
	const cJSON *field, *p;

	cJSON_ArrayForEach(field, errors)
	{
		const char *opt = field->string;
		size_t k;

		for (k = 0; k < CL_NELEMS(kam_opts); k++)
			if (strcmp(kam_opts[k].member, field->string) == 0)
				opt = kam_opts[k].opt;
		cJSON_ArrayForEach(p, field) fprintf(
		    stderr, "clientelectl kam: %s: %s\n", opt, p->valuestring);
	}
}

/* Inserts k and its audit row (by the CLI: no user) in one transaction. */
static int
kam_insert(struct cl_db *db, struct cl_arena *a, struct bill_kam *k)
{
	struct bill_kam stored;
	cJSON *after;
	int rc;

	if ((rc = cl_db_begin(db)) != CL_OK)
		return rc;
	rc = cl_record_insert(db, a, &bill_kam_resource, k);
	if (rc == CL_OK)
		rc = cl_record_get(
		    db, a, &bill_kam_resource, k->id, false, &stored);
	if (rc == CL_OK) {
		after = cl_cols_render(bill_kam_cols, &stored);
		rc = cl_audit_record(db, 0, bill_kam_resource.table, k->id,
		    CL_AUDIT_CREATE, NULL, after);
		cJSON_Delete(after);
	}
	if (rc == CL_OK)
		return cl_db_commit(db);
	cl_db_rollback(db);
	return rc;
}

int
bill_cli_kam(struct cl_db *db, int argc, char **argv)
{
	struct cl_arena *a;
	struct bill_kam k = { .is_active = true };
	cJSON *obj, *errors;
	int rc, status;

	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return usage();
	obj = cJSON_CreateObject();
	errors = cJSON_CreateObject();
	if (obj == NULL || errors == NULL)
		abort();
	a = cl_arena_new();
	if (kam_args(argc, argv, obj) != 0) {
		status = usage();
	} else if (cl_fields_read(a, bill_kam_cols, obj, &k, CL_FIELDS_FULL,
	               NULL, errors) != CL_OK) {
		print_problems(errors);
		status = 1;
	} else if ((rc = kam_insert(db, a, &k)) != CL_OK) {
		fprintf(stderr, "clientelectl kam: database error %d: %s\n", rc,
		    cl_db_error(db));
		status = 1;
	} else {
		printf("%lld\n", (long long)k.id);
		status = fflush(stdout) == 0 ? 0 : 1;
	}
	cJSON_Delete(obj);
	cJSON_Delete(errors);
	cl_arena_free(a);
	return status;
}
