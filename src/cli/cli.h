/* clientelectl: the admin CLI. Each command is a function in its own file,
 * listed in clientelectl.c. A command returns the process exit status:
 * 0 success, 1 failure (it printed why), 2 wrong arguments (it printed
 * usage). */
#ifndef CL_CLI_CLI_H
#define CL_CLI_CLI_H

struct cl_db;

/* argv[0] is the command's own name ("user"); db is connected. */
typedef int (*cli_command_fn)(struct cl_db *db, int argc, char **argv);

struct cli_command {
	const char	*name;
	cli_command_fn	run;
	const char	*usage;   /* one or more lines, printed on exit 2 */
};

/* Commands, one per file in src/cli/. */
int cli_migrate(struct cl_db *db, int argc, char **argv);
int cli_load(struct cl_db *db, int argc, char **argv);
int cli_audit(struct cl_db *db, int argc, char **argv);

/* Billing commands (src/modules/billing/cli.c): kam. */
int bill_cli_kam(struct cl_db *db, int argc, char **argv);
extern const char bill_cli_kam_usage[];

/* Identity commands (src/auth/cli.c): user, role, token, apikey, outbox. */
int auth_cli_user(struct cl_db *db, int argc, char **argv);
int auth_cli_role(struct cl_db *db, int argc, char **argv);
int auth_cli_token(struct cl_db *db, int argc, char **argv);
int auth_cli_apikey(struct cl_db *db, int argc, char **argv);
int auth_cli_outbox(struct cl_db *db, int argc, char **argv);
extern const char auth_cli_user_usage[];
extern const char auth_cli_role_usage[];
extern const char auth_cli_token_usage[];
extern const char auth_cli_apikey_usage[];
extern const char auth_cli_outbox_usage[];

/* Prints usage of command name to stderr and returns 2. */
int cli_usage(const char *name);

#endif
