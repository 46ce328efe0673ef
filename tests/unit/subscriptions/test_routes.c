/* Unit tests of src/modules/subscriptions/routes.c: each path of API.md §4
 * reaches its handler with the permission and checks the contract asks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/router.h"
#include "modules/subscriptions/internal.h"
#include "modules/subscriptions/subscriptions.h"

static const struct cl_module *const mods[] = { &subscriptions_module, NULL };

/* Matches method and path; returns the route (the test fails on none). */
static const struct cl_route *
route(unsigned method, const char *path)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;
	int rc = cl_router_match(mods, method, path, a, &m);

	cl_arena_free(a);
	assert_int_equal(rc, CL_OK);
	return m.route;
}

static void
test_routes_reach_their_handlers(void **state)
{
	(void)state;
	assert_ptr_equal(route(CL_GET, "/plans")->handler, subs_plans_list);
	assert_ptr_equal(route(CL_GET, "/plans/")->handler, subs_plans_list);
	assert_ptr_equal(route(CL_GET, "/plans/1/")->handler, subs_plans_show);
	assert_ptr_equal(route(CL_POST, "/plans/")->handler, subs_plans_create);
	assert_ptr_equal(route(CL_PUT, "/plans/1")->handler, subs_plans_update);
	assert_ptr_equal(route(CL_PATCH, "/plans/1")->handler, subs_plans_update);
	assert_ptr_equal(route(CL_DELETE, "/plans/1")->handler, subs_plans_delete);
	assert_ptr_equal(route(CL_POST, "/purchase-plan/")->handler,
	    subs_purchases_create);
	assert_ptr_equal(route(CL_POST, "/cancel-plan/5")->handler,
	    subs_purchases_cancel);
	assert_ptr_equal(route(CL_GET, "/my-plans/")->handler,
	    subs_purchases_list);
}

/* Reads are for any authenticated user; writes to plans for superusers. */
static void
test_routes_plan_writes_need_superuser(void **state)
{
	static const unsigned writes[] = { CL_PUT, CL_PATCH, CL_DELETE };
	const struct cl_route *rt;
	size_t i;

	(void)state;
	assert_null(route(CL_GET, "/plans")->perm);
	assert_null(route(CL_GET, "/plans/1")->perm);
	assert_string_equal(route(CL_POST, "/plans")->perm, CL_PERM_SUPERUSER);
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++)
		assert_string_equal(route(writes[i], "/plans/1")->perm,
		    CL_PERM_SUPERUSER);
	for (rt = subscriptions_module.routes; rt->pattern; rt++)
		assert_false(rt->flags & (CL_PUBLIC | CL_OPTIONAL_AUTH));
	assert_null(route(CL_POST, "/purchase-plan")->perm);
	assert_null(route(CL_GET, "/my-plans")->perm);
}

/* Routes that read to decide a write run in one transaction; bodies are
 * JSON where the route reads one. */
static void
test_routes_flags(void **state)
{
	(void)state;
	assert_true(route(CL_POST, "/purchase-plan")->flags & CL_TX);
	assert_true(route(CL_POST, "/purchase-plan")->flags & CL_JSON_BODY);
	assert_true(route(CL_POST, "/cancel-plan/1")->flags & CL_TX);
	assert_true(route(CL_PUT, "/plans/1")->flags & CL_TX);
	assert_true(route(CL_PATCH, "/plans/1")->flags & CL_JSON_BODY);
	assert_true(route(CL_DELETE, "/plans/1")->flags & CL_TX);
	assert_true(route(CL_POST, "/plans")->flags & CL_JSON_BODY);
	assert_false(route(CL_GET, "/plans")->flags & CL_TX);
}

/* The plan routes are the generic handlers over the plan resource, and
 * name it; the purchase routes are hand-written and name none. */
static void
test_routes_plans_name_their_resource(void **state)
{
	static const unsigned plan_methods[] = { CL_PUT, CL_PATCH, CL_DELETE };
	size_t i;

	(void)state;
	assert_ptr_equal(route(CL_GET, "/plans")->resource, &subs_plan_resource);
	assert_ptr_equal(route(CL_POST, "/plans")->resource, &subs_plan_resource);
	assert_ptr_equal(route(CL_GET, "/plans/1")->resource,
	    &subs_plan_resource);
	for (i = 0; i < sizeof(plan_methods) / sizeof(plan_methods[0]); i++)
		assert_ptr_equal(route(plan_methods[i], "/plans/1")->resource,
		    &subs_plan_resource);
	assert_null(route(CL_POST, "/purchase-plan")->resource);
	assert_null(route(CL_POST, "/cancel-plan/1")->resource);
	assert_ptr_equal(route(CL_GET, "/my-plans")->resource,
	    &subs_subscription_resource);
}

/* A known path with another method is 405 with the methods it has. */
static void
test_routes_wrong_method(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_DELETE, "/my-plans", a, &m),
	    CL_EMETHOD);
	assert_int_equal(m.allow, CL_GET | CL_HEAD);
	assert_int_equal(cl_router_match(mods, CL_GET, "/purchase-plan", a, &m),
	    CL_EMETHOD);
	assert_int_equal(m.allow, CL_POST);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans/1/x", a, &m),
	    CL_ENOTFOUND);
	cl_arena_free(a);
}

/* Patterns follow router.h: a leading slash, no prefix, no trailing one. */
static void
test_routes_patterns_are_canonical(void **state)
{
	const struct cl_route *rt;

	(void)state;
	for (rt = subscriptions_module.routes; rt->pattern; rt++) {
		size_t n = strlen(rt->pattern);

		assert_true(rt->pattern[0] == '/' && n > 1);
		assert_true(rt->pattern[n - 1] != '/');
		assert_null(strstr(rt->pattern, "/api/"));
		assert_non_null(rt->handler);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_reach_their_handlers),
		cmocka_unit_test(test_routes_plan_writes_need_superuser),
		cmocka_unit_test(test_routes_flags),
		cmocka_unit_test(test_routes_plans_name_their_resource),
		cmocka_unit_test(test_routes_wrong_method),
		cmocka_unit_test(test_routes_patterns_are_canonical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
