/* Unit tests of the pool's own request endings (src/core/fcgi_end.c): the
 * records must be what nginx reads as "done, do not keep" and "failed". */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/fcgi_end.h"

static void
test_release_tail_ends_the_request_then_adds_a_record(void **state)
{
	static const unsigned char want[] = {
		1, 6, 0x01, 0x2c, 0, 0, 0, 0,		/* empty STDOUT, id 300 */
		1, 3, 0x01, 0x2c, 0, 8, 0, 0,		/* END_REQUEST, 8 bytes */
		0, 0, 0x01, 0x02, 0, 0, 0, 0,		/* appStatus 258, COMPLETE */
		1, 7, 0x01, 0x2c, 0, 0, 0, 0,		/* then an empty STDERR */
	};
	unsigned char out[CL_FCGI_TAIL_MAX];

	(void)state;
	assert_int_equal(cl_fcgi_release_tail(out, sizeof(out), 300, 258),
	    sizeof(want));
	assert_memory_equal(out, want, sizeof(want));
}

static void
test_release_tail_refuses_a_short_buffer(void **state)
{
	unsigned char out[31];

	(void)state;
	assert_int_equal(cl_fcgi_release_tail(out, sizeof(out), 1, 0), 0);
}

static void
test_abort_tail_is_a_padded_stderr_then_a_bad_version(void **state)
{
	unsigned char out[CL_FCGI_TAIL_MAX];
	size_t n = cl_fcgi_abort_tail(out, sizeof(out), 1, "export failed");

	(void)state;
	/* 13 bytes of text padded to 16, in a STDERR record nginx logs. */
	assert_int_equal(n, 8 + 16 + 8);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 7);
	assert_int_equal(out[4] << 8 | out[5], 13);
	assert_int_equal(out[6], 3);
	assert_memory_equal(out + 8, "export failed", 13);
	assert_memory_equal(out + 21, "\0\0\0", 3);
	/* The next header's version is 0: nginx's protocol error. */
	assert_int_equal(out[24], 0);
}

static void
test_abort_tail_cuts_a_long_reason_to_fit(void **state)
{
	char why[300];
	unsigned char out[CL_FCGI_TAIL_MAX];
	size_t n, len;

	(void)state;
	memset(why, 'x', sizeof(why) - 1);
	why[sizeof(why) - 1] = '\0';
	n = cl_fcgi_abort_tail(out, sizeof(out), 1, why);
	assert_true(n > 0 && n <= sizeof(out));
	len = (size_t)(out[4] << 8 | out[5]);
	assert_int_equal((len + out[6]) % 8, 0);
	assert_int_equal(n, 8 + len + out[6] + 8);
	assert_int_equal(out[n - 8], 0);
	assert_int_equal(cl_fcgi_abort_tail(out, 23, 1, "x"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_tail_ends_the_request_then_adds_a_record),
		cmocka_unit_test(test_release_tail_refuses_a_short_buffer),
		cmocka_unit_test(test_abort_tail_is_a_padded_stderr_then_a_bad_version),
		cmocka_unit_test(test_abort_tail_cuts_a_long_reason_to_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
