/* Shared counters for /metrics. One anonymous shared mapping, made before
 * the first fork, so every worker adds to the same numbers with atomics
 * and any worker can render them. */
#include "config.h"

#include "core/metrics.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/router.h"
#include "core/banned.h"

static const int statuses[] = { 200, 201, 204, 400, 401, 403, 404, 405, 409,
	413, 415, 429, 500, 503 };
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]) + 1) /* + other */

static const double buckets[] = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
	0.5, 1, 2.5, 5 };
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

struct slot {
	pid_t	pid;
	long	route;
};

struct shared {
	size_t		nroutes;
	uint64_t	db_errors;
	uint64_t	hist[NBUCKETS + 1];   /* last: +Inf */
	uint64_t	sum_us;
	uint64_t	count;
	int		workers_alive;
	struct slot	slots[CL_METRICS_MAX_WORKERS];
	uint64_t	requests[];           /* (nroutes + 1) x NSTATUS */
};

static struct shared *shm;

int
cl_metrics_init(size_t nroutes)
{
	size_t size = sizeof(struct shared) +
	    (nroutes + 1) * NSTATUS * sizeof(uint64_t);
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return CL_EIO;
	shm = p;
	shm->nroutes = nroutes;
	return CL_OK;
}

static size_t
status_index(int status)
{
	size_t i;

	for (i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

void
cl_metrics_count(size_t route, int status, double seconds)
{
	size_t b;

	if (shm == NULL)
		return;
	if (route > shm->nroutes)
		route = shm->nroutes;
	__atomic_fetch_add(&shm->requests[route * NSTATUS + status_index(status)],
	    1, __ATOMIC_RELAXED);
	for (b = 0; b < NBUCKETS && seconds > buckets[b]; b++)
		;
	__atomic_fetch_add(&shm->hist[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&shm->sum_us, (uint64_t)(seconds * 1e6),
	    __ATOMIC_RELAXED);
	__atomic_fetch_add(&shm->count, 1, __ATOMIC_RELAXED);
}

void
cl_metrics_db_error(void)
{
	if (shm != NULL)
		__atomic_fetch_add(&shm->db_errors, 1, __ATOMIC_RELAXED);
}

void
cl_metrics_slot_set(int slot, pid_t pid)
{
	if (shm == NULL || slot < 0 || slot >= CL_METRICS_MAX_WORKERS)
		return;
	__atomic_store_n(&shm->slots[slot].pid, pid, __ATOMIC_RELAXED);
	__atomic_store_n(&shm->slots[slot].route, -1L, __ATOMIC_RELAXED);
}

void
cl_metrics_slot_route(int slot, long route)
{
	if (shm == NULL || slot < 0 || slot >= CL_METRICS_MAX_WORKERS)
		return;
	__atomic_store_n(&shm->slots[slot].route, route, __ATOMIC_RELAXED);
}

long
cl_metrics_slot_current(int slot)
{
	if (shm == NULL || slot < 0 || slot >= CL_METRICS_MAX_WORKERS)
		return -1;
	return __atomic_load_n(&shm->slots[slot].route, __ATOMIC_RELAXED);
}

int
cl_metrics_slot_of(pid_t pid)
{
	int i;

	if (shm == NULL)
		return -1;
	for (i = 0; i < CL_METRICS_MAX_WORKERS; i++)
		if (shm->slots[i].pid == pid)
			return i;
	return -1;
}

void
cl_metrics_workers_alive(int n)
{
	if (shm != NULL)
		__atomic_store_n(&shm->workers_alive, n, __ATOMIC_RELAXED);
}

static char *
append(struct cl_arena *a, char *s, const char *line)
{
	return cl_arena_printf(a, "%s%s", s, line);
}

char *
cl_metrics_render(struct cl_arena *a, const struct cl_module *const *modules)
{
	char *s = cl_arena_strdup(a, "");
	char line[512];
	uint64_t cum = 0;
	size_t r, i;

	if (shm == NULL)
		return s;
	s = append(a, s, "# HELP clientele_requests_total Requests by route and status.\n"
	    "# TYPE clientele_requests_total counter\n");
	for (r = 0; r <= shm->nroutes; r++) {
		const struct cl_route *rt = cl_router_at(modules, r);

		for (i = 0; i < NSTATUS; i++) {
			uint64_t v = __atomic_load_n(&shm->requests[r * NSTATUS + i],
			    __ATOMIC_RELAXED);
			char st[8];

			if (v == 0)
				continue;
			if (i < NSTATUS - 1)
				snprintf(st, sizeof(st), "%d", statuses[i]);
			else
				snprintf(st, sizeof(st), "other");
			snprintf(line, sizeof(line),
			    "clientele_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %llu\n",
			    rt ? cl_method_name(rt->method) : "",
			    rt ? rt->pattern : "unmatched", st,
			    (unsigned long long)v);
			s = append(a, s, line);
		}
	}
	s = append(a, s, "# HELP clientele_request_duration_seconds Request latency.\n"
	    "# TYPE clientele_request_duration_seconds histogram\n");
	for (i = 0; i <= NBUCKETS; i++) {
		cum += __atomic_load_n(&shm->hist[i], __ATOMIC_RELAXED);
		if (i < NBUCKETS)
			snprintf(line, sizeof(line),
			    "clientele_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			    buckets[i], (unsigned long long)cum);
		else
			snprintf(line, sizeof(line),
			    "clientele_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			    (unsigned long long)cum);
		s = append(a, s, line);
	}
	snprintf(line, sizeof(line),
	    "clientele_request_duration_seconds_sum %.6f\n"
	    "clientele_request_duration_seconds_count %llu\n"
	    "# HELP clientele_db_errors_total Database errors.\n"
	    "# TYPE clientele_db_errors_total counter\n"
	    "clientele_db_errors_total %llu\n"
	    "# HELP clientele_workers_alive Worker processes serving requests.\n"
	    "# TYPE clientele_workers_alive gauge\n"
	    "clientele_workers_alive %d\n",
	    (double)__atomic_load_n(&shm->sum_us, __ATOMIC_RELAXED) / 1e6,
	    (unsigned long long)__atomic_load_n(&shm->count, __ATOMIC_RELAXED),
	    (unsigned long long)__atomic_load_n(&shm->db_errors, __ATOMIC_RELAXED),
	    __atomic_load_n(&shm->workers_alive, __ATOMIC_RELAXED));
	return append(a, s, line);
}
