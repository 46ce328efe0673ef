/* Page-number pagination as Django REST framework's PageNumberPagination
 * answers it, since the seeds' clients were written against that. */
#include "config.h"

#include "core/page.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* Leaves *v when s is NULL (1); -1 for anything but a positive number. */
static int
read_positive(const char *s, int64_t *v)
{
	int64_t n;

	if (s == NULL)
		return 1;
	if (cl_parse_int(s, &n) != CL_OK || n <= 0)
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

cJSON *
cl_page_render(struct cl_req *r, const struct cl_page *p, int64_t count,
    cJSON *results)
{
	cJSON *env = cJSON_CreateObject();
	bool has_next = p->offset + p->size < count;

	if (env == NULL)
		abort();
	cl_json_add_int(env, "count", count);
	/* DRF's first page has no page parameter. */
	cl_json_add_str(env, "next", has_next ?
	    cl_req_url_with(r, "page", p->page + 1, true) : NULL);
	cl_json_add_str(env, "previous", p->page > 1 ?
	    cl_req_url_with(r, "page", p->page - 1, p->page - 1 > 1) : NULL);
	if (!cJSON_AddItemToObject(env, "results", results))
		abort();
	return env;
}
