/* Work that every host's jobs child runs, done once across hosts. Each
 * host runs the same periodic jobs (no host is special, so none is a
 * single point of failure); these two primitives keep one unit of work
 * from being done twice:
 *   - cl_claim_rows: rows are claimed with SELECT ... FOR UPDATE SKIP
 *     LOCKED, so two hosts running the same job at once take disjoint
 *     rows, and the work on a row commits with its claim (outbox
 *     messages, stream expiry);
 *   - cl_job_lock: a sweep that is one statement over many rows (pruning)
 *     runs on one host at a time under a named MariaDB lock. */
#ifndef CL_CORE_CLAIM_H
#define CL_CORE_CLAIM_H

#include <stddef.h>

#include "core/db.h"

struct cl_arena;

/* The work on one claimed row: row i of rows (the claim's columns). Its
 * writes join the claim's transaction. Returns CL_OK or a CL_E*, which
 * rolls back the whole batch (its rows are claimed again by the next
 * run, on whichever host). */
typedef int (*cl_claim_fn)(struct cl_db *db, struct cl_arena *a,
    const struct cl_rows *rows, size_t i, void *ctx);

/* Runs claim, a SELECT of the rows that want work ending in "LIMIT n FOR
 * UPDATE SKIP LOCKED", in a transaction; calls fn for each row it
 * returns, then commits. fn must make the row stop matching claim's
 * condition (mark it sent, expired, ...): rows another host holds are
 * skipped, and once committed they no longer match, so each row is
 * worked exactly once. *done (may be NULL) is the number of rows worked
 * and committed. A job wanting everything calls it until *done is 0.
 * Returns CL_OK or the first CL_E* (then nothing of the batch is kept). */
int cl_claim_rows(struct cl_db *db, struct cl_arena *a, struct cl_stmt *claim,
    const struct cl_bind *params, size_t nparams, cl_claim_fn fn, void *ctx,
    size_t *done);

/* Takes the MariaDB lock named name (GET_LOCK with no wait) on db's
 * connection: CL_OK when this process now holds it, CL_ECONFLICT when
 * another connection (another host) does, CL_EDOWN/CL_EDB. The lock
 * ends with cl_job_unlock or when the connection does (a killed host
 * cannot keep it). */
int cl_job_lock(struct cl_db *db, const char *name);
int cl_job_unlock(struct cl_db *db, const char *name);

#endif
