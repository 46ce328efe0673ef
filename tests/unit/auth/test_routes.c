/* Unit tests of src/auth/routes.c: each path of API.md §2 reaches its
 * handler with the credentials and checks the contract asks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "auth/internal.h"
#include "core/arena.h"
#include "core/command.h"
#include "core/conf.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/router.h"

static const struct cl_module *const mods[] = { &identity_module, NULL };

/* Matches POST path; returns the route (the test fails on none). */
static const struct cl_route *
post(const char *path)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;
	int rc = cl_router_match(mods, CL_POST, path, a, &m);

	cl_arena_free(a);
	assert_int_equal(rc, CL_OK);
	return m.route;
}

static void
test_routes_reach_their_handlers(void **state)
{
	(void)state;
	assert_ptr_equal(post("/auth/login")->handler, auth_login_create);
	assert_ptr_equal(post("/auth/login/")->handler, auth_login_create);
	assert_ptr_equal(post("/auth/register/")->handler, auth_register_create);
	assert_ptr_equal(post("/auth/verify-otp/")->handler, auth_otp_update);
	assert_ptr_equal(post("/auth/resend-otp")->handler, auth_otp_create);
	assert_ptr_equal(post("/auth/token/")->handler, auth_tokens_create);
	assert_ptr_equal(post("/auth/refresh/")->handler, auth_tokens_refresh);
	assert_ptr_equal(post("/auth/add-phone-no/")->handler,
	    auth_phones_create);
	assert_ptr_equal(post("/auth/make-primary-phone/")->handler,
	    auth_phones_update);
	assert_ptr_equal(post("/auth")->handler, auth_sessions_create);
	assert_ptr_equal(post("/auth/")->handler, auth_sessions_create);
	assert_ptr_equal(post("/auth/changepassword")->handler,
	    auth_passwords_update);
	assert_ptr_equal(post("/auth/logout")->handler, auth_logout_create);
	assert_ptr_equal(post("/accounts/status/online")->handler,
	    auth_presence_update);
	assert_ptr_equal(post("/accounts/status/offline/")->handler,
	    auth_presence_update);
}

/* GET /auth/sessions and DELETE /auth/sessions/{id}: a user's, no
 * permission, no body. */
static void
test_routes_sessions(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_GET, "/auth/sessions/", a,
	    &m), CL_OK);
	assert_ptr_equal(m.route->handler, auth_sessions_list);
	assert_false(m.route->flags & (CL_PUBLIC | CL_JSON_BODY | CL_TX));
	assert_null(m.route->perm);
	assert_int_equal(cl_router_match(mods, CL_DELETE, "/auth/sessions/7",
	    a, &m), CL_OK);
	assert_ptr_equal(m.route->handler, auth_sessions_delete);
	assert_false(m.route->flags & (CL_PUBLIC | CL_JSON_BODY));
	assert_null(m.route->perm);
	cl_arena_free(a);
}

static void
test_routes_only_post(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_match m;

	(void)state;
	assert_int_equal(cl_router_match(mods, CL_GET, "/auth/login", a, &m),
	    CL_EMETHOD);
	assert_int_equal(m.allow, CL_POST);
	cl_arena_free(a);
}

/* Public routes are exactly those API.md marks "none"; the rest need a
 * user and no permission. POST /auth alone needs an apikey. */
static void
test_routes_credentials(void **state)
{
	static const char *const public[] = {
		"/auth/login", "/auth/register", "/auth/verify-otp",
		"/auth/resend-otp", "/auth/token", "/auth/refresh", "/auth",
		"/auth/changepassword",
	};
	static const char *const user[] = {
		"/auth/add-phone-no", "/auth/make-primary-phone", "/auth/logout",
		"/accounts/status/online", "/accounts/status/offline",
	};
	const struct cl_route *rt;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(public) / sizeof(public[0]); i++)
		assert_true(post(public[i])->flags & CL_PUBLIC);
	for (i = 0; i < sizeof(user) / sizeof(user[0]); i++) {
		assert_false(post(user[i])->flags & CL_PUBLIC);
		assert_null(post(user[i])->perm);
	}
	for (rt = identity_module.routes; rt->pattern; rt++)
		assert_int_equal(!!(rt->flags & CL_APIKEY),
		    strcmp(rt->pattern, "/auth") == 0);
}

/* A failed login must stay counted although its answer is an error, and
 * a CL_TX route rolls back on errors: no login route may be CL_TX; nor
 * may verify-otp, whose wrong tries must stay counted. */
static void
test_routes_counting_routes_are_not_transactions(void **state)
{
	static const char *const counted[] = {
		"/auth/login", "/auth/token", "/auth", "/auth/changepassword",
		"/auth/verify-otp",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(counted) / sizeof(counted[0]); i++)
		assert_false(post(counted[i])->flags & CL_TX);
	/* A spent refresh token ends its session although the answer is 401. */
	assert_false(post("/auth/refresh")->flags & CL_TX);
	assert_true(post("/auth/register")->flags & CL_TX);
	assert_true(post("/auth/resend-otp")->flags & CL_TX);
	assert_true(post("/auth/add-phone-no")->flags & CL_TX);
	assert_true(post("/auth/make-primary-phone")->flags & CL_TX);
	assert_false(post("/auth/logout")->flags & CL_JSON_BODY);
	assert_true(post("/auth/login")->flags & CL_JSON_BODY);
}

/* The abuse limits' bounds: ASVS 2.2.1 allows at most 100 wrong OTPs an
 * hour; a claim lasts at least an hour. */
static void
test_routes_abuse_limit_bounds(void **state)
{
	static const char *const bad[] = {
		"otp_failures_per_hour = 101", "otp_failures_per_hour = 0",
		"phone_sends_per_hour = 0", "address_sends_per_hour = 0",
		"phone_claim_hours = 0", "phone_claim_hours = 8761",
	};
	struct cl_conf c;
	char err[256], *text;
	struct cl_arena *a = cl_arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = cl_arena_printf(a, "[auth]\njwt_secret = "
		    "0123456789abcdef0123456789abcdef\n%s\n", bad[i]);
		cl_conf_defaults(&c);
		assert_int_not_equal(cl_conf_parse(&c, mods, "t.conf", text,
		    strlen(text), err, sizeof(err)), CL_OK);
	}
	text = "[auth]\njwt_secret = 0123456789abcdef0123456789abcdef\n"
	    "phone_sends_per_hour = 5\naddress_sends_per_hour = 50\n"
	    "otp_failures_per_hour = 20\nphone_claim_hours = 48\n";
	cl_conf_defaults(&c);
	assert_int_equal(cl_conf_parse(&c, mods, "t.conf", text, strlen(text),
	    err, sizeof(err)), CL_OK);
	assert_int_equal(auth_conf.phone_sends_per_hour, 5);
	assert_int_equal(auth_conf.address_sends_per_hour, 50);
	assert_int_equal(auth_conf.otp_failures_per_hour, 20);
	assert_int_equal(auth_conf.phone_claim_hours, 48);
	cl_arena_free(a);
}

/* The rest of the descriptor: [auth] lands in auth_conf, the commands
 * clientelectl lists, and the credential checks dispatch.c runs. */
static void
test_routes_descriptor_has_conf_commands_auth(void **state)
{
	static const char *const names[] = {
		"user", "role", "token", "apikey", "outbox",
	};
	const char *text = "[auth]\njwt_secret = "
	    "0123456789abcdef0123456789abcdef\naccess_ttl = 60\n";
	const struct cl_command *cmd;
	struct cl_conf c;
	char err[256];
	size_t i = 0;

	(void)state;
	cl_conf_defaults(&c);
	assert_int_equal(cl_conf_parse(&c, mods, "t.conf", text, strlen(text),
	    err, sizeof(err)), CL_OK);
	assert_string_equal(auth_conf.jwt_secret,
	    "0123456789abcdef0123456789abcdef");
	assert_int_equal(auth_conf.access_ttl, 60);
	assert_int_equal(auth_conf.refresh_ttl, 86400);
	assert_int_equal(auth_conf.login_ttl, 86400);
	assert_int_equal(auth_conf.phone_sends_per_hour, 3);
	assert_int_equal(auth_conf.address_sends_per_hour, 10);
	assert_int_equal(auth_conf.otp_failures_per_hour, 100);
	assert_int_equal(auth_conf.phone_claim_hours, 24);
	for (cmd = identity_module.commands; cmd->name; cmd++, i++) {
		assert_true(i < sizeof(names) / sizeof(names[0]));
		assert_string_equal(cmd->name, names[i]);
		assert_non_null(cmd->run);
		/* Each usage line starts with the command's name. */
		assert_int_equal(strncmp(cmd->usage, cmd->name,
		    strlen(cmd->name)), 0);
	}
	assert_int_equal(i, sizeof(names) / sizeof(names[0]));
	assert_ptr_equal(identity_module.auth, &auth_ops);
	assert_non_null(identity_module.auth->caller_or_reply);
	assert_non_null(identity_module.auth->apikey_or_reply);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_reach_their_handlers),
		cmocka_unit_test(test_routes_only_post),
		cmocka_unit_test(test_routes_sessions),
		cmocka_unit_test(test_routes_credentials),
		cmocka_unit_test(test_routes_counting_routes_are_not_transactions),
		cmocka_unit_test(test_routes_abuse_limit_bounds),
		cmocka_unit_test(test_routes_descriptor_has_conf_commands_auth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
