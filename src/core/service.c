/* Service routes (API.md §8): GET /health and GET /metrics, plus the
 * test-only /debug routes, answered 404 unless the config sets
 * debug_routes (the API tests use them to hold a request open, to echo a
 * body through the generic checks, and to crash a worker). */
#include "config.h"

#include "core/service.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/metrics.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* GET /health (API.md §8): 200 when the database answers, else 503. */
static int
health_show(struct cl_req *r)
{
	cJSON *body;

	if (cl_db_ping(r->db) != CL_OK) {
		body = cl_error_render("database_unavailable",
		    "The database is unreachable.", NULL);
		cl_json_add_str(body, "db", "down");
		cl_json_add_str(body, "version", PACKAGE_VERSION);
		return cl_reply_json(r, 503, body);
	}
	body = cJSON_CreateObject();
	if (body == NULL)
		abort();
	cl_json_add_str(body, "status", "ok");
	cl_json_add_str(body, "db", "ok");
	cl_json_add_str(body, "version", PACKAGE_VERSION);
	return cl_reply_json(r, 200, body);
}

/* GET /metrics (API.md §8): Prometheus text; nginx admits loopback only. */
static int
metrics_show(struct cl_req *r)
{
	const char *text;

	/* nginx refuses other clients already; this holds when the pool is
	 * reached some other way (a TCP listener, a misconfigured proxy). */
	if (strcmp(r->remote_addr, "127.0.0.1") != 0 &&
	    strcmp(r->remote_addr, "::1") != 0)
		return cl_fail(r, 403, "forbidden",
		    "Metrics are served to loopback clients only.");
	text = cl_metrics_render(r->arena, cl_modules);

	return cl_reply_raw(r, 200, "text/plain; version=0.0.4", text,
	    strlen(text));
}

/* GET /debug/sleep?ms=N: holds the worker N ms (max 10000). */
static int
debug_sleep(struct cl_req *r)
{
	const char *ms = cl_req_query(r, "ms");
	struct timespec ts;
	cJSON *body;
	long n;

	if (!cl_conf.debug_routes)
		return cl_fail(r, 404, "not_found", "No route matches this path.");
	n = ms ? strtol(ms, NULL, 10) : 0;
	if (n < 0 || n > 10000)
		n = 0;
	ts.tv_sec = n / 1000;
	ts.tv_nsec = (n % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	body = cJSON_CreateObject();
	if (body == NULL)
		abort();
	cl_json_add_int(body, "slept_ms", n);
	return cl_reply_json(r, 200, body);
}

/* POST /debug/echo: the parsed JSON body back, after the generic checks. */
static int
debug_echo(struct cl_req *r)
{
	cJSON *copy;

	if (!cl_conf.debug_routes)
		return cl_fail(r, 404, "not_found", "No route matches this path.");
	copy = cJSON_Duplicate(r->json, 1);
	if (copy == NULL)
		abort();
	return cl_reply_json(r, 200, copy);
}

/* GET /debug/permission: 200 for a caller holding agents:read (a named
 * permission of API.md §2), so the permission check in dispatch.c is
 * tested through a real route before any module needs one. */
static int
debug_permission(struct cl_req *r)
{
	cJSON *body;

	if (!cl_conf.debug_routes)
		return cl_fail(r, 404, "not_found", "No route matches this path.");
	body = cJSON_CreateObject();
	if (body == NULL)
		abort();
	cl_json_add_int(body, "user_id", r->caller.user_id);
	return cl_reply_json(r, 200, body);
}

/* POST /debug/crash: the worker aborts mid-request, so tests can watch the
 * master replace it and name the route in its log. */
static int
debug_crash(struct cl_req *r)
{
	if (!cl_conf.debug_routes)
		return cl_fail(r, 404, "not_found", "No route matches this path.");
	abort();
}

static const struct cl_route service_routes[] = {
	{ .method = CL_GET, .pattern = "/health", .handler = health_show,
	  .flags = CL_PUBLIC },
	{ .method = CL_GET, .pattern = "/metrics", .handler = metrics_show,
	  .flags = CL_PUBLIC },
	{ .method = CL_GET, .pattern = "/debug/sleep", .handler = debug_sleep,
	  .flags = CL_PUBLIC },
	{ .method = CL_POST, .pattern = "/debug/echo", .handler = debug_echo,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_GET, .pattern = "/debug/permission",
	  .handler = debug_permission, .perm = "agents:read" },
	{ .method = CL_POST, .pattern = "/debug/crash", .handler = debug_crash,
	  .flags = CL_PUBLIC },
	{ 0 }
};

const struct cl_module cl_service_module = {
	.name = "service",
	.routes = service_routes,
};
