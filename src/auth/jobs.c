/* Module identity: the periodic job the jobs child runs (routes.c lists
 * it): blanks spent codes in the outbox; forgets revocations of tokens
 * that have expired anyway, and login attempts and OTPs too old for any
 * rule to read. Every host's jobs child runs it: outbox rows are claimed
 * (claim.h), the sweeps run under a named lock. */
#include "config.h"

#include "auth/internal.h"

#include "core/claim.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* The jobs child calls every jobs_interval seconds (10 by default);
 * nothing here is urgent, so it deletes at most once an hour. */
#define PRUNE_EVERY 3600
#define PRUNE_LOCK "clientele.identity.prune"

int
auth_prune_job(struct cl_db *db, struct cl_arena *a)
{
	static int64_t last;
	int64_t now = cl_now();
	size_t blanked;
	int rc;

	/* A spent code leaves the outbox within a run, not within an hour. */
	rc = auth_outbox_secrets_blank(db, a, &blanked);
	if (blanked > 0)
		cl_log_msg("info", "outbox: blanked %zu spent codes", blanked);
	if (rc != CL_OK || (last != 0 && now - last < PRUNE_EVERY))
		return rc;
	/* The deletes are sweeps over many rows: one host at a time (two
	 * at once would only wait on each other's row locks). A host that
	 * finds the lock taken counts the sweep as done: the holder is
	 * doing it now. */
	rc = cl_job_lock(db, PRUNE_LOCK);
	if (rc == CL_ECONFLICT) {
		last = now;
		return CL_OK;
	}
	if (rc != CL_OK)
		return rc;
	rc = auth_expired_delete(db);
	if (cl_job_unlock(db, PRUNE_LOCK) != CL_OK)
		cl_log_msg("warn", "job lock %s lost during the sweep", PRUNE_LOCK);
	if (rc == CL_OK)
		last = now;
	return rc;
}
