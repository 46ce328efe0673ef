/* Unit tests of src/core/conf.c: good files, and bad ones that must name
 * the file, the line and the key. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/conf.h"
#include "core/errors.h"

static int
parse(struct cl_conf *c, const char *text, char *err, size_t len)
{
	cl_conf_defaults(c);
	return cl_conf_parse(c, "test.conf", text, strlen(text), err, len);
}

static void
test_conf_reads_every_section(void **state)
{
	struct cl_conf c;
	char err[256] = "";
	const char *text =
	    "# comment\n"
	    "[server]\n"
	    "listen = 127.0.0.1:9000\n"
	    "workers = 6\n"
	    "  body_limit=2048  \n"
	    "debug_routes = yes\n"
	    "; another comment\n"
	    "[database]\n"
	    "socket = /tmp/my sql.sock\n"
	    "password = p=ss#word\n"
	    "[auth]\n"
	    "access_ttl = 60\n"
	    "[loyalty]\n"
	    "open = true\n";

	(void)state;
	assert_int_equal(parse(&c, text, err, sizeof(err)), CL_OK);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(c.workers, 6);
	assert_int_equal(c.body_limit, 2048);
	assert_true(c.debug_routes);
	assert_string_equal(c.db_socket, "/tmp/my sql.sock");
	assert_string_equal(c.db_password, "p=ss#word");
	assert_int_equal(c.access_ttl, 60);
	assert_int_equal(c.refresh_ttl, 86400);
	assert_true(c.loyalty_open);
	assert_int_equal(c.max_requests, 10000);
}

static void
test_conf_unknown_key_names_file_line_key(void **state)
{
	struct cl_conf c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, "[server]\nworkers = 2\nworkerz = 3\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_string_equal(err, "test.conf:3: unknown key 'workerz' in [server]");
}

static void
test_conf_bad_values_are_errors(void **state)
{
	struct cl_conf c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, "[server]\nworkers = many\n", err, sizeof(err)),
	    CL_EINVAL);
	assert_non_null(strstr(err, "test.conf:2: 'workers' must be an integer"));
	assert_int_equal(parse(&c, "[server]\nworkers = 100000\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_int_equal(parse(&c, "[server]\ndebug_routes = maybe\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_non_null(strstr(err, "'debug_routes' must be true or false"));
	assert_int_equal(parse(&c, "[nosuch]\n", err, sizeof(err)), CL_EINVAL);
	assert_string_equal(err, "test.conf:1: unknown section [nosuch]");
	assert_int_equal(parse(&c, "workers = 2\n", err, sizeof(err)), CL_EINVAL);
	assert_non_null(strstr(err, "outside of any section"));
	assert_int_equal(parse(&c, "[server]\njust words\n", err, sizeof(err)),
	    CL_EINVAL);
	assert_string_equal(err, "test.conf:2: expected 'key = value'");
	assert_int_equal(parse(&c, "[server\n", err, sizeof(err)), CL_EINVAL);
}

static void
test_conf_load_missing_file_is_eio(void **state)
{
	struct cl_conf c;
	char err[256];

	(void)state;
	assert_int_equal(cl_conf_load(&c, "/nonexistent/clientele.conf", err,
	    sizeof(err)), CL_EIO);
	assert_non_null(strstr(err, "/nonexistent/clientele.conf"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_reads_every_section),
		cmocka_unit_test(test_conf_unknown_key_names_file_line_key),
		cmocka_unit_test(test_conf_bad_values_are_errors),
		cmocka_unit_test(test_conf_load_missing_file_is_eio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
