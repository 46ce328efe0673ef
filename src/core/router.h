/* Route tables and matching. A module exports one static table of routes;
 * src/modules/modules.c lists the modules. Matching is pure: the worker
 * asks, dispatch.c acts on the answer. */
#ifndef CL_CORE_ROUTER_H
#define CL_CORE_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/query.h"

struct cl_req;
struct cl_arena;
struct cl_field;
struct cl_list_spec;
struct cl_resource;

enum cl_method {
	CL_GET = 1 << 0,
	CL_POST = 1 << 1,
	CL_PUT = 1 << 2,
	CL_PATCH = 1 << 3,
	CL_DELETE = 1 << 4,
	CL_HEAD = 1 << 5,
	CL_OPTIONS = 1 << 6,
};

/* Route flags: which generic checks dispatch.c runs before the handler. */
enum cl_route_flag {
	CL_PUBLIC = 1 << 0,     /* no credentials needed (perm is ignored) */
	CL_JSON_BODY = 1 << 1,  /* body must be a JSON object: 415/400 else */
	CL_TX = 1 << 2,         /* run in one transaction, commit on 2xx */
	CL_APIKEY = 1 << 3,     /* a valid apikey header is required */
	CL_OPTIONAL_AUTH = 1 << 4, /* public, but credentials are read if sent */
	CL_REPLICA = 1 << 5,    /* a read that tolerates seconds of lag: the
	                         * handler's r->db may be the replica
	                         * (cl_db_for_lagged_read); the caller check
	                         * before it stays on the primary. Never with
	                         * CL_TX or a handler that writes. */
	CL_IDEMPOTENT = 1 << 6, /* honours Idempotency-Key (idempotency.h);
	                         * only with CL_TX, whose transaction holds
	                         * the key's row */
	CL_LATE_CONFIRM = 1 << 7, /* a GET whose handler only reads and
	                         * answers at its end (no stream): a cached
	                         * caller is confirmed with the handler's own
	                         * statement (cl_resource_list) or after it,
	                         * before the answer goes out, rather than by
	                         * a statement before it (dispatch.h) */
};

/* A permission no role can hold: only superusers pass. */
#define CL_PERM_SUPERUSER "superuser"

/* A handler returns the HTTP status it recorded with cl_reply_* or cl_fail. */
typedef int (*cl_handler_fn)(struct cl_req *r);

struct cl_route {
	unsigned	method;   /* one enum cl_method bit */
	const char	*pattern; /* "/plans/{id}"; no prefix, no trailing slash */
	cl_handler_fn	handler;
	const char	*perm;    /* NULL: any authenticated caller */
	unsigned	flags;    /* enum cl_route_flag bits */
	/* NULL, or a module's config value (its [section] key, conf.h):
	 * while that is true the route is served as CL_PUBLIC, for modules
	 * whose seed was open and that a closed network may run so
	 * ([loyalty] open). Read per request, so a SIGHUP's new value holds
	 * in the new workers. */
	const bool	*public_if;

	/* What the route reads and answers, for the OpenAPI dump (schema.c)
	 * and nothing else: dispatch never looks at them. A route served by
	 * the generic handlers of resource.h names its resource, and the
	 * body, reply and list follow from it and the method; any other
	 * route may name its body and reply field tables itself. */
	const struct cl_resource	*resource;
	const struct cl_field		*body;
	const struct cl_field		*reply;
	const struct cl_list_spec	*list;
};

/* A periodic job, run by the jobs child every jobs_interval seconds (the
 * config) with its own database connection; jobs must be cheap when there
 * is nothing to do. Returns CL_OK or a CL_E* code that is logged. */
struct cl_db;
typedef int (*cl_job_fn)(struct cl_db *db, struct cl_arena *a);

struct cl_job {
	const char	*name;
	cl_job_fn	run;
};

struct cl_auth_ops;
struct cl_command;
struct cl_conf_section;

/* What a module brings to the server: core reads all of it from
 * cl_modules, so adding a module touches no core or CLI file. */
struct cl_module {
	const char			*name;
	const struct cl_route		*routes; /* ends with a zeroed entry */
	const struct cl_job		*jobs;   /* NULL or zero-terminated */
	/* Its clientele.conf sections (conf.h), NULL or ending with a
	 * zeroed entry; a section no module declares is an error. */
	const struct cl_conf_section	*conf;
	/* Its clientelectl commands (command.h), NULL or ending with a
	 * zeroed entry, listed after core's migrate and load. */
	const struct cl_command		*commands;
	/* The credential checks dispatch.c runs (dispatch.h): one module,
	 * identity, brings them; the first that does is used. */
	const struct cl_auth_ops	*auth;
};

/* The modules of this server, NULL-terminated (src/modules/modules.c). */
extern const struct cl_module *const cl_modules[];

struct cl_match {
	const struct cl_module	*module;
	const struct cl_route	*route;
	size_t			index;   /* position over all tables, for metrics */
	struct cl_kv		*params; /* {name} segments, decoded, from the arena */
	size_t			nparams;
	unsigned		allow;   /* on CL_EMETHOD: the methods the path has */
};

/* Matches method and path (prefix already stripped; a trailing slash is
 * optional) against modules. Returns CL_OK with m filled, CL_EMETHOD with
 * m->allow set, CL_EINVAL when a parameter decodes to anything but UTF-8,
 * or CL_ENOTFOUND. Params are percent-decoded into a.
 *
 * Precedence, whatever the order of the tables and of their routes:
 * - Of the routes of the request's method (HEAD also takes GET's) whose
 *   pattern matches the path, the most specific wins. Of two patterns
 *   matching one path, compared segment by segment from the left, the
 *   first with a literal where the other has a {param} is the more
 *   specific: /bills/invoices/history beats /bills/invoices/{id}, and
 *   /a/{b}/{c} beats /{a}/b/c. Patterns alike but for param names are a
 *   duplicate (tests/unit/core/test_routes_all.c refuses them); of such,
 *   the first wins, except that a HEAD route beats the GET at HEAD.
 * - So the method is decided first: when the most specific matching
 *   pattern lacks the method, a less specific one that has it answers
 *   (with GET /x/{id} and POST /x/history, GET /x/history is /x/{id}).
 * - 405 only when no matching pattern has the method; m->allow then holds
 *   the methods of every pattern that matches (plus HEAD with GET), each
 *   of which would reach a handler.
 * One pass over the routes; nothing is allocated but the params. */
int cl_router_match(const struct cl_module *const *modules, unsigned method,
    const char *path, struct cl_arena *a, struct cl_match *m);

/* Total routes over modules (for metrics slots). */
size_t cl_router_count(const struct cl_module *const *modules);

/* The route at position index over all tables, or NULL. */
const struct cl_route *cl_router_at(const struct cl_module *const *modules,
    size_t index);

/* Method name <-> bit. Unknown names give 0. */
unsigned cl_method_parse(const char *name);
const char *cl_method_name(unsigned method);

/* Writes "GET, POST" for the bits of allow into buf. */
void cl_method_list(unsigned allow, char *buf, size_t len);

#endif
