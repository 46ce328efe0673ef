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
#include "core/router.h"

/* A module of the test's own, with a section of every type. */
struct fake_conf {
	char		name[16];
	int		small;
	int64_t		big;
	bool		open;
};

static struct fake_conf fake_conf;

static const struct cl_conf_key fake_keys[] = {
	CL_CONF_STR("name", struct fake_conf, name, "none"),
	CL_CONF_INT("small", struct fake_conf, small, -5, 5, 1),
	CL_CONF_INT("big", struct fake_conf, big, 0, INT64_C(10000000000), 7),
	CL_CONF_BOOL("open", struct fake_conf, open, true),
	{ 0 }
};

static const struct cl_conf_section fake_sections[] = {
	{ .name = "fake", .keys = fake_keys, .storage = &fake_conf,
	  .size = sizeof(fake_conf) },
	{ 0 }
};

static const struct cl_module fake_module = {
	.name = "fake", .conf = fake_sections
};
static const struct cl_module *const fake_modules[] = { &fake_module, NULL };

static int
parse_with(const struct cl_module *const *modules, struct cl_conf *c,
    const char *text, char *err, size_t len)
{
	cl_conf_defaults(c);
	return cl_conf_parse(c, modules, "test.conf", text, strlen(text), err,
	    len);
}

static int
parse(struct cl_conf *c, const char *text, char *err, size_t len)
{
	return parse_with(cl_modules, c, text, err, len);
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
	    "access_ttl = 60\n";

	(void)state;
	assert_int_equal(parse(&c, text, err, sizeof(err)), CL_OK);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(c.workers, 6);
	assert_int_equal(c.body_limit, 2048);
	assert_true(c.debug_routes);
	assert_string_equal(c.db_socket, "/tmp/my sql.sock");
	assert_string_equal(c.db_password, "p=ss#word");
	assert_int_equal(c.max_requests, 10000);
	assert_string_equal(c.prefix, "/api/v1");
	assert_string_equal(c.db_host, "localhost");
	assert_int_equal(c.db_timeout, 2);
}

static void
test_conf_module_section_reads_its_keys(void **state)
{
	struct cl_conf c;
	char err[256] = "";

	(void)state;
	memset(&fake_conf, 0, sizeof(fake_conf));
	assert_int_equal(parse_with(fake_modules, &c,
	    "[fake]\nname = x y\nsmall = -5\nbig = 10000000000\n"
	    "open = off\n[server]\nworkers = 3\n", err, sizeof(err)), CL_OK);
	assert_string_equal(fake_conf.name, "x y");
	assert_int_equal(fake_conf.small, -5);
	assert_int_equal(fake_conf.big, INT64_C(10000000000));
	assert_false(fake_conf.open);
	assert_int_equal(c.workers, 3);
	/* Keys a file leaves out are the defaults, not what was there. */
	assert_int_equal(parse_with(fake_modules, &c, "[fake]\nsmall = 2\n",
	    err, sizeof(err)), CL_OK);
	assert_string_equal(fake_conf.name, "none");
	assert_int_equal(fake_conf.small, 2);
	assert_int_equal(fake_conf.big, 7);
	assert_true(fake_conf.open);
	assert_int_equal(parse_with(fake_modules, &c, "", err, sizeof(err)),
	    CL_OK);
	assert_int_equal(fake_conf.small, 1);
}

static void
test_conf_module_section_is_all_or_nothing(void **state)
{
	struct cl_conf c;
	char err[256] = "";

	(void)state;
	assert_int_equal(parse_with(fake_modules, &c, "[fake]\nsmall = 4\n",
	    err, sizeof(err)), CL_OK);
	/* A bad line after good ones, in the section or after it: the
	 * module keeps every value of the last good file. */
	assert_int_equal(parse_with(fake_modules, &c,
	    "[fake]\nname = new\nsmall = 6\n", err, sizeof(err)), CL_EINVAL);
	assert_string_equal(err,
	    "test.conf:3: 'small' must be an integer from -5 to 5, not '6'");
	assert_int_equal(parse_with(fake_modules, &c,
	    "[fake]\nname = new\nsmall = 3\n[server]\nworkerz = 1\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_string_equal(fake_conf.name, "none");
	assert_int_equal(fake_conf.small, 4);
	assert_int_equal(parse_with(fake_modules, &c,
	    "[fake]\nname = much too long a name\n", err, sizeof(err)),
	    CL_EINVAL);
	assert_string_equal(err,
	    "test.conf:2: value of 'name' is longer than 15 bytes");
	assert_string_equal(fake_conf.name, "none");
}

static void
test_conf_module_sections_are_the_modules(void **state)
{
	struct cl_conf c;
	char err[256];

	(void)state;
	/* Without the module, its section is unknown, as is a module's
	 * that does not exist (yet). */
	assert_int_equal(parse_with(fake_modules, &c, "[auth]\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_string_equal(err, "test.conf:1: unknown section [auth]");
	assert_int_equal(parse(&c, "[fake]\n", err, sizeof(err)), CL_EINVAL);
	assert_int_equal(parse(&c, "[server]\nworkers = 2\n[nosuchmodule]\n"
	    "open = true\n", err, sizeof(err)), CL_EINVAL);
	assert_string_equal(err, "test.conf:3: unknown section [nosuchmodule]");
	/* Module loyalty declares [loyalty] open (API.md §9). */
	assert_int_equal(parse(&c, "[loyalty]\nopen = true\n", err,
	    sizeof(err)), CL_OK);
	assert_int_equal(parse(&c, "[loyalty]\nopen = maybe\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_int_equal(parse(&c, "[auth]\njwt_secret = "
	    "0123456789abcdef0123456789abcdef\nttl = 5\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_string_equal(err, "test.conf:3: unknown key 'ttl' in [auth]");
	/* A secret shorter than HS256's hash is refused, by its line. */
	assert_int_equal(parse(&c, "[auth]\njwt_secret = s3cret\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_non_null(strstr(err, "test.conf:2: 'jwt_secret' must be at "
	    "least 32 bytes"));
	assert_int_equal(parse(&c, "[auth]\naccess_ttl = 0\n", err,
	    sizeof(err)), CL_EINVAL);
	assert_non_null(strstr(err, "test.conf:2: 'access_ttl' must be an "
	    "integer from 1 to 31536000"));
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
		cmocka_unit_test(test_conf_module_section_reads_its_keys),
		cmocka_unit_test(test_conf_module_section_is_all_or_nothing),
		cmocka_unit_test(test_conf_module_sections_are_the_modules),
		cmocka_unit_test(test_conf_unknown_key_names_file_line_key),
		cmocka_unit_test(test_conf_bad_values_are_errors),
		cmocka_unit_test(test_conf_load_missing_file_is_eio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
