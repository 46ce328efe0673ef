/* Unit tests of src/core/listing.c's parameter reading (cl_list_parse):
 * which query parameters a spec answers, and which it ignores. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/query.h"

static const struct cl_ordering by_name[] = {
	{ "name", "p.name" },
	{ 0 }
};
static const struct cl_ordering no_orderings[] = { { 0 } };

/* Parses qs against spec; returns the CL_* result, the query in *q and
 * the number of fields with problems in *nerrors. */
static int
parse(struct cl_arena *a, const struct cl_list_spec *spec, const char *qs,
    struct cl_list_query *q, int *nerrors)
{
	struct cl_kvlist query;
	cJSON *errors = cJSON_CreateObject();
	int rc;

	assert_non_null(errors);
	assert_int_equal(cl_query_parse(a, qs, &query), CL_OK);
	rc = cl_list_parse(a, spec, &query, q, errors);
	*nerrors = cJSON_GetArraySize(errors);
	cJSON_Delete(errors);
	return rc;
}

/* A spec without orderings has no ?ordering= parameter: ignored, as
 * ?search= is without search columns, and the default order stands. */
static void
test_listing_ordering_without_orderings_is_ignored(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_spec spec = { .select = "SELECT p.id FROM plans p",
		.count = "SELECT COUNT(*) FROM plans p", .order = "p.id",
		.pagination = CL_PAGE_NUMBER };
	struct cl_list_query q;
	int n;

	(void)state;
	assert_int_equal(parse(a, &spec, "ordering=-name&search=x", &q, &n),
	    CL_OK);
	assert_int_equal(n, 0);
	assert_string_equal(q.order_by, " ORDER BY p.id");
	assert_string_equal(q.where, "");
	cl_arena_free(a);
}

/* Listed orderings come first, the default order breaks ties in the
 * last term's direction (so an index walks both); anything
 * else is a problem on "ordering", also with an empty table. */
static void
test_listing_ordering_from_the_table_only(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_spec spec = { .select = "SELECT p.id FROM plans p",
		.count = "SELECT COUNT(*) FROM plans p", .orderings = by_name,
		.order = "p.id", .pagination = CL_PAGE_NUMBER };
	struct cl_list_query q;
	int n;

	(void)state;
	assert_int_equal(parse(a, &spec, "ordering=-name", &q, &n), CL_OK);
	assert_string_equal(q.order_by, " ORDER BY p.name DESC, p.id DESC");
	assert_int_equal(parse(a, &spec, "ordering=name", &q, &n), CL_OK);
	assert_string_equal(q.order_by, " ORDER BY p.name, p.id");
	assert_int_equal(parse(a, &spec, "ordering=amount", &q, &n),
	    CL_EINVAL);
	assert_int_equal(n, 1);
	spec.orderings = no_orderings;
	assert_int_equal(parse(a, &spec, "ordering=name", &q, &n), CL_EINVAL);
	assert_int_equal(parse(a, &spec, "ordering=", &q, &n), CL_OK);
	cl_arena_free(a);
}

/* A scope goes first and cannot be lifted: its bind leads the others. */
static void
test_listing_scope_leads_the_conditions(void **state)
{
	static const struct cl_filter filters[] = {
		{ .param = "is_active", .type = CL_FILTER_BOOL,
		  .sql = "s.is_active = ?" },
		{ 0 }
	};
	struct cl_arena *a = cl_arena_new();
	struct cl_list_spec spec = { .select = "SELECT s.id FROM subs s",
		.count = "SELECT COUNT(*) FROM subs s", .filters = filters,
		.order = "s.id", .pagination = CL_PAGE_NUMBER };
	struct cl_list_query q;
	int n;

	(void)state;
	assert_int_equal(parse(a, &spec, "is_active=true", &q, &n), CL_OK);
	cl_list_scope(a, &q, "s.user_id = ?", cl_bind_int(42));
	assert_string_equal(q.where, " WHERE s.user_id = ? AND s.is_active = ?");
	assert_int_equal(q.nbinds, 2);
	assert_int_equal(q.binds[0].i, 42);
	assert_int_equal(q.binds[1].i, 1);
	assert_int_equal(parse(a, &spec, "", &q, &n), CL_OK);
	cl_list_scope(a, &q, "s.user_id = ?", cl_bind_int(7));
	assert_string_equal(q.where, " WHERE s.user_id = ?");
	assert_int_equal(q.nbinds, 1);
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_ordering_without_orderings_is_ignored),
		cmocka_unit_test(test_listing_ordering_from_the_table_only),
		cmocka_unit_test(test_listing_scope_leads_the_conditions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
