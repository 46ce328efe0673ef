/* Unit tests of src/core/query.c: percent-decoding and query strings. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/query.h"

static void
test_query_decode_escapes_and_plus(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(cl_percent_decode(out, "a%20b+c%2B", 10, true), 6);
	assert_string_equal(out, "a b c+");
	assert_int_equal(cl_percent_decode(out, "a+b", 3, false), 3);
	assert_string_equal(out, "a+b");
	assert_int_equal(cl_percent_decode(out, "%C3%A9", 6, true), 2);
	assert_string_equal(out, "\xc3\xa9");
}

static void
test_query_decode_refuses_malformed(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(cl_percent_decode(out, "%", 1, true), -1);
	assert_int_equal(cl_percent_decode(out, "%4", 2, true), -1);
	assert_int_equal(cl_percent_decode(out, "%zz", 3, true), -1);
	assert_int_equal(cl_percent_decode(out, "a%00b", 5, true), -1);
}

static void
test_query_parse_repeated_keys_and_empty_values(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_kvlist l;

	(void)state;
	assert_int_equal(cl_query_parse(a, "status=330&x&status=331&&name=J%C3%BCrgen+K",
	    &l), CL_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.items[0].key, "status");
	assert_string_equal(l.items[0].value, "330");
	assert_string_equal(l.items[1].key, "x");
	assert_string_equal(l.items[1].value, "");
	assert_string_equal(l.items[2].value, "331");
	assert_string_equal(cl_kvlist_get(&l, "status"), "330");
	assert_string_equal(cl_kvlist_get(&l, "name"), "J\xc3\xbcrgen K");
	assert_null(cl_kvlist_get(&l, "missing"));
	cl_arena_free(a);
}

static void
test_query_parse_malformed_escape_is_einval(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_kvlist l;

	(void)state;
	assert_int_equal(cl_query_parse(a, "a=%G1", &l), CL_EINVAL);
	/* Decoded bytes must be UTF-8: a lone %FF, an overlong "/", a
	 * surrogate; in a key as in a value. */
	assert_int_equal(cl_query_parse(a, "q=%FF", &l), CL_EINVAL);
	assert_int_equal(cl_query_parse(a, "q=%C0%AF", &l), CL_EINVAL);
	assert_int_equal(cl_query_parse(a, "q=%ED%A0%80", &l), CL_EINVAL);
	assert_int_equal(cl_query_parse(a, "%FF=1", &l), CL_EINVAL);
	assert_int_equal(cl_query_parse(a, "q=caf%C3%A9", &l), CL_OK);
	assert_string_equal(l.items[0].value, "caf\xc3\xa9");
	assert_int_equal(cl_query_parse(a, "", &l), CL_OK);
	assert_int_equal(l.n, 0);
	cl_arena_free(a);
}

static void
test_query_url_encode_round_trips(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *in = "a b&c=d/é~";
	char *enc = cl_url_encode(a, in);
	char out[64];

	(void)state;
	assert_string_equal(enc, "a%20b%26c%3Dd%2F%C3%A9~");
	assert_true(cl_percent_decode(out, enc, strlen(enc), true) > 0);
	assert_string_equal(out, in);
	cl_arena_free(a);
}

/* Whole numbers in int64 range and nothing after them. */
static void
test_query_parse_int_exact_or_refused(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(cl_parse_int("42", &v), CL_OK);
	assert_int_equal(v, 42);
	assert_int_equal(cl_parse_int("-7", &v), CL_OK);
	assert_int_equal(v, -7);
	assert_int_equal(cl_parse_int("9223372036854775807", &v), CL_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(cl_parse_int("9223372036854775808", &v), CL_EINVAL);
	assert_int_equal(cl_parse_int("", &v), CL_EINVAL);
	assert_int_equal(cl_parse_int("12abc", &v), CL_EINVAL);
	assert_int_equal(cl_parse_int("1.5", &v), CL_EINVAL);
	assert_true(v == INT64_MAX); /* a refusal leaves *v */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_decode_escapes_and_plus),
		cmocka_unit_test(test_query_decode_refuses_malformed),
		cmocka_unit_test(test_query_parse_repeated_keys_and_empty_values),
		cmocka_unit_test(test_query_parse_malformed_escape_is_einval),
		cmocka_unit_test(test_query_url_encode_round_trips),
		cmocka_unit_test(test_query_parse_int_exact_or_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
