/* Page-number pagination (API.md §1): ?page=N&page_size=M, default 20, max
 * 100, answered as {"count","next","previous","results"} with absolute
 * next/previous URLs that keep the request's other query parameters. */
#ifndef CL_CORE_PAGE_H
#define CL_CORE_PAGE_H

#include <stdint.h>

struct cJSON;
struct cl_req;

#define CL_PAGE_DEFAULT 20
#define CL_PAGE_MAX 100

struct cl_page {
	int64_t	page;    /* 1-based */
	int64_t	size;
	int64_t	offset;  /* (page - 1) * size, for LIMIT ? OFFSET ? */
};

/* Reads page and page_size. A malformed or non-positive value: 400; a
 * page_size above the max is capped (as DRF does). Returns 0 or 400. */
int cl_page_or_reply(struct cl_req *r, struct cl_page *p);

/* A page past the last one (when count > 0): 404 "Invalid page." as DRF. */
int cl_page_check_or_reply(struct cl_req *r, const struct cl_page *p,
    int64_t count);

/* Builds the envelope; takes results. */
struct cJSON *cl_page_render(struct cl_req *r, const struct cl_page *p,
    int64_t count, struct cJSON *results);

#endif
