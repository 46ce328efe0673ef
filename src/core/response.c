/* The one way out of a request: replies and failures are recorded in
 * r->resp by handlers and sent here by the worker, after the transaction
 * has committed. Only this file renders error bodies, writes to the client,
 * logs the request line and counts it for /metrics. */
#include "config.h"

#include "core/response.h"

#include <cjson/cJSON.h>
#include <fcgiapp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/fcgi_end.h"
#include "core/json.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/request.h"
#include "core/timeutil.h"
#include "core/banned.h"

const char *
cl_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

static char *
print_json(struct cl_req *r, cJSON *body, size_t *len)
{
	char *s = cJSON_PrintUnformatted(body);
	char *copy;

	if (s == NULL)
		abort(); /* out of memory */
	*len = strlen(s);
	copy = cl_arena_strndup(r->arena, s, *len);
	cJSON_free(s);
	return copy;
}

int
cl_reply_json(struct cl_req *r, int status, cJSON *body)
{
	r->resp.status = status;
	r->resp.content_type = "application/json";
	r->resp.body = print_json(r, body, &r->resp.body_len);
	cJSON_Delete(body);
	return status;
}

cJSON *
cl_success_wrap(cJSON *data)
{
	cJSON *env = cJSON_CreateObject();

	if (env == NULL || cJSON_AddStringToObject(env, "status", "success") ==
	    NULL || !cJSON_AddItemToObject(env, "data", data))
		abort();
	return env;
}

int
cl_reply_success(struct cl_req *r, int status, cJSON *data)
{
	return cl_reply_json(r, status, cl_success_wrap(data));
}

int
cl_reply_empty(struct cl_req *r, int status)
{
	r->resp.status = status;
	r->resp.content_type = NULL;
	r->resp.body = NULL;
	r->resp.body_len = 0;
	return status;
}

int
cl_reply_raw(struct cl_req *r, int status, const char *content_type,
    const char *body, size_t len)
{
	r->resp.status = status;
	r->resp.content_type = cl_arena_strdup(r->arena, content_type);
	r->resp.body = cl_arena_strndup(r->arena, body, len);
	r->resp.body_len = len;
	return status;
}

void
cl_reply_header(struct cl_req *r, const char *name, const char *value)
{
	struct cl_resp *s = &r->resp;

	if (s->nheaders == s->cap_headers) {
		size_t cap = s->cap_headers ? s->cap_headers * 2 : 8;
		struct cl_header *h = CL_NEW_ARRAY(r->arena, struct cl_header, cap);

		if (s->nheaders)
			memcpy(h, s->headers, s->nheaders * sizeof(*h));
		s->headers = h;
		s->cap_headers = cap;
	}
	/* A CR or LF would let a value carried from input (a file name, a
	 * redirect) start headers of its own: the header is dropped and the
	 * bug logged, rather than a worker lost to whoever sent the input. */
	if (strpbrk(name, "\r\n:") != NULL ||
	    strpbrk(value, "\r\n") != NULL) {
		cl_log_err(r, "dropped response header %.40s: CR, LF or ':'",
		    strpbrk(name, "\r\n") ? "(name)" : name);
		return;
	}
	s->headers[s->nheaders].name = cl_arena_strdup(r->arena, name);
	s->headers[s->nheaders].value = cl_arena_strdup(r->arena, value);
	s->nheaders++;
}

cJSON *
cl_error_render(const char *code, const char *detail, const cJSON *errors)
{
	cJSON *body = cJSON_CreateObject();

	if (body == NULL)
		abort();
	cl_json_add_str(body, "status", "error");
	cl_json_add_str(body, "code", code);
	cl_json_add_str(body, "detail", detail);
	if (errors != NULL && cJSON_GetArraySize(errors) > 0) {
		cJSON *copy = cJSON_Duplicate(errors, 1);

		if (copy == NULL || !cJSON_AddItemToObject(body, "errors", copy))
			abort();
	}
	return body;
}

void
cl_fail_field(struct cl_req *r, const char *field, const char *problem)
{
	cJSON *list, *s;

	if (r->resp.field_errors == NULL) {
		r->resp.field_errors = cJSON_CreateObject();
		if (r->resp.field_errors == NULL)
			abort();
		cl_arena_defer(r->arena, cl_json_free, r->resp.field_errors);
	}
	list = cJSON_GetObjectItemCaseSensitive(r->resp.field_errors, field);
	if (list == NULL) {
		list = cJSON_AddArrayToObject(r->resp.field_errors, field);
		if (list == NULL)
			abort();
	}
	s = cJSON_CreateString(problem);
	if (s == NULL || !cJSON_AddItemToArray(list, s))
		abort();
}

int
cl_has_field_errors(const struct cl_req *r)
{
	return r->resp.field_errors != NULL &&
	    cJSON_GetArraySize(r->resp.field_errors) > 0;
}

int
cl_fail(struct cl_req *r, int status, const char *code, const char *detail)
{
	cJSON *body = cl_error_render(code, detail, r->resp.field_errors);

	size_t i;
	bool challenged = false;

	/* A check that names its own scheme (apikey) has added it already. */
	for (i = 0; i < r->resp.nheaders; i++)
		if (strcasecmp(r->resp.headers[i].name, "WWW-Authenticate") == 0)
			challenged = true;
	if (status == 401 && !challenged)
		cl_reply_header(r, "WWW-Authenticate",
		    "Bearer realm=\"clientele\"");
	return cl_reply_json(r, status, body);
}

int
cl_fail_validation(struct cl_req *r)
{
	return cl_fail(r, 400, "validation_error",
	    "The request has invalid fields; see errors.");
}

int
cl_fail_db(struct cl_req *r, int rc)
{
	switch (rc) {
	case CL_EDOWN:
		return cl_fail(r, 503, "database_unavailable",
		    "The database is unavailable; try again shortly.");
	case CL_EOUTCOME:
		return cl_fail(r, 503, "commit_outcome_unknown",
		    "The database connection was lost while committing: the "
		    "change may or may not have been made. Read it back before "
		    "trying again.");
	case CL_ECONFLICT:
		return cl_fail(r, 409, "conflict",
		    "The record is busy; try again.");
	default:
		return cl_fail(r, 500, "internal_error",
		    cl_arena_printf(r->arena,
		    "internal error (request id %s)", r->request_id));
	}
}

static int
put(struct cl_req *r, const char *s, size_t n)
{
	if (n == 0)
		return CL_OK;
	if (FCGX_PutStr(s, (int)n, r->fcgi->out) != (int)n)
		return CL_EIO;
	return CL_OK;
}

static int
send_head(struct cl_req *r)
{
	struct cl_resp *s = &r->resp;
	size_t i;
	char *head;
	int rc;

	head = cl_arena_printf(r->arena, "Status: %d %s\r\nX-Request-Id: %s\r\n",
	    s->status, cl_status_text(s->status), r->request_id);
	rc = put(r, head, strlen(head));
	if (s->content_type != NULL && rc == CL_OK) {
		head = cl_arena_printf(r->arena, "Content-Type: %s%s\r\n",
		    s->content_type,
		    strcmp(s->content_type, "application/json") == 0 ?
		    "; charset=utf-8" : "");
		rc = put(r, head, strlen(head));
	}
	if (!s->streaming && rc == CL_OK) {
		head = cl_arena_printf(r->arena, "Content-Length: %zu\r\n",
		    s->body_len);
		rc = put(r, head, strlen(head));
	}
	for (i = 0; i < s->nheaders && rc == CL_OK; i++) {
		head = cl_arena_printf(r->arena, "%s: %s\r\n",
		    s->headers[i].name, s->headers[i].value);
		rc = put(r, head, strlen(head));
	}
	if (rc == CL_OK)
		rc = put(r, "\r\n", 2);
	return rc;
}

int
cl_stream_begin(struct cl_req *r, int status, const char *content_type)
{
	if (r->in_tx) {
		cl_log_err(r, "stream_begin inside a transaction");
		abort();
	}
	r->resp.status = status;
	r->resp.content_type = cl_arena_strdup(r->arena, content_type);
	r->resp.streaming = true;
	if (r->fcgi == NULL)
		return CL_OK;
	return send_head(r);
}

int
cl_stream_write(struct cl_req *r, const char *buf, size_t len)
{
	if (r->fcgi == NULL || r->method == CL_HEAD)
		return CL_OK;
	return put(r, buf, len);
}

int
cl_stream_flush(struct cl_req *r)
{
	if (r->fcgi == NULL || r->method == CL_HEAD)
		return CL_OK;
	return FCGX_FFlush(r->fcgi->out) == 0 ? CL_OK : CL_EIO;
}

void
cl_stream_abort(struct cl_req *r)
{
	if (r->fcgi == NULL)
		return;
	/* With or without keep-alive: a clean close would end the client's
	 * response as if whole when nginx does not keep connections. */
	if (cl_fcgi_abort(r->fcgi, cl_arena_printf(r->arena,
	    "clientele: streamed response aborted (request id %s)",
	    r->request_id)) != 0)
		cl_log_err(r, "aborting the streamed response failed");
}

void
cl_response_send(struct cl_req *r)
{
	double took = cl_monotonic() - r->started;
	int rc = CL_OK;

	if (r->resp.status == 0)
		cl_fail(r, 500, "internal_error", "internal error");
	if (!r->resp.streaming && r->fcgi != NULL) {
		rc = send_head(r);
		if (rc == CL_OK && r->method != CL_HEAD)
			rc = put(r, r->resp.body, r->resp.body_len);
		/* The client went away; nothing to undo. */
		if (rc != CL_OK)
			cl_log_err(r, "writing the response failed");
	}
	cl_log_request(r, took);
	cl_metrics_count(r->match.route ? r->match.index : (size_t)-1,
	    r->resp.status, took);
}
