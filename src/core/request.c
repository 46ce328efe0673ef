/* Building struct cl_req from a FastCGI request (parameters nginx sends,
 * then the body), and the accessors handlers use. */
#include "config.h"

#include "core/request.h"

#include <ctype.h>
#include <errno.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/errors.h"
#include "core/response.h"
#include "core/banned.h"

const char *
cl_req_header(const struct cl_req *r, const char *name)
{
	return cl_kvlist_get(&r->headers, name);
}

const char *
cl_req_query(const struct cl_req *r, const char *key)
{
	return cl_kvlist_get(&r->query, key);
}

const char *
cl_req_param(const struct cl_req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->match.nparams; i++)
		if (strcmp(r->match.params[i].key, name) == 0)
			return r->match.params[i].value;
	return NULL;
}

const char *
cl_req_base_url(struct cl_req *r)
{
	const char *prefix = r->raw_prefix ? r->raw_prefix : "";
	size_t n = strlen(cl_conf.public_url);

	if (n > 0) {
		/* "https://crm.example/" and "https://crm.example" alike. */
		while (n > 0 && cl_conf.public_url[n - 1] == '/')
			n--;
		return cl_arena_printf(r->arena, "%.*s%s", (int)n,
		    cl_conf.public_url, prefix);
	}
	if (r->server_port && *r->server_port)
		return cl_arena_printf(r->arena, "%s://localhost:%s%s",
		    r->scheme, r->server_port, prefix);
	return cl_arena_printf(r->arena, "%s://localhost%s", r->scheme, prefix);
}

char *
cl_req_url_with(struct cl_req *r, const char *key, int64_t value, bool keep)
{
	const char *head = cl_arena_printf(r->arena, "%s%s", cl_req_base_url(r),
	    r->path);
	const char **enc = CL_NEW_ARRAY(r->arena, const char *,
	    r->query.n * 2 + 1);
	const char *last = keep ? cl_arena_printf(r->arena, "%s=%lld", key,
	    (long long)value) : NULL;
	size_t i, len = strlen(head) + (last ? strlen(last) + 1 : 0) + 1;
	char *url, *o, sep = '?';

	/* Measure, then copy: one pass over the parameters, so a request
	 * with thousands of them costs linear time, not quadratic. */
	for (i = 0; i < r->query.n; i++) {
		const struct cl_kv *kv = &r->query.items[i];

		if (strcmp(kv->key, key) == 0)
			continue;
		enc[i * 2] = cl_url_encode(r->arena, kv->key);
		enc[i * 2 + 1] = cl_url_encode(r->arena, kv->value);
		len += strlen(enc[i * 2]) + strlen(enc[i * 2 + 1]) + 2;
	}
	url = cl_arena_alloc(r->arena, len);
	o = stpcpy(url, head);
	for (i = 0; i < r->query.n; i++) {
		if (enc[i * 2] == NULL)
			continue;
		*o++ = sep;
		sep = '&';
		o = stpcpy(stpcpy(o, enc[i * 2]), "=");
		o = stpcpy(o, enc[i * 2 + 1]);
	}
	if (last) {
		*o++ = sep;
		o = stpcpy(o, last);
	}
	*o = '\0';
	return url;
}

int
cl_param_id_or_reply(struct cl_req *r, const char *name, int64_t *id)
{
	const char *s = cl_req_param(r, name);
	char *end;
	long long n;

	if (s == NULL || *s < '0' || *s > '9')
		goto bad;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || n <= 0)
		goto bad;
	*id = n;
	return 0;
bad:
	return cl_fail(r, 404, "not_found", "No object has this id.");
}

/* "HTTP_X_REQUEST_ID" -> "x-request-id", from a. */
static char *
header_name(struct cl_arena *a, const char *env, size_t len)
{
	char *s = cl_arena_strndup(a, env, len);
	size_t i;

	for (i = 0; i < len; i++)
		s[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
	return s;
}

int
cl_req_read_params(struct cl_req *r, char **envp)
{
	size_t n = 0, i;
	char **e;

	for (e = envp; *e; e++)
		if (strncmp(*e, "HTTP_", 5) == 0)
			n++;
	r->headers.items = CL_NEW_ARRAY(r->arena, struct cl_kv, n ? n : 1);
	for (e = envp, i = 0; *e; e++) {
		const char *eq = strchr(*e, '=');

		if (eq == NULL || strncmp(*e, "HTTP_", 5) != 0)
			continue;
		r->headers.items[i].key = header_name(r->arena, *e + 5,
		    (size_t)(eq - *e - 5));
		r->headers.items[i].value = eq + 1;
		i++;
	}
	r->headers.n = i;
	r->method_name = FCGX_GetParam("REQUEST_METHOD", envp);
	if (r->method_name == NULL)
		r->method_name = "GET";
	r->method = cl_method_parse(r->method_name);
	r->raw_uri = FCGX_GetParam("REQUEST_URI", envp);
	if (r->raw_uri == NULL)
		r->raw_uri = "/";
	r->content_type = FCGX_GetParam("CONTENT_TYPE", envp);
	r->request_id = FCGX_GetParam("REQUEST_ID", envp);
	if (r->request_id == NULL)
		r->request_id = cl_req_header(r, "x-request-id");
	if (r->request_id == NULL)
		r->request_id = "-";
	r->remote_addr = FCGX_GetParam("REMOTE_ADDR", envp);
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	r->scheme = FCGX_GetParam("HTTPS", envp) &&
	    strcmp(FCGX_GetParam("HTTPS", envp), "on") == 0 ? "https" : "http";
	r->host = FCGX_GetParam("HTTP_HOST", envp);
	r->server_port = FCGX_GetParam("SERVER_PORT", envp);
	return CL_OK;
}

int
cl_req_split_uri(struct cl_req *r, const char *prefix)
{
	const char *q = strchr(r->raw_uri, '?');
	size_t plen = strlen(prefix);
	const char *path;

	path = q ? cl_arena_strndup(r->arena, r->raw_uri,
	    (size_t)(q - r->raw_uri)) : r->raw_uri;
	if (cl_query_parse(r->arena, q ? q + 1 : "", &r->query) != CL_OK)
		return CL_EINVAL;
	if (strncmp(path, prefix, plen) != 0 ||
	    (path[plen] != '/' && path[plen] != '\0'))
		return CL_ENOTFOUND;
	r->raw_prefix = prefix;
	r->path = path + plen;
	return CL_OK;
}

int
cl_req_read_body(struct cl_req *r, char **envp, int64_t limit)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", envp);
	char *end;
	long long len;
	int got;

	if (cl == NULL || *cl == '\0')
		return CL_OK;
	errno = 0;
	len = strtoll(cl, &end, 10);
	if (*end != '\0' || errno != 0 || len < 0)
		return CL_EINVAL;
	if (len > limit)
		return CL_ETOOBIG;
	if (len == 0)
		return CL_OK;
	r->body = cl_arena_alloc(r->arena, (size_t)len + 1);
	got = FCGX_GetStr(r->body, (int)len, r->fcgi->in);
	if (got != (int)len)
		return CL_EINVAL;
	r->body[len] = '\0';
	r->body_len = (size_t)len;
	return CL_OK;
}
