/* Module identity: the worker's cache of signed-in callers. A JWT caller
 * checked in full (db.c: auth_caller_get, one statement) is kept with the
 * auth stamps read in that statement; the next request with the same
 * token takes it from here and is confirmed against the stamps the
 * route's own statement reads, or a one-column read of them (dispatch.h),
 * so a list answers with one statement instead of two. Every change that
 * could refuse a kept caller bumps a stamp in its own transaction
 * (sql/0060, sql/0063), on whatever host it is made: a stamp that moved
 * means a check in full, so a revocation holds on the next request of
 * every worker of every host. What no stamp sees, time, bounds an entry:
 * CL_CALLER_TTL seconds, and its session's own expiry; the token's exp is
 * checked on every request before the cache is asked. Direct-mapped by the
 * jti's hash; a collision just replaces. */
#include "config.h"

#include "auth/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/banned.h"

enum { CACHE_SLOTS = 256, JTI_MAX = 64, STAMP_MAX = 48 };

struct entry {
	char	 jti[JTI_MAX + 1];   /* "": empty */
	int64_t	 user_id;
	int64_t	 sid;
	double	 until;              /* cl_monotonic() */
	struct auth_cached_caller c;
	char	 stamp[STAMP_MAX];
};

static struct entry cache[CACHE_SLOTS];

static struct entry *
slot_of(const char *jti)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *jti; jti++)
		h = (h ^ (unsigned char)*jti) * 16777619u;
	return &cache[h % CACHE_SLOTS];
}

const struct auth_cached_caller *
auth_cache_find(const struct auth_claims *c, double now)
{
	struct entry *e = slot_of(c->jti);

	if (strcmp(e->jti, c->jti) != 0 || e->jti[0] == '\0' ||
	    e->user_id != c->user_id || e->sid != c->sid || now >= e->until)
		return NULL;
	return &e->c;
}

void
auth_cache_put(const struct auth_claims *c, const struct auth_caller_row *row,
    double now)
{
	struct entry *e = slot_of(c->jti);
	double ttl = AUTH_CALLER_TTL;

	if (row->session_ttl >= 0 && (double)row->session_ttl - 1 < ttl)
		ttl = (double)row->session_ttl - 1;
	if (ttl <= 0 || row->stamp == NULL || strlen(c->jti) > JTI_MAX ||
	    strlen(row->stamp) >= STAMP_MAX) {
		auth_cache_forget(c->jti);
		return;
	}
	free(e->c.perms);
	e->c.perms = row->perms != NULL ? cl_xstrdup(row->perms) : NULL;
	e->c.is_superuser = row->is_superuser;
	e->c.user_id = row->user_id;
	memcpy(e->stamp, row->stamp, strlen(row->stamp) + 1);
	e->c.stamp = e->stamp;
	memcpy(e->jti, c->jti, strlen(c->jti) + 1);
	e->user_id = c->user_id;
	e->sid = c->sid;
	e->until = now + ttl;
}

void
auth_cache_forget(const char *jti)
{
	struct entry *e = slot_of(jti);

	if (strcmp(e->jti, jti) == 0)
		e->jti[0] = '\0';
}
