/* Metrics shared by every process of the pool: counters in one anonymous
 * shared mapping made by the master before it forks, updated with atomics
 * and rendered as Prometheus text by GET /metrics. Also each worker's
 * current route, so the master can say where a worker died. */
#ifndef CL_CORE_METRICS_H
#define CL_CORE_METRICS_H

#include <stddef.h>
#include <sys/types.h>

struct cl_arena;
struct cl_module;

#define CL_METRICS_MAX_WORKERS 256

/* Maps the shared counters for nroutes routes. Master only, before fork.
 * Returns CL_OK or CL_EIO. */
int cl_metrics_init(size_t nroutes);

/* Counts one request: route index (nroutes for "no route"), status and
 * duration. */
void cl_metrics_count(size_t route, int status, double seconds);
void cl_metrics_db_error(void);

/* Worker slots: the master assigns slot to pid; a worker records the route
 * it is serving (index, or -1 between requests). */
void cl_metrics_slot_set(int slot, pid_t pid);
void cl_metrics_slot_route(int slot, long route);
long cl_metrics_slot_current(int slot);
int cl_metrics_slot_of(pid_t pid);
void cl_metrics_workers_alive(int n);

/* Prometheus text exposition of the counters, with route names taken from
 * modules, from a. */
char *cl_metrics_render(struct cl_arena *a,
    const struct cl_module *const *modules);

#endif
