/* Fuzz target: list parameters (src/core/listing.c) from any query string
 * against a spec with every filter type, search and ordering. Whatever it
 * accepts is SQL made of the spec's fragments only: the WHERE text holds
 * no byte of the input, just the fragments and their "?" marks. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[] = { "bw", "soho", NULL };

static const struct cl_filter filters[] = {
	{ "s", CL_FILTER_STR, "c.s = ?", NULL, NULL },
	{ "n", CL_FILTER_INT, "c.n = ?", NULL, NULL },
	{ "k", CL_FILTER_ID, "c.k = ?", NULL, "SELECT 1 FROM k WHERE id = ?" },
	{ "b", CL_FILTER_BOOL, "c.b = ?", NULL, NULL },
	{ "e", CL_FILTER_ENUM, "c.e = ?", kinds, NULL },
	{ "l", CL_FILTER_ENUM_LIST, "c.l IN", kinds, NULL },
	{ "d", CL_FILTER_DATE, "c.d >= ?", NULL, NULL },
	{ 0 }
};
static const char *const search[] = { "c.s", "c.t", NULL };
static const struct cl_ordering orderings[] = {
	{ "s", "c.s" }, { "d", "c.d" }, { 0 }
};
static const struct cl_list_spec spec = {
	.select = "SELECT c.id FROM c", .count = "SELECT COUNT(*) FROM c",
	.filters = filters, .search = search, .orderings = orderings,
	.order = "c.id", .pagination = CL_LIMIT_OFFSET, .max = 100,
};

/* Only fragment text: every byte is one the spec's fragments or the glue
 * listing.c joins them with could have written. */
static int
only_fragments(const char *s)
{
	static const char glue[] = " WHERE AND OR LIKE ? ESCAPE '!' (,) "
	    "ORDER BY DESC";
	static unsigned char ok[256];
	const struct cl_filter *f;
	const char *const *c;
	const struct cl_ordering *o;
	const char *p;

	if (!ok[' ']) {
		for (p = glue; *p; p++)
			ok[(unsigned char)*p] = 1;
		for (f = filters; f->param; f++)
			for (p = f->sql; *p; p++)
				ok[(unsigned char)*p] = 1;
		for (c = search; *c; c++)
			for (p = *c; *p; p++)
				ok[(unsigned char)*p] = 1;
		for (o = orderings; o->name; o++)
			for (p = o->sql; *p; p++)
				ok[(unsigned char)*p] = 1;
		for (p = spec.order; *p; p++)
			ok[(unsigned char)*p] = 1;
	}
	for (; *s; s++)
		if (!ok[(unsigned char)*s])
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a = cl_arena_new();
	char *qs = cl_arena_strndup(a, (const char *)data, size);
	cJSON *errors = cJSON_CreateObject();
	struct cl_kvlist query;
	struct cl_list_query q;

	if (errors == NULL)
		abort();
	if (cl_query_parse(a, qs, &query) == 0 &&
	    cl_list_parse(a, &spec, &query, &q, errors) == 0) {
		if (!only_fragments(q.where) || !only_fragments(q.order_by) ||
		    q.nbinds > CL_LIST_BINDS ||
		    (q.enveloped && (q.limit < 1 || q.limit > 100 ||
		    q.offset < 0)))
			abort();
	}
	cJSON_Delete(errors);
	cl_arena_free(a);
	return 0;
}
