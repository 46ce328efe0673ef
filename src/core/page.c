/* Page-number pagination as Django REST framework's PageNumberPagination
 * answers it, since the seeds' clients were written against that. */
#include "config.h"

#include "core/page.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

static int
read_positive(const char *s, int64_t *v)
{
	char *end;
	long long n;

	if (s == NULL)
		return 1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n <= 0)
		return -1;
	*v = n;
	return 0;
}

int
cl_page_or_reply(struct cl_req *r, struct cl_page *p)
{
	p->page = 1;
	p->size = CL_PAGE_DEFAULT;
	if (read_positive(cl_req_query(r, "page"), &p->page) < 0) {
		cl_fail_field(r, "page", "A positive integer is required.");
		return cl_fail_validation(r);
	}
	if (read_positive(cl_req_query(r, "page_size"), &p->size) < 0) {
		cl_fail_field(r, "page_size", "A positive integer is required.");
		return cl_fail_validation(r);
	}
	if (p->size > CL_PAGE_MAX)
		p->size = CL_PAGE_MAX;
	if (p->page > INT64_MAX / p->size) {
		cl_fail_field(r, "page", "Page number is too large.");
		return cl_fail_validation(r);
	}
	p->offset = (p->page - 1) * p->size;
	return 0;
}

int
cl_page_check_or_reply(struct cl_req *r, const struct cl_page *p,
    int64_t count)
{
	if (p->page == 1 || p->offset < count)
		return 0;
	return cl_fail(r, 404, "not_found", "Invalid page.");
}

/* base + path + the query with page replaced (or dropped for page 1,
 * as DRF does for the first page's link). */
static char *
page_url(struct cl_req *r, int64_t page)
{
	char *url = cl_arena_printf(r->arena, "%s%s", cl_req_base_url(r),
	    r->path);
	const char *sep = "?";
	size_t i;

	for (i = 0; i < r->query.n; i++) {
		const struct cl_kv *kv = &r->query.items[i];
		const char *k, *v;

		if (strcmp(kv->key, "page") == 0)
			continue;
		k = cl_url_encode(r->arena, kv->key);
		v = cl_url_encode(r->arena, kv->value);
		url = cl_arena_printf(r->arena, "%s%s%s=%s", url, sep, k, v);
		sep = "&";
	}
	if (page > 1)
		url = cl_arena_printf(r->arena, "%s%spage=%lld", url, sep,
		    (long long)page);
	return url;
}

cJSON *
cl_page_render(struct cl_req *r, const struct cl_page *p, int64_t count,
    cJSON *results)
{
	cJSON *env = cJSON_CreateObject();
	bool has_next = p->offset + p->size < count;

	if (env == NULL)
		abort();
	cl_json_add_int(env, "count", count);
	cl_json_add_str(env, "next", has_next ? page_url(r, p->page + 1) : NULL);
	cl_json_add_str(env, "previous",
	    p->page > 1 ? page_url(r, p->page - 1) : NULL);
	if (!cJSON_AddItemToObject(env, "results", results))
		abort();
	return env;
}
