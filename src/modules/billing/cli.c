/* Module billing: the admin CLI commands of API.md §9 (kam create,
 * utility create, utility add-detail). An option becomes the JSON member
 * of the same record the API would take, so the CLI checks a row by its
 * column table's bounds, exactly as a body would be checked. Each prints
 * the new id alone on stdout; exit 2 with usage on wrong arguments, 1 on
 * failure. */
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
const char bill_cli_utility_usage[] =
    "utility create --name N [--vat-rate R]\n"
    "utility add-detail --utility ID --type bank|bkash|nagad --name N\n"
    "    --number X [--inactive]";

/* "--name" -> "kam_name": an option and its member. */
struct opt {
	const char *opt;
	const char *member;
};

/* One create command: its options (those in required must be given),
 * whether it takes --inactive, and the record it makes. */
struct create_cmd {
	const char *noun; /* "kam": "clientelectl kam: ..." */
	const char *usage;
	const struct opt *opts;
	size_t nopts;
	const char *const *required; /* members; NULL-terminated */
	bool inactive;
	const struct cl_resource *res;
	const void *defaults;
};

static const struct opt kam_opts[] = {
	{ "--name", "kam_name" },
	{ "--email", "email" },
	{ "--phone", "phone" },
	{ "--address", "address" },
	{ NULL, NULL },
};
static const char *const kam_required[] = { "kam_name", NULL };

static const struct opt utility_opts[] = {
	{ "--name", "utility_name" },
	{ "--vat-rate", "vat_rate" },
	{ NULL, NULL },
};
static const char *const utility_required[] = { "utility_name", NULL };

static const struct opt utility_detail_opts[] = {
	{ "--utility", "utility_master_id" },
	{ "--type", "type" },
	{ "--name", "name" },
	{ "--number", "number" },
	{ NULL, NULL },
};
static const char *const utility_detail_required[] = { "utility_master_id",
	"type", "name", "number", NULL };

static const struct bill_kam kam_defaults = { .is_active = true };
static const struct bill_utility utility_defaults = { 0 };
static const struct bill_utility_detail utility_detail_defaults = {
	.is_active = true,
};

/* Options from argv[first] on into obj. Returns 0, or 2 for an unknown
 * or repeated option, a missing value or a missing required option. */
static int
read_args(
    const struct create_cmd *c, int first, int argc, char **argv, cJSON *obj)
{
	size_t k;
	int i;

	for (i = first; i < argc; i++) {
		if (c->inactive && strcmp(argv[i], "--inactive") == 0 &&
		    !cJSON_GetObjectItemCaseSensitive(obj, "is_active")) {
			if (!cJSON_AddFalseToObject(obj, "is_active"))
				abort();
			continue;
		}
		for (k = 0; k < c->nopts; k++)
			if (strcmp(argv[i], c->opts[k].opt) == 0)
				break;
		if (k == c->nopts || i + 1 == argc ||
		    cJSON_GetObjectItemCaseSensitive(obj, c->opts[k].member))
			return 2;
		cl_json_add_str(obj, c->opts[k].member, argv[++i]);
	}
	for (k = 0; c->required[k]; k++)
		if (!cJSON_GetObjectItemCaseSensitive(obj, c->required[k]))
			return 2;
	return 0;
}

/* Prints each field's problems as "--option: problem". */
static void
print_problems(const struct create_cmd *c, const cJSON *errors)
{
	const cJSON *field, *p;

	cJSON_ArrayForEach(field, errors)
	{
		const char *opt = field->string;
		size_t k;

		for (k = 0; k < c->nopts; k++)
			if (strcmp(c->opts[k].member, field->string) == 0)
				opt = c->opts[k].opt;
		cJSON_ArrayForEach(p, field) fprintf(stderr,
		    "clientelectl %s: %s: %s\n", c->noun, opt, p->valuestring);
	}
}

/* Inserts row and its audit row (by the CLI: no user) in one
 * transaction. */
static int
insert(struct cl_db *db, struct cl_arena *a, const struct cl_resource *res,
    void *row)
{
	void *stored = cl_arena_alloc(a, res->size);
	int64_t id;
	cJSON *after;
	int rc;

	if ((rc = cl_db_begin(db)) != CL_OK)
		return rc;
	rc = cl_record_insert(db, a, res, row);
	id = cl_record_id(res, row);
	if (rc == CL_OK)
		rc = cl_record_get(db, a, res, id, false, stored);
	if (rc == CL_OK) {
		after = res->render ? res->render(stored)
		                    : cl_cols_render(res->cols, stored);
		rc = cl_audit_record(
		    db, 0, res->table, id, CL_AUDIT_CREATE, NULL, after);
		cJSON_Delete(after);
	}
	if (rc == CL_OK)
		return cl_db_commit(db);
	cl_db_rollback(db);
	return rc;
}

/* A database refusal an operator can act on, in words. */
static void
print_db_error(const struct create_cmd *c, struct cl_db *db, int rc)
{
	if (rc == CL_EFOREIGN)
		fprintf(stderr, "clientelectl %s: no such parent row (%s)\n",
		    c->noun, cl_db_error_key(db));
	else if (rc == CL_EDUP)
		fprintf(stderr, "clientelectl %s: already exists (%s)\n",
		    c->noun, cl_db_error_key(db));
	else
		fprintf(stderr, "clientelectl %s: database error %d: %s\n",
		    c->noun, rc, cl_db_error(db));
}

static int
run_create(const struct create_cmd *c, struct cl_db *db, int first, int argc,
    char **argv)
{
	struct cl_arena *a;
	void *row;
	cJSON *obj, *errors;
	int rc, status;

	obj = cJSON_CreateObject();
	errors = cJSON_CreateObject();
	if (obj == NULL || errors == NULL)
		abort();
	a = cl_arena_new();
	row = cl_arena_alloc(a, c->res->size);
	memcpy(row, c->defaults, c->res->size);
	if (read_args(c, first, argc, argv, obj) != 0) {
		status = cl_command_usage(c->usage);
	} else if (cl_fields_read(a, c->res->cols, obj, row, CL_FIELDS_FULL,
	               NULL, errors) != CL_OK) {
		print_problems(c, errors);
		status = 1;
	} else if ((rc = insert(db, a, c->res, row)) != CL_OK) {
		print_db_error(c, db, rc);
		status = 1;
	} else {
		printf("%lld\n", (long long)cl_record_id(c->res, row));
		status = fflush(stdout) == 0 ? 0 : 1;
	}
	cJSON_Delete(obj);
	cJSON_Delete(errors);
	cl_arena_free(a);
	return status;
}

int
bill_cli_kam(struct cl_db *db, int argc, char **argv)
{
	static const struct create_cmd kam = {
		.noun = "kam",
		.usage = bill_cli_kam_usage,
		.opts = kam_opts,
		.nopts = CL_NELEMS(kam_opts) - 1,
		.required = kam_required,
		.inactive = true,
		.res = &bill_kam_resource,
		.defaults = &kam_defaults,
	};

	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return cl_command_usage(bill_cli_kam_usage);
	return run_create(&kam, db, 2, argc, argv);
}

int
bill_cli_utility(struct cl_db *db, int argc, char **argv)
{
	static const struct create_cmd info = {
		.noun = "utility",
		.usage = bill_cli_utility_usage,
		.opts = utility_opts,
		.nopts = CL_NELEMS(utility_opts) - 1,
		.required = utility_required,
		.res = &bill_utility_resource,
		.defaults = &utility_defaults,
	};
	static const struct create_cmd detail = {
		.noun = "utility",
		.usage = bill_cli_utility_usage,
		.opts = utility_detail_opts,
		.nopts = CL_NELEMS(utility_detail_opts) - 1,
		.required = utility_detail_required,
		.inactive = true,
		.res = &bill_utility_detail_resource,
		.defaults = &utility_detail_defaults,
	};

	if (argc >= 2 && strcmp(argv[1], "create") == 0)
		return run_create(&info, db, 2, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "add-detail") == 0)
		return run_create(&detail, db, 2, argc, argv);
	return cl_command_usage(bill_cli_utility_usage);
}
