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
static int h_history(struct cl_req *r) { (void)r; return 200; }
static int h_post_history(struct cl_req *r) { (void)r; return 201; }
static int h_items(struct cl_req *r) { (void)r; return 200; }
static int h_item(struct cl_req *r) { (void)r; return 200; }
static int h_left(struct cl_req *r) { (void)r; return 200; }
static int h_right(struct cl_req *r) { (void)r; return 200; }
static int h_head(struct cl_req *r) { (void)r; return 200; }

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

/* Precedence: the same routes in both orders, across tables and within. */
static const struct cl_route param_first[] = {
	{ .method = CL_GET, .pattern = "/bills/invoices/{id}",
	  .handler = h_show },
	{ .method = CL_GET, .pattern = "/bills/invoices/history",
	  .handler = h_history },
	{ 0 }
};
static const struct cl_route literal_first[] = {
	{ .method = CL_GET, .pattern = "/bills/invoices/history",
	  .handler = h_history },
	{ .method = CL_GET, .pattern = "/bills/invoices/{id}",
	  .handler = h_show },
	{ 0 }
};
static const struct cl_route only_param[] = {
	{ .method = CL_GET, .pattern = "/bills/invoices/{id}",
	  .handler = h_show },
	{ 0 }
};
static const struct cl_route only_literal[] = {
	{ .method = CL_GET, .pattern = "/bills/invoices/history",
	  .handler = h_history },
	{ 0 }
};
static const struct cl_module mod_pf = { .name = "pf", .routes = param_first };
static const struct cl_module mod_lf = {
	.name = "lf", .routes = literal_first
};
static const struct cl_module mod_p = { .name = "p", .routes = only_param };
static const struct cl_module mod_l = { .name = "l", .routes = only_literal };

/* Several params, and a literal late against one early. */
static const struct cl_route deep[] = {
	{ .method = CL_GET, .pattern = "/c/{id}/{item}", .handler = h_item },
	{ .method = CL_GET, .pattern = "/{a}/b/c", .handler = h_right },
	{ .method = CL_GET, .pattern = "/c/{id}/items", .handler = h_items },
	{ .method = CL_GET, .pattern = "/a/{b}/{c}", .handler = h_left },
	{ 0 }
};
static const struct cl_module mod_deep = { .name = "deep", .routes = deep };
static const struct cl_module *const mods_deep[] = { &mod_deep, NULL };

/* The method decides before specificity: GET /x/history is GET /x/{id}. */
static const struct cl_route methods_x[] = {
	{ .method = CL_POST, .pattern = "/x/history",
	  .handler = h_post_history },
	{ .method = CL_GET, .pattern = "/x/{id}", .handler = h_show },
	{ .method = CL_DELETE, .pattern = "/x/{id}/{sub}",
	  .handler = h_delete },
	{ 0 }
};
static const struct cl_module mod_x = { .name = "x", .routes = methods_x };
static const struct cl_module *const mods_x[] = { &mod_x, NULL };

/* An explicit HEAD route, before and after the GET HEAD would follow. */
static const struct cl_route head_first[] = {
	{ .method = CL_HEAD, .pattern = "/h/{id}", .handler = h_head },
	{ .method = CL_GET, .pattern = "/h/{id}", .handler = h_show },
	{ 0 }
};
static const struct cl_route head_last[] = {
	{ .method = CL_GET, .pattern = "/h/{id}", .handler = h_show },
	{ .method = CL_HEAD, .pattern = "/h/{id}", .handler = h_head },
	{ .method = CL_GET, .pattern = "/h/last", .handler = h_history },
	{ 0 }
};
static const struct cl_module mod_hf = { .name = "hf", .routes = head_first };
static const struct cl_module mod_hl = { .name = "hl", .routes = head_last };

/* Matches GET path over modules and returns the handler (NULL on none). */
static cl_handler_fn
get(const struct cl_module *const *modules, const char *path)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;
	int rc = cl_router_match(modules, CL_GET, path, a, &m);

	cl_arena_free(a);
	return rc == CL_OK ? m.route->handler : NULL;
}

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
	/* A parameter must decode to UTF-8; "é" does, "%FF" does not. */
	assert_int_equal(cl_router_match(mods, CL_GET,
	    "/customers/7/invoices/caf%C3%A9", a, &m), CL_OK);
	assert_int_equal(cl_router_match(mods, CL_GET,
	    "/customers/7/invoices/%FF", a, &m), CL_EINVAL);
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

static void
test_router_head_route_beats_get(void **state)
{
	const struct cl_module *const hf[] = { &mod_hf, NULL };
	const struct cl_module *const hl[] = { &mod_hl, NULL };
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(hf, CL_HEAD, "/h/1", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_head);
	assert_int_equal(cl_router_match(hl, CL_HEAD, "/h/1", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_head);
	assert_ptr_equal(get(hf, "/h/1"), h_show);
	/* Specificity still comes first: the GET literal beats HEAD {id}. */
	assert_int_equal(cl_router_match(hl, CL_HEAD, "/h/last", a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_history);
	cl_arena_free(a);
}

static void
test_router_literal_beats_param_in_either_order(void **state)
{
	const struct cl_module *const within_pf[] = { &mod_pf, NULL };
	const struct cl_module *const within_lf[] = { &mod_lf, NULL };
	const struct cl_module *const across_pl[] = { &mod_p, &mod_l, NULL };
	const struct cl_module *const across_lp[] = { &mod_l, &mod_p, NULL };
	const struct cl_module *const *const orders[] = {
		within_pf, within_lf, across_pl, across_lp,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		assert_ptr_equal(get(orders[i], "/bills/invoices/history/"),
		    h_history);
		assert_ptr_equal(get(orders[i], "/bills/invoices/history"),
		    h_history);
		assert_ptr_equal(get(orders[i], "/bills/invoices/12/"), h_show);
		assert_ptr_equal(get(orders[i], "/bills/invoices/historyx"),
		    h_show);
	}
}

static void
test_router_literal_wins_at_first_difference(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	/* Leftmost difference decides, not the count of literals: at the
	 * first segment, "a" beats {a} although /{a}/b/c has two literals. */
	assert_ptr_equal(get(mods_deep, "/a/b/c"), h_left);
	assert_ptr_equal(get(mods_deep, "/z/b/c"), h_right);
	assert_ptr_equal(get(mods_deep, "/a/z/c"), h_left);
	/* The winner's params come back, not the loser's. */
	assert_int_equal(cl_router_match(mods_deep, CL_GET, "/c/7/items/", a,
	    &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_items);
	assert_int_equal(m.index, 2);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0].key, "id");
	assert_string_equal(m.params[0].value, "7");
	assert_int_equal(cl_router_match(mods_deep, CL_GET, "/c/7/i%20j", a,
	    &m), CL_OK);
	assert_ptr_equal(m.route->handler, h_item);
	assert_int_equal(m.index, 0);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(m.params[1].key, "item");
	assert_string_equal(m.params[1].value, "i j");
	cl_arena_free(a);
}

static void
test_router_method_falls_back_to_less_specific(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;
	char allow[64];

	(void)state;
	/* POST /x/history is the most specific pattern, but has no GET:
	 * GET falls back to /x/{id}. */
	assert_int_equal(cl_router_match(mods_x, CL_GET, "/x/history", a, &m),
	    CL_OK);
	assert_ptr_equal(m.route->handler, h_show);
	assert_string_equal(m.params[0].value, "history");
	assert_int_equal(cl_router_match(mods_x, CL_HEAD, "/x/history", a, &m),
	    CL_OK);
	assert_ptr_equal(m.route->handler, h_show);
	assert_int_equal(cl_router_match(mods_x, CL_POST, "/x/history", a, &m),
	    CL_OK);
	assert_ptr_equal(m.route->handler, h_post_history);
	/* 405 only when no matching pattern has the method; Allow lists the
	 * methods of every pattern that matches. */
	assert_int_equal(cl_router_match(mods_x, CL_PUT, "/x/history", a, &m),
	    CL_EMETHOD);
	cl_method_list(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, POST, HEAD");
	assert_int_equal(cl_router_match(mods_x, CL_POST, "/x/5", a, &m),
	    CL_EMETHOD);
	cl_method_list(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, HEAD");
	assert_null(m.route);
	assert_int_equal(cl_router_match(mods_x, CL_GET, "/x/5/6", a, &m),
	    CL_EMETHOD);
	cl_method_list(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "DELETE");
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
		cmocka_unit_test(test_router_head_route_beats_get),
		cmocka_unit_test(test_router_literal_beats_param_in_either_order),
		cmocka_unit_test(test_router_literal_wins_at_first_difference),
		cmocka_unit_test(test_router_method_falls_back_to_less_specific),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
