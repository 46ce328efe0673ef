/* Logging: one JSON line per request and per event, to the configured file
 * or stderr. Never a password, token, secret or request body: callers pass
 * only what is safe, and request lines carry no headers or query values. */
#ifndef CL_CORE_LOG_H
#define CL_CORE_LOG_H

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

/* Escapes s into buf as JSON string contents (no quotes). */
void cl_log_escape(char *buf, size_t len, const char *s);

#endif
