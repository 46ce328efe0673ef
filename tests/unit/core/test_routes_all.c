/* Unit tests of the real route tables (src/modules/modules.c) through
 * src/core/router.c: every route is reachable by its own method and a
 * sample of its pattern, and no method and pattern are declared twice. A
 * new module's table is checked here without writing a test. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/router.h"

/* Writes pattern with each {param} replaced by repl into buf. */
static void
sample_path(const char *pattern, const char *repl, char *buf, size_t len)
{
	size_t o = 0;
	const char *p;

	for (p = pattern; *p; p++) {
		if (*p == '{') {
			const char *close = strchr(p, '}');

			assert_non_null(close);
			o += (size_t)snprintf(buf + o, len - o, "%s", repl);
			p = close;
		} else {
			assert_true(o + 1 < len);
			buf[o++] = *p;
		}
		assert_true(o < len);
	}
	buf[o] = '\0';
}

static void
test_routes_all_reach_themselves(void **state)
{
	size_t mi, index = 0;

	(void)state;
	for (mi = 0; cl_modules[mi] != NULL; mi++) {
		const struct cl_route *rt;

		for (rt = cl_modules[mi]->routes; rt->pattern; rt++, index++) {
			struct cl_arena *a = cl_arena_new();
			struct cl_match m;
			char path[512];
			int rc;

			sample_path(rt->pattern, "1", path, sizeof(path));
			rc = cl_router_match(cl_modules, rt->method, path, a,
			    &m);
			if (rc != CL_OK || m.route != rt)
				fail_msg("%s %s (module %s): %s %s reaches %s",
				    cl_method_name(rt->method), rt->pattern,
				    cl_modules[mi]->name,
				    cl_method_name(rt->method), path,
				    rc != CL_OK ? "no route" :
				    m.route->pattern);
			assert_ptr_equal(m.module, cl_modules[mi]);
			assert_int_equal(m.index, index);
			assert_ptr_equal(cl_router_at(cl_modules, index), rt);
			cl_arena_free(a);
		}
	}
	assert_int_equal(cl_router_count(cl_modules), index);
}

static void
test_routes_all_no_method_and_pattern_twice(void **state)
{
	size_t i, j, n = cl_router_count(cl_modules);

	(void)state;
	for (i = 0; i < n; i++) {
		const struct cl_route *x = cl_router_at(cl_modules, i);
		char xs[512];

		/* Param names do not matter: /a/{id} and /a/{key} are one
		 * pattern to the router. */
		sample_path(x->pattern, "{}", xs, sizeof(xs));
		for (j = i + 1; j < n; j++) {
			const struct cl_route *y = cl_router_at(cl_modules, j);
			char ys[512];

			if (x->method != y->method)
				continue;
			sample_path(y->pattern, "{}", ys, sizeof(ys));
			if (strcmp(xs, ys) == 0)
				fail_msg("%s %s is declared twice (as %s)",
				    cl_method_name(x->method), x->pattern,
				    y->pattern);
		}
	}
}

static void
test_routes_all_patterns_are_canonical(void **state)
{
	size_t i, n = cl_router_count(cl_modules);

	(void)state;
	for (i = 0; i < n; i++) {
		const struct cl_route *rt = cl_router_at(cl_modules, i);
		size_t len = strlen(rt->pattern);

		/* The router strips one trailing slash from the path only. */
		if (rt->pattern[0] != '/' || strstr(rt->pattern, "//") ||
		    (len > 1 && rt->pattern[len - 1] == '/'))
			fail_msg("pattern '%s' must start with / and have no "
			    "empty segment or trailing slash", rt->pattern);
		if (cl_method_name(rt->method)[0] == '?')
			fail_msg("%s has no single method", rt->pattern);
		assert_non_null(rt->handler);
	}
}

/* A write served by a resource runs in a transaction: its row, the
 * re-read answer and its audit row commit or roll back together. */
static void
test_routes_all_resource_writes_are_transactions(void **state)
{
	size_t i, n = cl_router_count(cl_modules), writes = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct cl_route *rt = cl_router_at(cl_modules, i);

		if (rt->resource == NULL || rt->method == CL_GET)
			continue;
		writes++;
		if (!(rt->flags & CL_TX))
			fail_msg("%s %s writes a resource without CL_TX",
			    cl_method_name(rt->method), rt->pattern);
	}
	assert_true(writes >= 8); /* plans and customers, at least */
}

/* The Idempotency-Key row lives in the route's transaction, and only a
 * POST makes something new (dispatch.c honours the flag inside CL_TX
 * only, so a route with the flag and no CL_TX would silently ignore it). */
static void
test_routes_all_idempotent_routes_are_post_transactions(void **state)
{
	size_t i, n = cl_router_count(cl_modules), seen = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct cl_route *rt = cl_router_at(cl_modules, i);

		if (!(rt->flags & CL_IDEMPOTENT))
			continue;
		seen++;
		if (rt->method != CL_POST || !(rt->flags & CL_TX))
			fail_msg("%s %s is CL_IDEMPOTENT but not a CL_TX POST",
			    cl_method_name(rt->method), rt->pattern);
	}
	assert_true(seen >= 5); /* billing's invoice and payment POSTs */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_all_reach_themselves),
		cmocka_unit_test(test_routes_all_no_method_and_pattern_twice),
		cmocka_unit_test(test_routes_all_patterns_are_canonical),
		cmocka_unit_test(test_routes_all_resource_writes_are_transactions),
		cmocka_unit_test(test_routes_all_idempotent_routes_are_post_transactions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
