/* Unit tests of src/modules/livestream/csv.c (RFC 4180 cells, formula
 * guard) and pusher.c (signatures against Pusher's documented example). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "modules/livestream/internal.h"

static void
check_cell(const char *in, const char *want)
{
	char *out = malloc(2 * (in ? strlen(in) : 0) + 4);
	size_t n = live_csv_escape(in, out);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	free(out);
}

static void
test_csv_plain_cells_stay(void **state)
{
	(void)state;
	check_cell("plain", "plain");
	check_cell("", "");
	check_cell(NULL, "");
	check_cell("ünï", "ünï");
	check_cell("a'b", "a'b");
}

static void
test_csv_quotes_commas_quotes_and_newlines(void **state)
{
	(void)state;
	check_cell("a,b", "\"a,b\"");
	check_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	check_cell("l1\nl2", "\"l1\nl2\"");
	check_cell("l1\r\nl2", "\"l1\r\nl2\"");
	check_cell("\"", "\"\"\"\"");
}

static void
test_csv_formula_cells_get_a_quote_mark(void **state)
{
	(void)state;
	check_cell("=SUM(A1)", "'=SUM(A1)");
	check_cell("+1555", "'+1555");
	check_cell("-2", "'-2");
	check_cell("@cmd", "'@cmd");
	check_cell("=1,2", "\"'=1,2\"");
	check_cell("a=b", "a=b");
}

static void
test_pusher_private_channel_signature(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	/* Pusher's documentation (channels/library_auth_reference/auth-signatures):
	 * key 278d425bdf160c739803, secret 7ad3773142a6692b25b8, socket
	 * 1234.1234, channel private-foobar. */
	assert_string_equal(live_pusher_sign(a, "278d425bdf160c739803",
	    "7ad3773142a6692b25b8", "1234.1234", "private-foobar", NULL),
	    "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4");
	cl_arena_free(a);
}

static void
test_pusher_presence_channel_signature(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	/* The same documentation's presence example. */
	assert_string_equal(live_pusher_sign(a, "278d425bdf160c739803",
	    "7ad3773142a6692b25b8", "1234.1234", "presence-foobar",
	    "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}"),
	    "278d425bdf160c739803:31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80");
	cl_arena_free(a);
}

static void
test_pusher_events_query(void **state)
{
	struct cl_arena *a = cl_arena_new();
	char *q;

	(void)state;
	/* Pusher's REST authentication example: app 3, key
	 * 278d425bdf160c739803, timestamp 1353088179, body
	 * {"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}. */
	q = live_pusher_events_query(a, "278d425bdf160c739803",
	    "7ad3773142a6692b25b8", "3",
	    "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}",
	    1353088179);
	assert_string_equal(q, "auth_key=278d425bdf160c739803"
	    "&auth_timestamp=1353088179&auth_version=1.0"
	    "&body_md5=ec365a775a4cd0599faeb73354201b6f"
	    "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_cells_stay),
		cmocka_unit_test(test_csv_quotes_commas_quotes_and_newlines),
		cmocka_unit_test(test_csv_formula_cells_get_a_quote_mark),
		cmocka_unit_test(test_pusher_private_channel_signature),
		cmocka_unit_test(test_pusher_presence_channel_signature),
		cmocka_unit_test(test_pusher_events_query),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
