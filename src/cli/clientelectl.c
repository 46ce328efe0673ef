/* clientelectl: the admin CLI. Reads the same configuration as the server,
 * connects to MariaDB, and runs one command: core's own (the table below)
 * or one of a module's (its descriptor in cl_modules). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/command.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/router.h"
#include "core/banned.h"

static const struct cl_command core_commands[] = {
	{ .name = "migrate", .run = cli_migrate, .usage = cli_migrate_usage },
	{ .name = "load", .run = cli_load, .usage = cli_load_usage },
	{ .name = "audit", .run = cli_audit, .usage = cli_audit_usage },
	{ 0 }
};

/* The command called name: core's first, then each module's in the order
 * of cl_modules. NULL when there is none. */
static const struct cl_command *
find_command(const char *name)
{
	const struct cl_command *c;
	size_t mi;

	for (c = core_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	for (mi = 0; cl_modules[mi] != NULL; mi++)
		for (c = cl_modules[mi]->commands; c && c->name; c++)
			if (strcmp(c->name, name) == 0)
				return c;
	return NULL;
}

static void
print_usage(FILE *f)
{
	const struct cl_command *c;
	size_t mi;

	fprintf(f, "usage: clientelectl [-c CONFIG] COMMAND [ARGS]\n");
	for (c = core_commands; c->name; c++)
		cl_command_print(f, c->usage);
	for (mi = 0; cl_modules[mi] != NULL; mi++)
		for (c = cl_modules[mi]->commands; c && c->name; c++)
			cl_command_print(f, c->usage);
	fprintf(f, "  clientelectl help\n");
}

int
main(int argc, char **argv)
{
	const char *path = CL_SYSCONFDIR "/clientele.conf";
	const struct cl_command *c;
	struct cl_db *db;
	char err[1024];
	int opt, status;

	while ((opt = getopt(argc, argv, "+c:h")) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		return 2;
	}
	/* Every command's usage on stdout, without a config or a database:
	 * what an operator asks for, and what tests/lint/manpages.py holds
	 * clientelectl(8) to. */
	if (strcmp(argv[optind], "help") == 0) {
		print_usage(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	c = find_command(argv[optind]);
	if (c == NULL) {
		fprintf(stderr, "clientelectl: unknown command '%s'\n", argv[optind]);
		print_usage(stderr);
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
