/* clientelectl: the admin CLI. Core's own commands, one per file in
 * src/cli/; the modules bring theirs in their descriptors (struct
 * cl_module, router.h), and clientelectl.c lists both. The command type
 * and the exit statuses are in core/command.h. */
#ifndef CL_CLI_CLI_H
#define CL_CLI_CLI_H

struct cl_db;

/* migrate.c: apply the sql/NNNN_*.sql not yet applied; load SQL files. */
int cli_migrate(struct cl_db *db, int argc, char **argv);
int cli_load(struct cl_db *db, int argc, char **argv);
extern const char cli_migrate_usage[];
extern const char cli_load_usage[];

/* audit.c: print the audit log of a table or of one of its rows. */
int cli_audit(struct cl_db *db, int argc, char **argv);
extern const char cli_audit_usage[];

#endif
