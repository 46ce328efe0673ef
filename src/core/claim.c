/* Cluster-safe jobs (claim.h): row claims with SKIP LOCKED and named
 * locks, both through the db layer's prepared statements. */
#include "config.h"

#include "core/claim.h"

#include "core/arena.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/banned.h"

int
cl_claim_rows(struct cl_db *db, struct cl_arena *a, struct cl_stmt *claim,
    const struct cl_bind *params, size_t nparams, cl_claim_fn fn, void *ctx,
    size_t *done)
{
	struct cl_rows rows;
	size_t i;
	int rc;

	if (done != NULL)
		*done = 0;
	rc = cl_db_begin(db);
	if (rc != CL_OK)
		return rc;
	rc = cl_db_query(db, a, claim, params, nparams, &rows);
	for (i = 0; rc == CL_OK && i < rows.nrows; i++)
		rc = fn(db, a, &rows, i, ctx);
	if (rc != CL_OK) {
		cl_db_rollback(db);
		return rc;
	}
	rc = cl_db_commit(db);
	if (rc == CL_OK && done != NULL)
		*done = rows.nrows;
	return rc;
}

static struct cl_stmt lock_sql = CL_STMT("SELECT GET_LOCK(?, 0)");
static struct cl_stmt unlock_sql = CL_STMT("SELECT RELEASE_LOCK(?)");

int
cl_job_lock(struct cl_db *db, const char *name)
{
	struct cl_bind p[] = { CL_BIND_STR(name) };
	struct cl_arena *a = cl_arena_new();
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &lock_sql, p, CL_NELEMS(p), &rows);
	/* 1: ours; 0: held elsewhere; NULL: an error inside MariaDB. */
	if (rc == CL_OK)
		rc = cl_rows_str(&rows, 0, 0) == NULL ? CL_EDB :
		    cl_rows_int(&rows, 0, 0) == 1 ? CL_OK : CL_ECONFLICT;
	cl_arena_free(a);
	return rc;
}

int
cl_job_unlock(struct cl_db *db, const char *name)
{
	struct cl_bind p[] = { CL_BIND_STR(name) };
	struct cl_arena *a = cl_arena_new();
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &unlock_sql, p, CL_NELEMS(p), &rows);
	if (rc == CL_OK && cl_rows_int(&rows, 0, 0) != 1) {
		cl_log_msg("warn", "job lock %s was not held", name);
		rc = CL_ENOTFOUND;
	}
	cl_arena_free(a);
	return rc;
}
