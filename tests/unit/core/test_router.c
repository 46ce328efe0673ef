/* Unit tests of src/core/router.c against a small table of its own. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/router.h"

static int h_list(struct cl_req *r) { (void)r; return 200; }
static int h_show(struct cl_req *r) { (void)r; return 200; }
static int h_create(struct cl_req *r) { (void)r; return 201; }
static int h_delete(struct cl_req *r) { (void)r; return 204; }
static int h_nested(struct cl_req *r) { (void)r; return 200; }

static const struct cl_route routes_a[] = {
	{ .method = CL_GET, .pattern = "/plans", .handler = h_list },
	{ .method = CL_POST, .pattern = "/plans", .handler = h_create },
	{ .method = CL_GET, .pattern = "/plans/{id}", .handler = h_show },
	{ .method = CL_DELETE, .pattern = "/plans/{id}", .handler = h_delete },
	{ 0 }
};
static const struct cl_route routes_b[] = {
	{ .method = CL_GET, .pattern = "/customers/{id}/invoices/{inv}",
	  .handler = h_nested },
	{ 0 }
};
static const struct cl_module mod_a = { .name = "a", .routes = routes_a };
static const struct cl_module mod_b = { .name = "b", .routes = routes_b };
static const struct cl_module *const mods[] = { &mod_a, &mod_b, NULL };

static void
test_router_matches_literal_and_trailing_slash(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_list);
	assert_int_equal(m.index, 0);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans/", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_list);
	assert_int_equal(cl_router_match(mods, CL_POST, "/plans/", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_create);
	cl_arena_free(a);
}

static void
test_router_extracts_and_decodes_params(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans/42/", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_show);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0].key, "id");
	assert_string_equal(m.params[0].value, "42");
	assert_int_equal(cl_router_match(mods, CL_GET,
	    "/customers/7/invoices/a%20b", a, &m), CL_OK);
	assert_ptr_equal(m.module, &mod_b);
	assert_int_equal(m.index, 4);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(m.params[0].key, "id");
	assert_string_equal(m.params[0].value, "7");
	assert_string_equal(m.params[1].key, "inv");
	assert_string_equal(m.params[1].value, "a b");
	cl_arena_free(a);
}

static void
test_router_unknown_path_is_not_found(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_GET, "/plan", a, &m), CL_ENOTFOUND);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plansx", a, &m), CL_ENOTFOUND);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans/1/2", a, &m),
	    CL_ENOTFOUND);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans//", a, &m),
	    CL_ENOTFOUND);
	assert_int_equal(cl_router_match(mods, CL_GET, "", a, &m), CL_ENOTFOUND);
	assert_int_equal(cl_router_match(mods, CL_GET, "/plans/%zz", a, &m),
	    CL_ENOTFOUND);
	cl_arena_free(a);
}

static void
test_router_wrong_method_lists_allowed(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;
	char allow[64];

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_PUT, "/plans/3", a, &m),
	    CL_EMETHOD);
	cl_method_list(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, DELETE, HEAD");
	assert_int_equal(cl_router_match(mods, CL_DELETE, "/plans", a, &m),
	    CL_EMETHOD);
	cl_method_list(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, POST, HEAD");
	cl_arena_free(a);
}

static void
test_router_head_follows_get(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_HEAD, "/plans/9", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_show);
	assert_int_equal(cl_router_count(mods), 5);
	assert_ptr_equal(cl_router_at(mods, 4), &routes_b[0]);
	assert_null(cl_router_at(mods, 5));
	assert_int_equal(cl_method_parse("PATCH"), CL_PATCH);
	assert_int_equal(cl_method_parse("BREW"), 0);
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router_matches_literal_and_trailing_slash),
		cmocka_unit_test(test_router_extracts_and_decodes_params),
		cmocka_unit_test(test_router_unknown_path_is_not_found),
		cmocka_unit_test(test_router_wrong_method_lists_allowed),
		cmocka_unit_test(test_router_head_follows_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
