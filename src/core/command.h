/* Admin commands, run by clientelectl: core's own (migrate, load, in
 * src/cli/) and those each module lists in its descriptor (struct
 * cl_module, router.h). A command returns the process exit status: 0
 * success, 1 failure (it printed why), 2 wrong arguments (it printed its
 * usage with cl_command_usage). */
#ifndef CL_CORE_COMMAND_H
#define CL_CORE_COMMAND_H

#include <stdio.h>

struct cl_db;

/* argv[0] is the command's own name ("user"); db is connected. */
typedef int (*cl_command_fn)(struct cl_db *db, int argc, char **argv);

struct cl_command {
	const char	*name;
	cl_command_fn	run;
	const char	*usage;   /* one or more lines, each "name ARGS" */
};

/* Writes each line of usage to f as "  clientelectl LINE". */
void cl_command_print(FILE *f, const char *usage);

/* Prints clientelectl's usage line, then usage, to stderr. Returns 2, the
 * exit status for wrong arguments, so a command can return it. */
int cl_command_usage(const char *usage);

#endif
