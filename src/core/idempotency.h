/* Idempotency-Key (API.md §1, §6; as Stripe's and Lago's APIs do): a POST
 * whose route has CL_IDEMPOTENT and whose request carries the header is
 * applied at most once per caller and key. dispatch.c calls the two
 * functions below around the handler, inside the route's transaction:
 * the key's row is inserted first, so a concurrent request with the same
 * key waits on that row's lock until the first commits (then replays) or
 * rolls back (then runs itself); the first answer is stored in the same
 * transaction as the work it describes. Rows live in idempotency_keys
 * (sql/0023), are honoured for CL_IDEM_TTL seconds and pruned by
 * cl_idem_prune, which a module lists among its jobs. */
#ifndef CL_CORE_IDEMPOTENCY_H
#define CL_CORE_IDEMPOTENCY_H

#include <stdbool.h>

struct cl_arena;
struct cl_db;
struct cl_req;

#define CL_IDEM_TTL (24 * 3600)   /* seconds a key answers its first reply */
#define CL_IDEM_KEY_MAX 255       /* characters of a key */

/* Before the handler, in the transaction. Without the header (or an
 * anonymous caller): 0, nothing to do. A key that is not 1..255
 * printable ASCII characters: 400. A key this caller used within the TTL
 * for the same method, path and body: the stored answer recorded again
 * (with "Idempotent-Replayed: true") and its status returned, *replayed
 * set; for another request: 422. Otherwise the key is claimed (a row
 * inserted, waiting for a concurrent holder of it) and 0 returned. */
int cl_idem_begin_or_reply(struct cl_req *r, bool *replayed);

/* After a 2xx handler of a request cl_idem_begin_or_reply claimed a key
 * for: stores the recorded status, content type and body in the key's
 * row. CL_OK or a CL_E* (the caller answers it and rolls back). A no-op
 * when no key was claimed. */
int cl_idem_finish(struct cl_req *r);

/* Job: deletes rows older than the TTL, at most 1000 per run. */
int cl_idem_prune(struct cl_db *db, struct cl_arena *a);

#endif
