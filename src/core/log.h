/* Logging: one JSON line per request and per event, to the configured file
 * or stderr. Never a password, token, secret or request body: callers pass
 * only what is safe, and request lines carry no headers or query values. */
#ifndef CL_CORE_LOG_H
#define CL_CORE_LOG_H

#include <stdbool.h>
#include <stddef.h>

struct cl_req;

/* Opens path for appending (NULL or "": stderr). Safe to call again after
 * fork or SIGHUP. Returns CL_OK or CL_EIO. */
int cl_log_open(const char *path);

/* The request line: time, request id, method, route, status, duration,
 * worker pid. Called once per request by response.c. */
void cl_log_request(const struct cl_req *r, double seconds);

/* An error during request r, with its request id and route. */
void cl_log_err(const struct cl_req *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Process events (master, jobs): level is "info", "warn" or "error". */
void cl_log_msg(const char *level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Request lines wait and go out together while holding (log.c says
 * why); a worker holds them, and flushes when it has nothing to do and
 * when cl_log_due says so. Turning holding off flushes. */
#define CL_LOG_HOLD 0.05
void cl_log_hold(bool on);

/* Writes the held lines, if any. */
void cl_log_flush(void);

/* Seconds until the held lines are due (0: now), or -1 when none are held
 * (now: cl_monotonic()). */
double cl_log_due(double now);

/* Escapes s into buf as JSON string contents (no quotes). */
void cl_log_escape(char *buf, size_t len, const char *s);

#endif
