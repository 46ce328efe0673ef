/* clientelectl: the admin CLI. Reads the same configuration as the server,
 * connects to MariaDB, and runs one command from the table below. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/banned.h"

static const struct cli_command commands[] = {
	{ "migrate", cli_migrate, "migrate [--dir SQLDIR]" },
	{ "load", cli_load, "load FILE..." },
	{ "user", auth_cli_user, auth_cli_user_usage },
	{ "role", auth_cli_role, auth_cli_role_usage },
	{ "token", auth_cli_token, auth_cli_token_usage },
	{ "apikey", auth_cli_apikey, auth_cli_apikey_usage },
	{ "outbox", auth_cli_outbox, auth_cli_outbox_usage },
	{ "kam", bill_cli_kam, bill_cli_kam_usage },
	{ "audit", cli_audit, "audit list --table T [--id N]" },
	{ NULL, NULL, NULL },
};

static void
print_usage(const struct cli_command *only)
{
	const struct cli_command *c;

	fprintf(stderr, "usage: clientelectl [-c CONFIG] COMMAND [ARGS]\n");
	for (c = commands; c->name; c++) {
		const char *u = c->usage, *nl;

		if (only && c != only)
			continue;
		/* Usage strings may hold several lines. */
		while (*u) {
			nl = strchr(u, '\n');
			fprintf(stderr, "  clientelectl %.*s\n",
			    (int)(nl ? (size_t)(nl - u) : strlen(u)), u);
			u = nl ? nl + 1 : u + strlen(u);
		}
	}
}

int
cli_usage(const char *name)
{
	const struct cli_command *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			break;
	print_usage(c->name ? c : NULL);
	return 2;
}

int
main(int argc, char **argv)
{
	const char *path = CL_SYSCONFDIR "/clientele.conf";
	const struct cli_command *c;
	struct cl_db *db;
	char err[1024];
	int opt, status;

	while ((opt = getopt(argc, argv, "+c:h")) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		default:
			print_usage(NULL);
			return 2;
		}
	}
	if (optind >= argc) {
		print_usage(NULL);
		return 2;
	}
	for (c = commands; c->name; c++)
		if (strcmp(c->name, argv[optind]) == 0)
			break;
	if (c->name == NULL) {
		fprintf(stderr, "clientelectl: unknown command '%s'\n", argv[optind]);
		print_usage(NULL);
		return 2;
	}
	if (cl_conf_load(&cl_conf, path, err, sizeof(err)) != CL_OK) {
		fprintf(stderr, "clientelectl: %s\n", err);
		return 1;
	}
	/* Errors go to the terminal, not to the server's log file. */
	cl_log_open(NULL);
	db = cl_db_open(&cl_conf);
	if (cl_db_ensure(db) != CL_OK) {
		fprintf(stderr, "clientelectl: cannot connect to the database: %s\n",
		    cl_db_error(db));
		cl_db_close(db);
		return 1;
	}
	optind++;
	status = c->run(db, argc - optind + 1, argv + optind - 1);
	cl_db_close(db);
	return status;
}
