/* One request as handlers see it: parsed method, path, query, headers and
 * body, the matched route and its parameters, the caller, and the response
 * being built. The worker fills it from the FastCGI parameters. */
#ifndef CL_CORE_REQUEST_H
#define CL_CORE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/query.h"
#include "core/router.h"

struct cJSON;
struct cl_db;
struct FCGX_Request;

/* Who is calling, filled by the auth layer before the handler runs. */
struct cl_caller {
	int64_t		user_id;        /* 0: anonymous */
	bool		is_superuser;
	const char	**perms;        /* NULL-terminated permission names */
	int64_t		apikey_id;      /* 0: no valid apikey header */
	const char	*token_jti;     /* JWT id when a JWT authenticated */
	int64_t		token_exp;      /* its expiry, s since the epoch */
	int64_t		session_id;     /* its login session; 0: none */
	const char	*scheme;        /* "Bearer", "JWT", "Token" or NULL */
	/* Set while the caller comes from the worker's cache unconfirmed:
	 * the auth stamps it was checked at (dispatch.h). NULL: confirmed,
	 * or checked in full by this request. */
	const char	*stamp;
};

struct cl_header {
	const char	*name;
	const char	*value;
};

struct cl_resp {
	int		status;         /* 0 until a reply or a failure is recorded */
	struct cl_header *headers;      /* extra headers, from the arena */
	size_t		nheaders;
	size_t		cap_headers;
	const char	*content_type;
	char		*body;          /* from the arena */
	size_t		body_len;
	struct cJSON	*field_errors;  /* cl_fail_field collects here */
	bool		streaming;      /* headers already sent, body streamed */
};

struct cl_req {
	struct cl_arena		*arena;
	struct cl_db		*db;
	struct cl_db		*primary; /* a CL_REPLICA route's primary while
	                                   * db may be the replica; else NULL */
	struct FCGX_Request	*fcgi;   /* NULL in unit tests */

	unsigned		method;  /* enum cl_method bit */
	const char		*method_name;
	const char		*path;   /* after the prefix, decoded per segment by the router */
	const char		*raw_prefix; /* the prefix that was stripped */
	const char		*raw_uri;
	struct cl_kvlist	query;
	struct cl_kvlist	headers; /* lower-case names, '-' not '_' */
	const char		*content_type;
	char			*body;   /* NUL-terminated; NULL when none */
	size_t			body_len;
	struct cJSON		*json;   /* parsed body when the route has CL_JSON_BODY */

	const char		*request_id;
	const char		*remote_addr;
	const char		*scheme; /* "http" or "https", as nginx saw it */
	const char		*host;   /* Host header as nginx saw it: never for links */
	const char		*server_port; /* the port nginx accepted on */

	struct cl_match		match;
	struct cl_caller	caller;
	struct cl_resp		resp;
	bool			in_tx;
	const char		*idem_key; /* Idempotency-Key claimed by
					    * idempotency.c for this attempt */
	double			started;  /* monotonic seconds */
};

/* A request header by lower-case name ("authorization"), or NULL. */
const char *cl_req_header(const struct cl_req *r, const char *name);

/* A query parameter's first value, or NULL. */
const char *cl_req_query(const struct cl_req *r, const char *key);

/* A path parameter ({name} in the pattern), or NULL. */
const char *cl_req_param(const struct cl_req *r, const char *name);

/* The base of every absolute link, "https://host:port/api/v1", from the
 * arena: [server] public_url when set, else scheme://localhost:port of the
 * port nginx accepted on. Never the request's Host header, which the
 * client writes (a link to evil.example in a page envelope is a phishing
 * aid and poisons caches). */
const char *cl_req_base_url(struct cl_req *r);

/* The request's absolute URL (cl_req_base_url, its path, its query in
 * order) with parameter key left out, then "key=value" appended when
 * keep: the next/previous links of a list. From the arena. */
char *cl_req_url_with(struct cl_req *r, const char *key, int64_t value,
    bool keep);

/* Reads path parameter name as a positive int64 into *id. Returns 0, or
 * records a 404 (an id that cannot exist names no object) and returns it. */
int cl_param_id_or_reply(struct cl_req *r, const char *name, int64_t *id);

/* Worker side: fill r from the FastCGI parameters; split REQUEST_URI into
 * path (prefix stripped: CL_ENOTFOUND when it is not there) and query
 * (CL_EINVAL when malformed); read the body up to limit bytes (CL_ETOOBIG
 * above it, CL_EINVAL when short). */
int cl_req_read_params(struct cl_req *r, char **envp);
int cl_req_split_uri(struct cl_req *r, const char *prefix);
int cl_req_read_body(struct cl_req *r, char **envp, int64_t limit);

#endif
