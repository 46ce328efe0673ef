/* Dispatch: the generic checks a route's flags ask for (credentials,
 * permission, apikey, content type, JSON body, transaction), then the
 * handler. Credentials are read by the identity module through the
 * operations its descriptor carries, so core does not depend on it. */
#ifndef CL_CORE_DISPATCH_H
#define CL_CORE_DISPATCH_H

#include <stdbool.h>

struct cl_module;
struct cl_req;

struct cl_auth_ops {
	/* Reads the request's credentials into r->caller. With required, no
	 * or bad credentials record a 401 and return it; without, bad
	 * credentials are still 401 and none leave r->caller anonymous.
	 * Returns 0 or the status recorded. */
	int (*caller_or_reply)(struct cl_req *r, bool required);
	/* Checks the apikey header into r->caller.apikey_id: 0 or 401. */
	int (*apikey_or_reply)(struct cl_req *r);
	/* A caller_or_reply may take the caller from the worker's cache of
	 * callers it checked in full, leaving r->caller.stamp set: the auth
	 * stamps of that check, which every change that could refuse the
	 * caller bumps (a revocation, a deactivation, a permission). It is
	 * then confirmed against stamp_now, the stamps read by the route's
	 * own statement (stamp_sql, a scalar subquery), or read by
	 * confirm_or_reply itself when stamp_now is NULL; stamps that moved
	 * mean a check in full. Returns 0, with r->caller.stamp NULL, or the
	 * status recorded (401). */
	int (*confirm_or_reply)(struct cl_req *r, const char *stamp_now);
	const char *stamp_sql;
};

/* Confirms a cached caller (above) and its permission for the route:
 * 0, or the status recorded (401, 403). Nothing to do for a confirmed
 * caller. */
int cl_caller_confirm_or_reply(struct cl_req *r, const char *stamp_now);

/* The scalar subquery a route's own statement may add to read the stamps
 * a cached caller is confirmed against, or NULL when there is nothing to
 * confirm, or the statement is not on the primary (a replica's stamps
 * may lag a revocation). */
const char *cl_caller_stamp_sql(const struct cl_req *r);

/* Takes the credential checks of the first of modules (NULL-terminated)
 * whose descriptor has them (identity's); with none, every route that
 * needs credentials answers 401. Called by the master before it forks. */
void cl_dispatch_init(const struct cl_module *const *modules);

/* True when the caller holds perm (superusers hold all; NULL perm: any
 * authenticated caller). Pure. */
bool cl_caller_can(const struct cl_req *r, const char *perm);

/* How many times a CL_TX route runs when InnoDB picks its transaction as
 * a deadlock victim or its lock wait times out (db.h
 * cl_db_tx_conflicted): the first try and three more. */
#define CL_TX_ATTEMPTS 4

/* Runs the matched route's checks and handler, inside a transaction when
 * the route has CL_TX (commit on 2xx, else roll back; a conflicted
 * transaction runs again, up to CL_TX_ATTEMPTS times). With
 * CL_IDEMPOTENT, an Idempotency-Key header is honoured inside that
 * transaction (idempotency.h). The response is recorded in r->resp, not
 * sent. Returns the status. */
int cl_dispatch(struct cl_req *r);

#endif
