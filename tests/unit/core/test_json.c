/* Unit tests of src/core/json.c: UTF-8 validation and exact integers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "core/json.h"

static bool
valid(const char *s)
{
	return cl_utf8_valid(s, strlen(s));
}

static void
test_json_utf8_accepts_well_formed(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("plain ascii"));
	assert_true(valid("J\xc3\xbcrgen"));               /* U+00FC */
	assert_true(valid("\xe2\x82\xac"));                /* U+20AC */
	assert_true(valid("\xf0\x9f\x98\x80"));            /* U+1F600 */
	assert_true(valid("\xf4\x8f\xbf\xbf"));            /* U+10FFFF */
}

static void
test_json_utf8_refuses_malformed(void **state)
{
	(void)state;
	assert_false(valid("\xff"));
	assert_false(valid("\x80"));                       /* lone continuation */
	assert_false(valid("\xc3"));                       /* truncated */
	assert_false(valid("\xc0\xaf"));                   /* overlong '/' */
	assert_false(valid("\xe0\x80\xaf"));               /* overlong */
	assert_false(valid("\xed\xa0\x80"));               /* surrogate D800 */
	assert_false(valid("\xf4\x90\x80\x80"));           /* above U+10FFFF */
	assert_false(valid("ok\xe2\x82"));                 /* truncated at end */
}

static void
test_json_int_is_exact_or_refused(void **state)
{
	cJSON *n = cJSON_Parse("[42, 4.5, 1e300, \"7\", -9007199254740992]");
	int64_t v;

	(void)state;
	assert_true(cl_json_int(cJSON_GetArrayItem(n, 0), &v));
	assert_int_equal(v, 42);
	assert_false(cl_json_int(cJSON_GetArrayItem(n, 1), &v));
	assert_false(cl_json_int(cJSON_GetArrayItem(n, 2), &v));
	assert_false(cl_json_int(cJSON_GetArrayItem(n, 3), &v));
	assert_true(cl_json_int(cJSON_GetArrayItem(n, 4), &v));
	assert_int_equal(v, -INT64_C(9007199254740992));
	cJSON_Delete(n);
}

/* Characters, not bytes: "é" is two bytes and one character. */
static void
test_json_utf8_len_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(cl_utf8_len(""), 0);
	assert_int_equal(cl_utf8_len("abc"), 3);
	assert_int_equal(cl_utf8_len("caf\xc3\xa9"), 4);
	assert_int_equal(cl_utf8_len("\xf0\x9f\x98\x80!"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_utf8_accepts_well_formed),
		cmocka_unit_test(test_json_utf8_refuses_malformed),
		cmocka_unit_test(test_json_int_is_exact_or_refused),
		cmocka_unit_test(test_json_utf8_len_counts_code_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
