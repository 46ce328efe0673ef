/* Unit tests of src/core/listing.c: list parameters checked against a spec
 * into conditions, binds, order and window (cl_list_parse), LIKE patterns,
 * the 400 of cl_list_or_reply and the limit/offset envelope of
 * cl_list_reply, on requests built by hand (no FastCGI, no database). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/query.h"
#include "core/request.h"

static const char *const statuses[] = { "active", "paused", "closed", NULL };
static const char *const kinds[] = { "retail", "partner", NULL };

static const struct cl_filter customer_filters[] = {
	{ "kam", CL_FILTER_ID, "c.kam_id = ?", NULL,
	    "SELECT 1 FROM billing_kams WHERE id = ?" },
	{ "status", CL_FILTER_ENUM_LIST, "c.status IN", statuses, NULL },
	{ "kind", CL_FILTER_ENUM, "c.kind = ?", kinds, NULL },
	{ "name", CL_FILTER_STR, "c.name = ?", NULL, NULL },
	{ "min_seats", CL_FILTER_INT, "c.seats >= ?", NULL, NULL },
	{ "is_active", CL_FILTER_BOOL, "c.is_active = ?", NULL, NULL },
	{ "created_after", CL_FILTER_DATE, "c.created_at >= ?", NULL, NULL },
	{ "plan", CL_FILTER_ID, "c.plan_id = ?", NULL, NULL },
	{ 0 }
};

static const char *const customer_search[] = { "c.name", "c.number", NULL };

static const struct cl_ordering customer_orderings[] = {
	{ "name", "c.name" },
	{ "created_at", "c.created_at" },
	{ "number", "c.number" },
	{ 0 }
};

static const struct cl_list_spec customers = {
	.select = "SELECT c.id, c.name FROM billing_customers c",
	.count = "SELECT COUNT(*) FROM billing_customers c",
	.filters = customer_filters,
	.search = customer_search,
	.orderings = customer_orderings,
	.order = "c.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 50,
};

/* No filters, no search, no orderings, the default maximum. */
static const struct cl_list_spec bare = {
	.select = "SELECT p.id FROM plans p",
	.count = "SELECT COUNT(*) FROM plans p",
	.order = "p.id",
	.pagination = CL_LIMIT_OFFSET,
};

static const struct cl_list_spec paged = {
	.select = "SELECT p.id FROM plans p",
	.count = "SELECT COUNT(*) FROM plans p",
	.order = "p.id",
	.pagination = CL_PAGE_NUMBER,
};

/* One parse of query string qs; the errors object printed (the caller
 * frees it). Everything else lives in a. */
static int
parse(struct cl_arena *a, const struct cl_list_spec *spec, const char *qs,
    struct cl_list_query *q, char **errors)
{
	struct cl_kvlist kv;
	cJSON *errs = cJSON_CreateObject();
	int rc;

	assert_non_null(errs);
	assert_int_equal(cl_query_parse(a, qs, &kv), CL_OK);
	rc = cl_list_parse(a, spec, &kv, q, errs);
	*errors = cJSON_PrintUnformatted(errs);
	assert_non_null(*errors);
	cJSON_Delete(errs);
	/* The return code and the errors agree. */
	assert_int_equal(rc, strcmp(*errors, "{}") == 0 ? CL_OK : CL_EINVAL);
	return rc;
}

/* qs parses with no problem. */
static void
parse_ok(struct cl_arena *a, const struct cl_list_spec *spec, const char *qs,
    struct cl_list_query *q)
{
	char *errors;

	if (parse(a, spec, qs, q, &errors) != CL_OK)
		fail_msg("%s: %s", qs, errors);
	free(errors);
}

/* qs is refused with exactly the errors expected. */
static void
parse_refused(struct cl_arena *a, const struct cl_list_spec *spec,
    const char *qs, const char *expected)
{
	struct cl_list_query q;
	char *errors;

	assert_int_equal(parse(a, spec, qs, &q, &errors), CL_EINVAL);
	if (strcmp(errors, expected) != 0)
		fail_msg("%s: got %s, expected %s", qs, errors, expected);
	free(errors);
}

static void
assert_bind_int(const struct cl_bind *b, int64_t v)
{
	assert_int_equal(b->type, CL_B_INT);
	assert_int_equal(b->i, v);
}

static void
assert_bind_str(const struct cl_bind *b, const char *s)
{
	assert_int_equal(b->type, CL_B_STR);
	assert_string_equal(b->s, s);
	assert_int_equal(b->len, strlen(s));
}

static void
test_listing_no_parameters_gives_the_defaults(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "", &q);
	assert_ptr_equal(q.spec, &customers);
	assert_string_equal(q.where, "");
	assert_int_equal(q.nbinds, 0);
	assert_string_equal(q.order_by, " ORDER BY c.id");
	assert_false(q.enveloped);
	assert_int_equal(q.limit, 50);
	assert_int_equal(q.offset, 0);
	assert_int_equal(q.ncheck, 0);
	/* A spec without a max gets CL_LIST_MAX. */
	parse_ok(a, &bare, "", &q);
	assert_int_equal(q.limit, CL_LIST_MAX);
	assert_string_equal(q.order_by, " ORDER BY p.id");
	cl_arena_free(a);
}

static void
test_listing_filters_join_in_spec_order(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	/* The query names status first; the spec lists kam first. */
	parse_ok(a, &customers, "status=active,paused&kam=3", &q);
	assert_string_equal(q.where,
	    " WHERE c.kam_id = ? AND c.status IN (?, ?)");
	assert_int_equal(q.nbinds, 3);
	assert_bind_int(&q.binds[0], 3);
	assert_bind_str(&q.binds[1], "active");
	assert_bind_str(&q.binds[2], "paused");
	/* The id filter with .exists is left for cl_list_fetch to check. */
	assert_int_equal(q.ncheck, 1);
	assert_ptr_equal(q.check[0], &customer_filters[0]);
	assert_int_equal(q.check_id[0], 3);
	cl_arena_free(a);
}

static void
test_listing_each_filter_type_accepted(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "kam=12&status=closed&kind=partner"
	    "&name=O%27Brien%22+--&min_seats=-2&is_active=TRUE"
	    "&created_after=2024-02-29&plan=5", &q);
	assert_string_equal(q.where, " WHERE c.kam_id = ? AND c.status IN (?)"
	    " AND c.kind = ? AND c.name = ? AND c.seats >= ?"
	    " AND c.is_active = ? AND c.created_at >= ? AND c.plan_id = ?");
	assert_int_equal(q.nbinds, 8);
	assert_bind_int(&q.binds[0], 12);
	assert_bind_str(&q.binds[1], "closed");
	assert_bind_str(&q.binds[2], "partner");
	assert_bind_str(&q.binds[3], "O'Brien\" --");   /* text as is */
	assert_bind_int(&q.binds[4], -2);
	assert_bind_int(&q.binds[5], 1);
	assert_bind_str(&q.binds[6], "2024-02-29");
	assert_bind_int(&q.binds[7], 5);
	/* plan has no .exists: nothing to check. */
	assert_int_equal(q.ncheck, 1);

	/* Booleans: true, false, 1, 0 in any case. */
	parse_ok(a, &customers, "is_active=false", &q);
	assert_bind_int(&q.binds[0], 0);
	parse_ok(a, &customers, "is_active=0", &q);
	assert_bind_int(&q.binds[0], 0);
	parse_ok(a, &customers, "is_active=1", &q);
	assert_bind_int(&q.binds[0], 1);
	parse_ok(a, &customers, "is_active=False", &q);
	assert_bind_int(&q.binds[0], 0);
	cl_arena_free(a);
}

static void
test_listing_each_filter_type_rejected(void **state)
{
	static const char bad_id[] = "Select a valid choice. That choice is "
	    "not one of the available choices.";
	struct cl_arena *a = cl_arena_new();
	const char *expected;

	(void)state;
	expected = cl_arena_printf(a, "{\"kam\":[\"%s\"]}", bad_id);
	parse_refused(a, &customers, "kam=0", expected);
	parse_refused(a, &customers, "kam=-1", expected);
	parse_refused(a, &customers, "kam=abc", expected);
	parse_refused(a, &customers, "kam=", expected);
	parse_refused(a, &customers, "kam=3x", expected);
	parse_refused(a, &customers, "plan=0",
	    cl_arena_printf(a, "{\"plan\":[\"%s\"]}", bad_id));
	parse_refused(a, &customers, "min_seats=1.5",
	    "{\"min_seats\":[\"Enter a whole number.\"]}");
	parse_refused(a, &customers, "min_seats=ten",
	    "{\"min_seats\":[\"Enter a whole number.\"]}");
	parse_refused(a, &customers, "is_active=yes",
	    "{\"is_active\":[\"Enter true or false.\"]}");
	parse_refused(a, &customers, "is_active=",
	    "{\"is_active\":[\"Enter true or false.\"]}");
	parse_refused(a, &customers, "created_after=2025-02-30",
	    "{\"created_after\":[\"Enter a valid date (YYYY-MM-DD).\"]}");
	parse_refused(a, &customers, "created_after=30.01.2025",
	    "{\"created_after\":[\"Enter a valid date (YYYY-MM-DD).\"]}");
	parse_refused(a, &customers, "kind=wholesale",
	    "{\"kind\":[\"Select a valid choice. wholesale is not one of the "
	    "available choices (retail, partner).\"]}");
	parse_refused(a, &customers, "kind=Retail",
	    "{\"kind\":[\"Select a valid choice. Retail is not one of the "
	    "available choices (retail, partner).\"]}");
	/* Every bad parameter is reported, each under its own name. */
	parse_refused(a, &customers, "kam=0&min_seats=x&name=ok",
	    cl_arena_printf(a, "{\"kam\":[\"%s\"],"
	    "\"min_seats\":[\"Enter a whole number.\"]}", bad_id));
	cl_arena_free(a);
}

static void
test_listing_enum_list_with_one_bad_value_rejected(void **state)
{
	static const char expected[] = "{\"status\":[\"Select valid choices, "
	    "separated by commas, from: active, paused, closed.\"]}";
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_refused(a, &customers, "status=active,bogus", expected);
	parse_refused(a, &customers, "status=bogus,active", expected);
	parse_refused(a, &customers, "status=active,", expected);
	parse_refused(a, &customers, "status=", expected);
	parse_refused(a, &customers, "status=active%2C+paused", expected);
	/* All three, and one twice, are fine. */
	parse_ok(a, &customers, "status=closed,active,paused,active", &q);
	assert_string_equal(q.where, " WHERE c.status IN (?, ?, ?, ?)");
	assert_int_equal(q.nbinds, 4);
	assert_bind_str(&q.binds[0], "closed");
	assert_bind_str(&q.binds[3], "active");
	cl_arena_free(a);
}

static void
test_listing_search_matches_each_column(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "search=50%25_off!", &q);
	assert_string_equal(q.where, " WHERE (c.name LIKE ? ESCAPE '!' OR "
	    "c.number LIKE ? ESCAPE '!')");
	assert_int_equal(q.nbinds, 2);
	assert_bind_str(&q.binds[0], "%50!%!_off!!%");
	assert_bind_str(&q.binds[1], "%50!%!_off!!%");
	/* After the filters. */
	parse_ok(a, &customers, "search=acme&kam=2", &q);
	assert_string_equal(q.where, " WHERE c.kam_id = ? AND (c.name LIKE ? "
	    "ESCAPE '!' OR c.number LIKE ? ESCAPE '!')");
	assert_int_equal(q.nbinds, 3);
	assert_bind_int(&q.binds[0], 2);
	assert_bind_str(&q.binds[1], "%acme%");
	assert_bind_str(&q.binds[2], "%acme%");
	cl_arena_free(a);
}

static void
test_listing_search_text_is_only_ever_bound(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "search=O%27Brien%22%29+OR+1%3D1+--+%5C", &q);
	assert_bind_str(&q.binds[0], "%O'Brien\") OR 1=1 -- \\%");
	assert_bind_str(&q.binds[1], "%O'Brien\") OR 1=1 -- \\%");
	assert_null(strstr(q.where, "Brien"));
	assert_null(strstr(q.where, "1=1"));
	cl_arena_free(a);
}

static void
test_listing_like_pattern_escapes_wildcards(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_string_equal(cl_like_pattern(a, "50%_off!"), "%50!%!_off!!%");
	assert_string_equal(cl_like_pattern(a, "acme"), "%acme%");
	assert_string_equal(cl_like_pattern(a, ""), "%%");
	assert_string_equal(cl_like_pattern(a, "%%%"), "%!%!%!%%");
	assert_string_equal(cl_like_pattern(a, "!!"), "%!!!!%");
	/* Quotes, backslashes and UTF-8 pass through untouched. */
	assert_string_equal(cl_like_pattern(a,
	    "O'Brien \"x\" \\n J\xc3\xbcrgen"),
	    "%O'Brien \"x\" \\n J\xc3\xbcrgen%");
	cl_arena_free(a);
}

/* A query string "search=" with n copies of the percent-encoded unit. */
static const char *
search_of(struct cl_arena *a, const char *unit, size_t n)
{
	const char *s = "search=";
	size_t i;

	for (i = 0; i < n; i++)
		s = cl_arena_printf(a, "%s%s", s, unit);
	return s;
}

static void
test_listing_search_limit_counts_characters(void **state)
{
	static const char too_long[] =
	    "{\"search\":[\"Ensure this value has at most 200 characters.\"]}";
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, search_of(a, "a", CL_SEARCH_MAX), &q);
	assert_int_equal(q.nbinds, 2);
	assert_int_equal(strlen(q.binds[0].s), CL_SEARCH_MAX + 2);
	parse_refused(a, &customers, search_of(a, "a", CL_SEARCH_MAX + 1),
	    too_long);
	/* 200 two-byte characters (400 bytes) are 200 characters. */
	parse_ok(a, &customers, search_of(a, "%C3%A9", CL_SEARCH_MAX), &q);
	assert_int_equal(strlen(q.binds[0].s), 2 * CL_SEARCH_MAX + 2);
	parse_refused(a, &customers, search_of(a, "%C3%A9", CL_SEARCH_MAX + 1),
	    too_long);
	/* Four-byte ones too. */
	parse_ok(a, &customers, search_of(a, "%F0%9F%98%80", CL_SEARCH_MAX),
	    &q);
	parse_refused(a, &customers,
	    search_of(a, "%F0%9F%98%80", CL_SEARCH_MAX + 1), too_long);
	cl_arena_free(a);
}

static void
test_listing_empty_search_is_ignored(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "search=", &q);
	assert_string_equal(q.where, "");
	assert_int_equal(q.nbinds, 0);
	parse_ok(a, &customers, "search", &q);
	assert_string_equal(q.where, "");
	/* So is any search where the spec has none, however long. */
	parse_ok(a, &bare, search_of(a, "a", CL_SEARCH_MAX + 1), &q);
	assert_string_equal(q.where, "");
	assert_int_equal(q.nbinds, 0);
	cl_arena_free(a);
}

static void
test_listing_ordering_adds_the_tie_break(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "ordering=-name", &q);
	/* The tie-break runs the last term's way, so an index walks both. */
	assert_string_equal(q.order_by, " ORDER BY c.name DESC, c.id DESC");
	parse_ok(a, &customers, "ordering=name", &q);
	assert_string_equal(q.order_by, " ORDER BY c.name, c.id");
	/* Empty: the default. */
	parse_ok(a, &customers, "ordering=", &q);
	assert_string_equal(q.order_by, " ORDER BY c.id");
	/* Ordering adds no condition or bind. */
	assert_string_equal(q.where, "");
	assert_int_equal(q.nbinds, 0);
	cl_arena_free(a);
}

static void
test_listing_ordering_comma_list(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "ordering=-created_at,name", &q);
	assert_string_equal(q.order_by,
	    " ORDER BY c.created_at DESC, c.name, c.id");
	parse_ok(a, &customers, "ordering=number,-name,created_at", &q);
	assert_string_equal(q.order_by,
	    " ORDER BY c.number, c.name DESC, c.created_at, c.id");
	cl_arena_free(a);
}

static void
test_listing_ordering_unknown_names_the_allowed(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;
	char *errors;

	(void)state;
	parse_refused(a, &customers, "ordering=secret",
	    "{\"ordering\":[\"Unknown ordering \\\"secret\\\"; allowed: name, "
	    "-name, created_at, -created_at, number, -number.\"]}");
	parse_refused(a, &customers, "ordering=name,-c.id",
	    "{\"ordering\":[\"Unknown ordering \\\"-c.id\\\"; allowed: name, "
	    "-name, created_at, -created_at, number, -number.\"]}");
	/* Names match exactly: no SQL, no case folding, no stray spaces. */
	assert_int_equal(parse(a, &customers, "ordering=c.name", &q, &errors),
	    CL_EINVAL);
	free(errors);
	assert_int_equal(parse(a, &customers, "ordering=Name", &q, &errors),
	    CL_EINVAL);
	free(errors);
	assert_int_equal(parse(a, &customers, "ordering=name,", &q, &errors),
	    CL_EINVAL);
	free(errors);
	assert_int_equal(parse(a, &customers, "ordering=name%3B+DROP", &q,
	    &errors), CL_EINVAL);
	free(errors);
	/* A refused ordering leaves the default. */
	assert_string_equal(q.order_by, " ORDER BY c.id");
	/* A spec without an orderings table has no ?ordering=: ignored, as
	 * ?search= is without search columns; an empty table allows none. */
	parse_ok(a, &bare, "ordering=id", &q);
	assert_string_equal(q.order_by, " ORDER BY p.id");
	{
		static const struct cl_ordering none[] = { { 0 } };
		struct cl_list_spec closed = bare;

		closed.orderings = none;
		parse_refused(a, &closed, "ordering=id",
		    "{\"ordering\":[\"Unknown ordering \\\"id\\\"; allowed: none.\"]}");
	}
	cl_arena_free(a);
}

static void
test_listing_ordering_more_than_three_terms_rejected(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;
	char *errors;

	(void)state;
	assert_int_equal(parse(a, &customers,
	    "ordering=name,number,created_at,-name", &q, &errors), CL_EINVAL);
	assert_string_equal(errors,
	    "{\"ordering\":[\"At most 3 ordering fields are allowed.\"]}");
	free(errors);
	assert_string_equal(q.order_by, " ORDER BY c.id");
	cl_arena_free(a);
}

static void
test_listing_limit_absent_means_no_envelope(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	/* An offset alone is ignored, as DRF ignores it without a limit. */
	parse_ok(a, &customers, "offset=5", &q);
	assert_false(q.enveloped);
	assert_int_equal(q.limit, 50);
	assert_int_equal(q.offset, 0);
	parse_ok(a, &customers, "offset=-5", &q);
	assert_false(q.enveloped);
	cl_arena_free(a);
}

static void
test_listing_limit_within_range_is_enveloped(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "limit=50", &q);
	assert_true(q.enveloped);
	assert_int_equal(q.limit, 50);
	assert_int_equal(q.offset, 0);
	parse_ok(a, &customers, "limit=1&offset=100", &q);
	assert_true(q.enveloped);
	assert_int_equal(q.limit, 1);
	assert_int_equal(q.offset, 100);
	parse_ok(a, &customers, "limit=10&offset=0", &q);
	assert_int_equal(q.offset, 0);
	parse_ok(a, &bare, "limit=1000", &q);
	assert_int_equal(q.limit, CL_LIST_MAX);
	cl_arena_free(a);
}

static void
test_listing_limit_out_of_range_rejected(void **state)
{
	static const char expected[] = "{\"limit\":[\"Ensure this value is a "
	    "whole number from 1 to 50.\"]}";
	struct cl_arena *a = cl_arena_new();

	(void)state;
	parse_refused(a, &customers, "limit=0", expected);
	parse_refused(a, &customers, "limit=-1", expected);
	parse_refused(a, &customers, "limit=abc", expected);
	parse_refused(a, &customers, "limit=51", expected);
	parse_refused(a, &customers, "limit=", expected);
	parse_refused(a, &customers, "limit=10.5", expected);
	parse_refused(a, &customers, "limit=99999999999999999999", expected);
	parse_refused(a, &bare, "limit=1001", "{\"limit\":[\"Ensure this value "
	    "is a whole number from 1 to 1000.\"]}");
	cl_arena_free(a);
}

static void
test_listing_offset_negative_rejected(void **state)
{
	static const char expected[] = "{\"offset\":[\"Ensure this value is a "
	    "whole number of at least 0.\"]}";
	struct cl_arena *a = cl_arena_new();

	(void)state;
	parse_refused(a, &customers, "limit=10&offset=-1", expected);
	parse_refused(a, &customers, "limit=10&offset=abc", expected);
	parse_refused(a, &customers, "limit=10&offset=", expected);
	parse_refused(a, &customers, "limit=0&offset=-1", "{\"limit\":"
	    "[\"Ensure this value is a whole number from 1 to 50.\"],"
	    "\"offset\":"
	    "[\"Ensure this value is a whole number of at least 0.\"]}");
	cl_arena_free(a);
}

static void
test_listing_page_number_spec_ignores_limit(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	/* limit and offset are not its parameters; cl_list_or_reply sets
	 * the window from page and page_size. */
	parse_ok(a, &paged, "limit=abc&offset=-5", &q);
	assert_false(q.enveloped);
	assert_int_equal(q.limit, 0);
	assert_int_equal(q.offset, 0);
	cl_arena_free(a);
}

static void
test_listing_unknown_parameters_ignored(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "format=json&page=x&kam_id=0&Status=bogus", &q);
	assert_string_equal(q.where, "");
	assert_int_equal(q.nbinds, 0);
	cl_arena_free(a);
}

static void
test_listing_too_many_filter_values_never_overflow(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *qs = "status=active";
	struct cl_list_query q;
	char *errors;
	int i;

	(void)state;
	for (i = 1; i < CL_LIST_BINDS + 1; i++)
		qs = cl_arena_printf(a, "%s,active", qs);
	assert_int_equal(parse(a, &customers, qs, &q, &errors), CL_EINVAL);
	/* Filed under the parameter that brought them. */
	assert_string_equal(errors, "{\"status\":[\"Too many values.\"]}");
	free(errors);
	assert_int_equal(q.nbinds, CL_LIST_BINDS);
	cl_arena_free(a);
}

/* A request as the worker would fill it for GET /api/v1/customers/?qs,
 * and the start of its links: from [server] public_url, never from the
 * Host header the client wrote. */
#define URL "https://crm.example/api/v1/customers/"
static void
request(struct cl_req *r, const char *qs)
{
	memset(r, 0, sizeof(*r));
	r->arena = cl_arena_new();
	r->request_id = "req-1";
	r->scheme = "https";
	r->host = "trusted.example@evil.example";
	r->server_port = "8443";
	r->raw_prefix = "/api/v1";
	snprintf(cl_conf.public_url, sizeof(cl_conf.public_url), "%s",
	    "https://crm.example/");
	r->path = "/customers/";
	assert_int_equal(cl_query_parse(r->arena, qs, &r->query), CL_OK);
}

static cJSON *
results(int n)
{
	cJSON *arr = cJSON_CreateArray();
	int i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(i + 1));
	return arr;
}

static void
test_listing_or_reply_records_a_validation_error(void **state)
{
	struct cl_list_query q;
	struct cl_req r;

	(void)state;
	request(&r, "kam=0&limit=0");
	assert_int_equal(cl_list_or_reply(&r, &customers, &q), 400);
	assert_int_equal(r.resp.status, 400);
	assert_string_equal(r.resp.body, "{\"status\":\"error\","
	    "\"code\":\"validation_error\","
	    "\"detail\":\"The request has invalid fields; see errors.\","
	    "\"errors\":{\"kam\":[\"Select a valid choice. That choice is not "
	    "one of the available choices.\"],"
	    "\"limit\":"
	    "[\"Ensure this value is a whole number from 1 to 50.\"]}}");
	cl_arena_free(r.arena);

	request(&r, "kam=3&limit=10");
	assert_int_equal(cl_list_or_reply(&r, &customers, &q), 0);
	assert_int_equal(r.resp.status, 0);
	assert_true(q.enveloped);
	cl_arena_free(r.arena);
}

static void
test_listing_or_reply_sets_the_page_window(void **state)
{
	struct cl_list_query q;
	struct cl_req r;

	(void)state;
	request(&r, "page=3&page_size=10&limit=abc");
	assert_int_equal(cl_list_or_reply(&r, &paged, &q), 0);
	assert_true(q.enveloped);
	assert_int_equal(q.limit, 10);
	assert_int_equal(q.offset, 20);
	cl_arena_free(r.arena);
}

/* cl_list_reply of n results for GET /customers/?qs, with count rows in
 * all; the status it returned, and r for the body. */
static int
reply(struct cl_req *r, const char *qs, int64_t count, int n)
{
	struct cl_list_query q;

	request(r, qs);
	assert_int_equal(cl_list_or_reply(r, &customers, &q), 0);
	q.count = count;
	return cl_list_reply(r, &q, results(n));
}

static void
test_listing_reply_without_limit_is_the_plain_array(void **state)
{
	struct cl_req r;

	(void)state;
	assert_int_equal(reply(&r, "offset=10", 99, 2), 200);
	assert_string_equal(r.resp.body, "[1,2]");
	cl_arena_free(r.arena);
}

static void
test_listing_reply_envelope_links_keep_other_parameters(void **state)
{
	struct cl_req r;

	(void)state;
	assert_int_equal(reply(&r,
	    "status=active&limit=10&offset=10&search=a+b", 25, 2), 200);
	assert_string_equal(r.resp.body, "{\"count\":25,"
	    "\"next\":\"" URL
	    "?status=active&limit=10&search=a%20b&offset=20\","
	    "\"previous\":\"" URL
	    "?status=active&limit=10&search=a%20b\","
	    "\"results\":[1,2]}");
	cl_arena_free(r.arena);
}

static void
test_listing_reply_first_and_last_windows(void **state)
{
	struct cl_req r;

	(void)state;
	/* The first window has no previous. */
	assert_int_equal(reply(&r, "limit=10", 25, 1), 200);
	assert_string_equal(r.resp.body, "{\"count\":25,"
	    "\"next\":\"" URL "?limit=10&offset=10\","
	    "\"previous\":null,\"results\":[1]}");
	cl_arena_free(r.arena);
	/* The last has no next; its previous starts at 10. */
	assert_int_equal(reply(&r, "limit=10&offset=20", 25, 1), 200);
	assert_string_equal(r.resp.body, "{\"count\":25,\"next\":null,"
	    "\"previous\":\"" URL "?limit=10&offset=10\","
	    "\"results\":[1]}");
	cl_arena_free(r.arena);
	/* A window ending exactly at the count has no next either. */
	assert_int_equal(reply(&r, "limit=10&offset=15", 25, 1), 200);
	assert_non_null(strstr(r.resp.body, "\"next\":null"));
	cl_arena_free(r.arena);
	/* A previous window that would start before 0 starts at 0: no
	 * offset in its link. */
	assert_int_equal(reply(&r, "offset=5&limit=10", 25, 1), 200);
	assert_non_null(strstr(r.resp.body, "\"previous\":\"" URL
	    "?limit=10\""));
	assert_non_null(strstr(r.resp.body, "\"next\":\"" URL
	    "?limit=10&offset=15\""));
	cl_arena_free(r.arena);
}

static void
test_listing_reply_offset_past_the_end_is_404(void **state)
{
	struct cl_req r;

	(void)state;
	assert_int_equal(reply(&r, "limit=10&offset=25", 25, 0), 404);
	assert_int_equal(r.resp.status, 404);
	assert_non_null(strstr(r.resp.body, "\"code\":\"not_found\""));
	cl_arena_free(r.arena);
	/* No rows at all: an empty envelope, not a 404. */
	assert_int_equal(reply(&r, "limit=10&offset=30", 0, 0), 200);
	assert_string_equal(r.resp.body, "{\"count\":0,\"next\":null,"
	    "\"previous\":\"" URL "?limit=10&offset=20\","
	    "\"results\":[]}");
	cl_arena_free(r.arena);
	assert_int_equal(reply(&r, "limit=10", 0, 0), 200);
	assert_string_equal(r.resp.body, "{\"count\":0,\"next\":null,"
	    "\"previous\":null,\"results\":[]}");
	cl_arena_free(r.arena);
}

static void
test_listing_reply_largest_offset_without_rows(void **state)
{
	struct cl_req r;

	(void)state;
	/* offset + limit would pass INT64_MAX: still no next link. */
	assert_int_equal(reply(&r, "limit=10&offset=9223372036854775807", 0, 0),
	    200);
	assert_string_equal(r.resp.body, "{\"count\":0,\"next\":null,"
	    "\"previous\":\"" URL
	    "?limit=10&offset=9223372036854775797\",\"results\":[]}");
	cl_arena_free(r.arena);
}

/* A scope goes first and cannot be lifted: its bind leads the others. */
static void
test_listing_scope_leads_the_conditions(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &customers, "kam=9", &q);
	cl_list_scope(a, &q, "c.owner_id = ?", cl_bind_int(42));
	assert_string_equal(q.where, " WHERE c.owner_id = ? AND c.kam_id = ?");
	assert_int_equal(q.nbinds, 2);
	assert_bind_int(&q.binds[0], 42);
	assert_bind_int(&q.binds[1], 9);
	parse_ok(a, &customers, "", &q);
	cl_list_scope(a, &q, "c.owner_id = ?", cl_bind_int(7));
	assert_string_equal(q.where, " WHERE c.owner_id = ?");
	assert_int_equal(q.nbinds, 1);
	cl_arena_free(a);
}

/* Without public_url the links name localhost and nginx's port. */
static void
test_listing_links_without_public_url_name_localhost(void **state)
{
	struct cl_req r;

	(void)state;
	request(&r, "a=1");
	cl_conf.public_url[0] = '\0';
	assert_string_equal(cl_req_url_with(&r, "offset", 20, true),
	    "https://localhost:8443/api/v1/customers/?a=1&offset=20");
	assert_string_equal(cl_req_url_with(&r, "a", 0, false),
	    "https://localhost:8443/api/v1/customers/");
	cl_arena_free(r.arena);
}

/* A filter without SQL is documentation only: the kit never reads it. */
static void
test_listing_filter_without_sql_is_not_read(void **state)
{
	static const struct cl_filter filters[] = {
		{ "bucket", CL_FILTER_STR, NULL, NULL, NULL },
		{ "kam", CL_FILTER_ID, "c.kam_id = ?", NULL, NULL },
		{ 0 }
	};
	static const struct cl_list_spec spec = {
		.select = "SELECT c.id FROM t c",
		.count = "SELECT COUNT(*) FROM t c",
		.filters = filters,
		.order = "c.id",
		.pagination = CL_PAGE_NUMBER,
	};
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;

	(void)state;
	parse_ok(a, &spec, "bucket=t3&kam=9", &q);
	assert_string_equal(q.where, " WHERE c.kam_id = ?");
	assert_int_equal(q.nbinds, 1);
	cl_arena_free(a);
}

/* A condition of several binds goes first too, its binds in order. */
static void
test_listing_where_puts_its_binds_first(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_list_query q;
	struct cl_bind v[2];

	(void)state;
	v[0] = cl_bind_int(3);
	v[1] = cl_bind_int(5);
	parse_ok(a, &customers, "kam=9", &q);
	cl_list_where(a, &q, "(c.n BETWEEN ? AND ?)", v, 2);
	assert_string_equal(q.where,
	    " WHERE (c.n BETWEEN ? AND ?) AND c.kam_id = ?");
	assert_int_equal(q.nbinds, 3);
	assert_bind_int(&q.binds[0], 3);
	assert_bind_int(&q.binds[1], 5);
	assert_bind_int(&q.binds[2], 9);
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_no_parameters_gives_the_defaults),
		cmocka_unit_test(test_listing_filters_join_in_spec_order),
		cmocka_unit_test(test_listing_each_filter_type_accepted),
		cmocka_unit_test(test_listing_each_filter_type_rejected),
		cmocka_unit_test(
		    test_listing_enum_list_with_one_bad_value_rejected),
		cmocka_unit_test(test_listing_search_matches_each_column),
		cmocka_unit_test(test_listing_search_text_is_only_ever_bound),
		cmocka_unit_test(test_listing_like_pattern_escapes_wildcards),
		cmocka_unit_test(test_listing_search_limit_counts_characters),
		cmocka_unit_test(test_listing_empty_search_is_ignored),
		cmocka_unit_test(test_listing_ordering_adds_the_tie_break),
		cmocka_unit_test(test_listing_ordering_comma_list),
		cmocka_unit_test(
		    test_listing_ordering_unknown_names_the_allowed),
		cmocka_unit_test(
		    test_listing_ordering_more_than_three_terms_rejected),
		cmocka_unit_test(test_listing_limit_absent_means_no_envelope),
		cmocka_unit_test(test_listing_limit_within_range_is_enveloped),
		cmocka_unit_test(test_listing_limit_out_of_range_rejected),
		cmocka_unit_test(test_listing_offset_negative_rejected),
		cmocka_unit_test(test_listing_page_number_spec_ignores_limit),
		cmocka_unit_test(test_listing_unknown_parameters_ignored),
		cmocka_unit_test(
		    test_listing_too_many_filter_values_never_overflow),
		cmocka_unit_test(
		    test_listing_or_reply_records_a_validation_error),
		cmocka_unit_test(test_listing_or_reply_sets_the_page_window),
		cmocka_unit_test(
		    test_listing_reply_without_limit_is_the_plain_array),
		cmocka_unit_test(
		    test_listing_reply_envelope_links_keep_other_parameters),
		cmocka_unit_test(test_listing_scope_leads_the_conditions),
		cmocka_unit_test(test_listing_links_without_public_url_name_localhost),
		cmocka_unit_test(test_listing_where_puts_its_binds_first),
		cmocka_unit_test(test_listing_filter_without_sql_is_not_read),
		cmocka_unit_test(test_listing_reply_first_and_last_windows),
		cmocka_unit_test(test_listing_reply_offset_past_the_end_is_404),
		cmocka_unit_test(
		    test_listing_reply_largest_offset_without_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
