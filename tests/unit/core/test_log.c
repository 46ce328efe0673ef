/* Unit tests of the worker's held request lines (src/core/log.c): held
 * lines go out together, in order, never split, and never later than
 * asked. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/log.h"
#include "core/request.h"
#include "core/timeutil.h"

static char path[64];

static size_t
file_size(void)
{
	FILE *f = fopen(path, "r");
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	fclose(f);
	return (size_t)n;
}

static char *
file_text(void)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
request_line(const char *id)
{
	struct cl_req r;

	memset(&r, 0, sizeof(r));
	r.request_id = id;
	r.method_name = "GET";
	r.resp.status = 200;
	cl_log_request(&r, 0.001);
}

static int
setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/clientele-test-log-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(cl_log_open(path), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cl_log_hold(false);
	cl_log_open(NULL);
	unlink(path);
	return 0;
}

static void
test_held_lines_wait_for_a_flush(void **state)
{
	(void)state;
	cl_log_hold(true);
	assert_true(cl_log_due(cl_monotonic()) < 0);
	request_line("first-held");
	request_line("second-held");
	assert_int_equal(file_size(), 0);
	/* Due CL_LOG_HOLD after the first line, not later. */
	assert_true(cl_log_due(cl_monotonic()) <= CL_LOG_HOLD);
	assert_true(cl_log_due(cl_monotonic() + CL_LOG_HOLD) == 0);
	cl_log_flush();
	assert_non_null(strstr(file_text(), "first-held"));
	assert_true(strstr(file_text(), "first-held") <
	    strstr(file_text(), "second-held"));
	assert_true(cl_log_due(cl_monotonic()) < 0);
}

static void
test_another_line_goes_after_the_held_ones(void **state)
{
	(void)state;
	cl_log_hold(true);
	request_line("held-before-the-event");
	cl_log_msg("warn", "an event");
	assert_non_null(strstr(file_text(), "held-before-the-event"));
	assert_true(strstr(file_text(), "held-before-the-event") <
	    strstr(file_text(), "an event"));
}

static void
test_a_full_buffer_goes_out_in_whole_lines(void **state)
{
	char id[32];
	size_t before = 0, size;
	int i;

	(void)state;
	cl_log_hold(true);
	for (i = 0; i < 200 && before == 0; i++) {
		snprintf(id, sizeof(id), "line-%03d", i);
		request_line(id);
		before = file_size();
	}
	/* Something was written before 200 lines: every write ends a line. */
	assert_true(before > 0);
	size = strlen(file_text());
	assert_int_equal(size, before);
	assert_int_equal(file_text()[size - 1], '\n');
	cl_log_hold(false); /* flushes */
	assert_non_null(strstr(file_text(), id));
}

static void
test_without_holding_a_line_goes_out_at_once(void **state)
{
	(void)state;
	cl_log_hold(false);
	request_line("not-held");
	assert_non_null(strstr(file_text(), "not-held"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_held_lines_wait_for_a_flush,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_another_line_goes_after_the_held_ones, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_full_buffer_goes_out_in_whole_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_without_holding_a_line_goes_out_at_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
