/* Unit tests of the real module descriptors (src/modules/modules.c): what
 * core and clientelectl take from every module must fit together, so a
 * new module's config sections, commands and credential checks are
 * checked here without writing a test. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/command.h"
#include "core/conf.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/router.h"

static void
test_modules_all_have_distinct_names(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; cl_modules[i] != NULL; i++) {
		assert_non_null(cl_modules[i]->name);
		assert_non_null(cl_modules[i]->routes);
		for (j = 0; j < i; j++)
			assert_string_not_equal(cl_modules[i]->name,
			    cl_modules[j]->name);
	}
}

/* One key's table entry against its section's storage. */
static void
check_key(const struct cl_conf_section *s, const struct cl_conf_key *k)
{
	assert_true(k->offset + k->size <= s->size);
	switch (k->type) {
	case CL_K_STR:
		assert_true(k->size > 0);
		if (k->def_str != NULL && strlen(k->def_str) >= k->size)
			fail_msg("[%s] %s: default longer than its buffer",
			    s->name, k->name);
		break;
	case CL_K_INT:
		assert_true(k->size == sizeof(int) ||
		    k->size == sizeof(int64_t));
		if (k->size == sizeof(int))
			assert_true(k->min >= INT_MIN && k->max <= INT_MAX);
		if (k->min > k->max || k->def < k->min || k->def > k->max)
			fail_msg("[%s] %s: default %lld outside %lld..%lld",
			    s->name, k->name, (long long)k->def,
			    (long long)k->min, (long long)k->max);
		break;
	case CL_K_BOOL:
		assert_int_equal(k->size, sizeof(bool));
		assert_true(k->def == 0 || k->def == 1);
		break;
	}
}

/* How many sections of all modules are called name. */
static size_t
count_sections(const char *name)
{
	const struct cl_conf_section *s;
	size_t mi, n = 0;

	for (mi = 0; cl_modules[mi] != NULL; mi++)
		for (s = cl_modules[mi]->conf; s && s->name; s++)
			n += strcmp(s->name, name) == 0;
	return n;
}

/* How many commands of all modules are called name. */
static size_t
count_commands(const char *name)
{
	const struct cl_command *c;
	size_t mi, n = 0;

	for (mi = 0; cl_modules[mi] != NULL; mi++)
		for (c = cl_modules[mi]->commands; c && c->name; c++)
			n += strcmp(c->name, name) == 0;
	return n;
}

static void
test_modules_all_conf_sections_are_sound(void **state)
{
	static const struct cl_module *const none[] = { NULL };
	const struct cl_conf_section *s;
	const struct cl_conf_key *k, *l;
	size_t mi;

	(void)state;
	for (mi = 0; cl_modules[mi] != NULL; mi++) {
		for (s = cl_modules[mi]->conf; s && s->name; s++) {
			struct cl_conf c;
			char text[80], err[256];

			/* Not one of core's: those parse without modules. */
			snprintf(text, sizeof(text), "[%s]\n", s->name);
			cl_conf_defaults(&c);
			assert_int_equal(cl_conf_parse(&c, none, "t.conf", text,
			    strlen(text), err, sizeof(err)), CL_EINVAL);
			assert_non_null(s->storage);
			if (count_sections(s->name) != 1)
				fail_msg("[%s] is declared twice", s->name);
			for (k = s->keys; k->name; k++) {
				check_key(s, k);
				for (l = s->keys; l != k; l++)
					assert_string_not_equal(l->name,
					    k->name);
			}
		}
	}
}

static void
test_modules_all_commands_are_distinct(void **state)
{
	/* clientelectl's own (src/cli/clientelectl.c), found first. */
	static const char *const core[] = { "migrate", "load" };
	const struct cl_command *c;
	size_t mi, i;

	(void)state;
	for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		assert_int_equal(count_commands(core[i]), 0);
	for (mi = 0; cl_modules[mi] != NULL; mi++) {
		for (c = cl_modules[mi]->commands; c && c->name; c++) {
			assert_non_null(c->run);
			assert_non_null(c->usage);
			/* Usage lines read "clientelectl NAME ...". */
			assert_int_equal(strncmp(c->usage, c->name,
			    strlen(c->name)), 0);
			if (count_commands(c->name) != 1)
				fail_msg("command %s is declared twice",
				    c->name);
		}
	}
}

static void
test_modules_all_one_brings_credentials(void **state)
{
	size_t mi, n = 0;

	(void)state;
	for (mi = 0; cl_modules[mi] != NULL; mi++) {
		if (cl_modules[mi]->auth == NULL)
			continue;
		n++;
		assert_non_null(cl_modules[mi]->auth->caller_or_reply);
		assert_non_null(cl_modules[mi]->auth->apikey_or_reply);
	}
	/* cl_dispatch_init takes the first; a second would be ignored. */
	assert_int_equal(n, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modules_all_have_distinct_names),
		cmocka_unit_test(test_modules_all_conf_sections_are_sound),
		cmocka_unit_test(test_modules_all_commands_are_distinct),
		cmocka_unit_test(test_modules_all_one_brings_credentials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
