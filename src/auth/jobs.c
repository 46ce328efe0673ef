/* Module identity: the periodic job the jobs child runs (routes.c lists
 * it): blanks spent codes in the outbox; forgets revocations of tokens
 * that have expired anyway, and login attempts and OTPs too old for any
 * rule to read. */
#include "config.h"

#include "auth/internal.h"

#include "core/errors.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* The jobs child calls every jobs_interval seconds (10 by default);
 * nothing here is urgent, so it deletes at most once an hour. */
#define PRUNE_EVERY 3600

int
auth_prune_job(struct cl_db *db, struct cl_arena *a)
{
	static int64_t last;
	int64_t now = cl_now();
	int rc;

	(void)a;
	/* A spent code leaves the outbox within a run, not within an hour. */
	rc = auth_outbox_secrets_blank(db);
	if (rc != CL_OK || (last != 0 && now - last < PRUNE_EVERY))
		return rc;
	rc = auth_expired_delete(db);
	if (rc == CL_OK)
		last = now;
	return rc;
}
