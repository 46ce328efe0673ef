/* clientelectl migrate: applies sql/NNNN_*.sql in order, each once,
 * recording it in schema_migrations; clientelectl load: runs data files
 * (demo data). MariaDB commits DDL implicitly, so a migration that fails
 * half-way is reported with its name and is not recorded; migrations are
 * written to be safe to re-run (IF NOT EXISTS) for that case. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/command.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/banned.h"

const char cli_migrate_usage[] = "migrate [--dir SQLDIR]";
const char cli_load_usage[] = "load FILE...";

static const char create_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
    "  version VARCHAR(255) NOT NULL PRIMARY KEY,\n"
    "  applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";

static struct cl_stmt applied_sql =
    CL_STMT("SELECT 1 FROM schema_migrations WHERE version = ?");
static struct cl_stmt record_sql =
    CL_STMT("INSERT INTO schema_migrations (version) VALUES (?)");

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = cl_xmalloc((size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static bool
is_migration(const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	return n > 9 && name[4] == '_' && strcmp(name + n - 4, ".sql") == 0;
}

static int
compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
apply(struct cl_db *db, const char *dir, const char *name)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_bind v = CL_BIND_STR(name);
	struct cl_rows rows;
	char path[4096];
	char *sql;
	int rc;

	rc = cl_db_query(db, a, &applied_sql, &v, 1, &rows);
	cl_arena_free(a);
	if (rc != CL_OK) {
		fprintf(stderr, "clientelectl: %s: %s\n", name, cl_db_error(db));
		return 1;
	}
	if (rows.nrows > 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	sql = read_file(path);
	if (sql == NULL) {
		fprintf(stderr, "clientelectl: cannot read %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	/* Where MariaDB allows (data statements), the file and its record
	 * commit together; DDL commits implicitly. */
	rc = cl_db_begin(db);
	if (rc == CL_OK)
		rc = cl_db_exec_script(db, sql);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &record_sql, &v, 1, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_commit(db);
	else
		cl_db_rollback(db);
	free(sql);
	if (rc != CL_OK) {
		fprintf(stderr, "clientelectl: migration %s failed: %s\n", name,
		    cl_db_error(db));
		return 1;
	}
	printf("applied %s\n", name);
	return 0;
}

int
cli_migrate(struct cl_db *db, int argc, char **argv)
{
	const char *dir = CL_DATADIR "/sql";
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int status = 0;

	if (argc == 3 && strcmp(argv[1], "--dir") == 0)
		dir = argv[2];
	else if (argc != 1)
		return cl_command_usage(cli_migrate_usage);
	if (cl_db_exec_script(db, create_sql) != CL_OK) {
		fprintf(stderr, "clientelectl: cannot create schema_migrations: %s\n",
		    cl_db_error(db));
		return 1;
	}
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "clientelectl: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = cl_xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = cl_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare);
	for (i = 0; i < n && status == 0; i++)
		status = apply(db, dir, names[i]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

int
cli_load(struct cl_db *db, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return cl_command_usage(cli_load_usage);
	for (i = 1; i < argc; i++) {
		char *sql = read_file(argv[i]);
		int rc;

		if (sql == NULL) {
			fprintf(stderr, "clientelectl: cannot read %s: %s\n", argv[i],
			    strerror(errno));
			return 1;
		}
		rc = cl_db_begin(db);
		if (rc == CL_OK)
			rc = cl_db_exec_script(db, sql);
		if (rc == CL_OK)
			rc = cl_db_commit(db);
		else
			cl_db_rollback(db);
		free(sql);
		if (rc != CL_OK) {
			fprintf(stderr, "clientelectl: loading %s failed: %s\n",
			    argv[i], cl_db_error(db));
			return 1;
		}
		printf("loaded %s\n", argv[i]);
	}
	return 0;
}
