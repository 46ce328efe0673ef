/* Unit tests of the workers' cache of signed-in callers
 * (src/auth/caller_cache.c): what it hands back, and when it must not. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth/internal.h"

static struct auth_claims
claims(const char *jti, int64_t user, int64_t sid)
{
	struct auth_claims c;

	memset(&c, 0, sizeof(c));
	c.jti = jti;
	c.user_id = user;
	c.sid = sid;
	return c;
}

static struct auth_caller_row
checked(int64_t user, const char *perms, const char *stamp, int64_t ttl)
{
	struct auth_caller_row row;

	memset(&row, 0, sizeof(row));
	row.is_active = true;
	row.session_live = true;
	row.user_id = user;
	row.perms = perms;
	row.stamp = stamp;
	row.session_ttl = ttl;
	return row;
}

static void
test_a_kept_caller_comes_back_with_its_stamp(void **state)
{
	struct auth_claims c = claims("jti-a", 7, 3);
	struct auth_caller_row row = checked(7, "plans:read", "12.4", 3600);
	char perms[] = "plans:read";
	const struct auth_cached_caller *k;

	(void)state;
	row.perms = perms;
	auth_cache_put(&c, &row, 100.0);
	perms[0] = 'X'; /* the cache holds its own copy */
	k = auth_cache_find(&c, 101.0);
	assert_non_null(k);
	assert_int_equal(k->user_id, 7);
	assert_false(k->is_superuser);
	assert_string_equal(k->perms, "plans:read");
	assert_string_equal(k->stamp, "12.4");
}

static void
test_another_user_or_session_under_the_jti_is_not_it(void **state)
{
	struct auth_claims c = claims("jti-b", 7, 3), other;
	struct auth_caller_row row = checked(7, NULL, "1.1", -1);

	(void)state;
	auth_cache_put(&c, &row, 100.0);
	other = claims("jti-b", 8, 3);
	assert_null(auth_cache_find(&other, 100.5));
	other = claims("jti-b", 7, 4);
	assert_null(auth_cache_find(&other, 100.5));
	other = claims("jti-c", 7, 3);
	assert_null(auth_cache_find(&other, 100.5));
	assert_non_null(auth_cache_find(&c, 100.5));
}

static void
test_an_entry_lives_its_ttl_or_its_session_at_most(void **state)
{
	struct auth_claims c = claims("jti-d", 1, 2);
	struct auth_caller_row row = checked(1, NULL, "1.1", 3600);

	(void)state;
	auth_cache_put(&c, &row, 100.0);
	assert_non_null(auth_cache_find(&c, 100.0 + AUTH_CALLER_TTL - 0.5));
	assert_null(auth_cache_find(&c, 100.0 + AUTH_CALLER_TTL));
	/* A session with 10 s left: kept 9 s. */
	row.session_ttl = 10;
	auth_cache_put(&c, &row, 200.0);
	assert_non_null(auth_cache_find(&c, 208.5));
	assert_null(auth_cache_find(&c, 209.0));
	/* A second or less left: not kept, and the old entry is gone. */
	auth_cache_put(&c, &row, 300.0);
	row.session_ttl = 1;
	auth_cache_put(&c, &row, 300.5);
	assert_null(auth_cache_find(&c, 300.6));
}

static void
test_forget_drops_only_its_own(void **state)
{
	struct auth_claims c = claims("jti-e", 5, 0);
	struct auth_caller_row row = checked(5, NULL, "2.2", -1);

	(void)state;
	auth_cache_put(&c, &row, 10.0);
	auth_cache_forget("jti-not-this-one");
	assert_non_null(auth_cache_find(&c, 10.5));
	auth_cache_forget("jti-e");
	assert_null(auth_cache_find(&c, 10.5));
}

static void
test_an_oversized_stamp_or_jti_is_not_kept(void **state)
{
	char jti[80];
	struct auth_claims c;
	struct auth_caller_row row = checked(5, NULL, "3.3", -1);

	(void)state;
	memset(jti, 'j', sizeof(jti) - 1);
	jti[sizeof(jti) - 1] = '\0';
	c = claims(jti, 5, 0);
	auth_cache_put(&c, &row, 10.0);
	assert_null(auth_cache_find(&c, 10.5));
	c = claims("jti-f", 5, 0);
	row.stamp = "123456789012345678901234567890.123456789012345678901234567890";
	auth_cache_put(&c, &row, 10.0);
	assert_null(auth_cache_find(&c, 10.5));
	row.stamp = NULL;
	auth_cache_put(&c, &row, 10.0);
	assert_null(auth_cache_find(&c, 10.5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_kept_caller_comes_back_with_its_stamp),
		cmocka_unit_test(test_another_user_or_session_under_the_jti_is_not_it),
		cmocka_unit_test(test_an_entry_lives_its_ttl_or_its_session_at_most),
		cmocka_unit_test(test_forget_drops_only_its_own),
		cmocka_unit_test(test_an_oversized_stamp_or_jti_is_not_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
