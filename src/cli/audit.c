/* clientelectl audit list --table T [--id N]: the audit log of a table
 * (or of one of its rows), oldest first, one JSON object per line, for
 * operators and the API tests that check what a write recorded. */
#include "config.h"

#include "cli/cli.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/command.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/query.h"
#include "core/banned.h"

const char cli_audit_usage[] = "audit list --table T [--id N]";

int
cli_audit(struct cl_db *db, int argc, char **argv)
{
	const char *table = NULL;
	int64_t id = 0;
	struct cl_arena *a;
	cJSON *rows, *row;
	int i, rc, status = 0;

	if (argc < 2 || strcmp(argv[1], "list") != 0)
		return cl_command_usage(cli_audit_usage);
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--table") == 0)
			table = argv[i + 1];
		else if (strcmp(argv[i], "--id") != 0 ||
		    cl_parse_int(argv[i + 1], &id) != CL_OK || id < 1)
			return cl_command_usage(cli_audit_usage);
	}
	if (i != argc || table == NULL)
		return cl_command_usage(cli_audit_usage);
	a = cl_arena_new();
	rc = cl_audit_list(db, a, table, id, &rows);
	if (rc != CL_OK) {
		fprintf(stderr, "clientelectl audit: database error %d: %s\n",
		    rc, cl_db_error(db));
		cl_arena_free(a);
		return 1;
	}
	cJSON_ArrayForEach(row, rows)
	{
		char *line = cJSON_PrintUnformatted(row);

		if (line == NULL)
			abort();
		if (puts(line) == EOF)
			status = 1;
		cJSON_free(line);
	}
	cJSON_Delete(rows);
	cl_arena_free(a);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
