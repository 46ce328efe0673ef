/* Unit tests of src/auth/rules.c: OTP life and tries, token stamps around
 * a password change, phone and username forms, seed 000 datetimes and the
 * Authorization schemes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth/internal.h"
#include "core/arena.h"
#include "core/errors.h"

static void
test_otp_is_usable_young_and_untried(void **state)
{
	(void)state;
	assert_true(auth_otp_is_usable(1000, 1000, 0));
	assert_true(auth_otp_is_usable(1000, 1000 + AUTH_OTP_LIFE - 1, 0));
	assert_true(auth_otp_is_usable(1000, 1001, AUTH_OTP_TRIES - 1));
}

static void
test_otp_is_usable_expires_after_five_minutes(void **state)
{
	(void)state;
	assert_int_equal(AUTH_OTP_LIFE, 300);
	assert_false(auth_otp_is_usable(1000, 1000 + 300, 0));
	assert_false(auth_otp_is_usable(1000, 1000 + 3600, 0));
}

static void
test_otp_is_usable_void_after_five_wrong_tries(void **state)
{
	(void)state;
	assert_int_equal(AUTH_OTP_TRIES, 5);
	assert_false(auth_otp_is_usable(1000, 1001, 5));
	assert_false(auth_otp_is_usable(1000, 1001, 6));
}

static void
test_otp_is_usable_refuses_a_future_code(void **state)
{
	(void)state;
	/* Created "later" than now: a clock went backwards; refuse. */
	assert_false(auth_otp_is_usable(1000, 999, 0));
}

static void
test_otp_resend_wait_one_minute(void **state)
{
	(void)state;
	assert_int_equal(auth_otp_resend_wait(1000, 1000), 60);
	assert_int_equal(auth_otp_resend_wait(1000, 1059), 1);
	assert_int_equal(auth_otp_resend_wait(1000, 1060), 0);
	assert_int_equal(auth_otp_resend_wait(1000, 5000), 0);
	assert_int_equal(auth_otp_resend_wait(1000, 900), 60);
}

/* A session outlives every token it issues, whichever lifetime is the
 * longer. */
static void
test_session_ttl_is_the_longer_lifetime(void **state)
{
	(void)state;
	assert_int_equal(auth_session_ttl(600, 86400), 86400);
	assert_int_equal(auth_session_ttl(86400, 600), 86400);
	assert_int_equal(auth_session_ttl(600, 600), 600);
}

/* Retry-After of the abuse limits: at least 1 s, never past the window. */
static void
test_retry_after_is_clamped_to_the_window(void **state)
{
	(void)state;
	assert_int_equal(auth_retry_after(0, 3600), 1);
	assert_int_equal(auth_retry_after(-5, 3600), 1);
	assert_int_equal(auth_retry_after(1, 3600), 1);
	assert_int_equal(auth_retry_after(599, 3600), 599);
	assert_int_equal(auth_retry_after(3600, 3600), 3600);
	assert_int_equal(auth_retry_after(90000, 3600), 3600);
}

static void
test_token_stamps_void_tokens_of_the_change_second(void **state)
{
	int64_t change = 1700000000, stamp = auth_tokens_void_before(change);

	(void)state;
	/* A token issued earlier in the very second of the change is void. */
	assert_true(change < stamp);
	/* One issued just after the change, in the same second, gets iat
	 * lifted to the stamp and stays valid. */
	assert_int_equal(auth_token_iat(change, stamp), stamp);
	assert_false(auth_token_iat(change, stamp) < stamp);
	/* Later tokens keep their own time. */
	assert_int_equal(auth_token_iat(change + 5, stamp), change + 5);
	assert_int_equal(auth_token_iat(change, 0), change);
}

static void
test_phone_is_valid_forms(void **state)
{
	(void)state;
	assert_true(auth_phone_is_valid("01516100100"));
	assert_true(auth_phone_is_valid("+8801516100100"));
	assert_true(auth_phone_is_valid("123456"));
	assert_false(auth_phone_is_valid("12345"));
	assert_false(auth_phone_is_valid("1234567890123456"));
	assert_false(auth_phone_is_valid("+"));
	assert_false(auth_phone_is_valid(""));
	assert_false(auth_phone_is_valid("0151 6100100"));
	assert_false(auth_phone_is_valid("++1234567"));
	assert_false(auth_phone_is_valid("12345678a"));
}

static void
test_username_is_valid_forms(void **state)
{
	(void)state;
	assert_true(auth_username_is_valid("dealer_1"));
	assert_true(auth_username_is_valid("J\xc3\xbcrgen"));
	assert_false(auth_username_is_valid(""));
	assert_false(auth_username_is_valid("a@b"));
	assert_false(auth_username_is_valid("a b"));
	assert_false(auth_username_is_valid("a\tb"));
}

static void
test_email_is_plausible_for_the_cli(void **state)
{
	(void)state;
	assert_true(auth_email_is_plausible("admin@localhost"));
	assert_true(auth_email_is_plausible("a.b@example.org"));
	assert_false(auth_email_is_plausible("admin"));
	assert_false(auth_email_is_plausible("@localhost"));
	assert_false(auth_email_is_plausible("admin@"));
	assert_false(auth_email_is_plausible("a@b@c"));
	assert_false(auth_email_is_plausible("a b@c"));
}

static void
test_split_name_first_space(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *first, *last;

	(void)state;
	auth_split_name(a, "Ikram Khan", &first, &last);
	assert_string_equal(first, "Ikram");
	assert_string_equal(last, "Khan");
	auth_split_name(a, "  Ana  Maria de Souza ", &first, &last);
	assert_string_equal(first, "Ana");
	assert_string_equal(last, "Maria de Souza");
	auth_split_name(a, "Cher", &first, &last);
	assert_string_equal(first, "Cher");
	assert_string_equal(last, "");
	cl_arena_free(a);
}

static void
test_seed_datetime_format(void **state)
{
	char buf[AUTH_SEED_DATETIME_BUF];

	(void)state;
	/* seed 000: "expiry_datetime":"2018-09-18 19-13-33.788942" */
	assert_string_equal(auth_seed_datetime(INT64_C(1537298013788942), buf),
	    "2018-09-18 19-13-33.788942");
	assert_string_equal(auth_seed_datetime(0, buf),
	    "1970-01-01 00-00-00.000000");
}

static void
test_scheme_parse_the_three_schemes(void **state)
{
	enum auth_scheme s;
	const char *cred;

	(void)state;
	assert_int_equal(auth_scheme_parse("Bearer abc", &s, &cred), CL_OK);
	assert_int_equal(s, AUTH_SCHEME_BEARER);
	assert_string_equal(cred, "abc");
	assert_int_equal(auth_scheme_parse("bearer  x.y.z", &s, &cred), CL_OK);
	assert_int_equal(s, AUTH_SCHEME_BEARER);
	assert_string_equal(cred, "x.y.z");
	assert_int_equal(auth_scheme_parse("JWT t", &s, &cred), CL_OK);
	assert_int_equal(s, AUTH_SCHEME_JWT);
	assert_int_equal(auth_scheme_parse("Token 00ff", &s, &cred), CL_OK);
	assert_int_equal(s, AUTH_SCHEME_TOKEN);
	assert_string_equal(cred, "00ff");
}

static void
test_scheme_parse_refuses_others(void **state)
{
	enum auth_scheme s;
	const char *cred;

	(void)state;
	assert_int_equal(auth_scheme_parse("Basic dXNlcjpwdw==", &s, &cred),
	    CL_EINVAL);
	assert_int_equal(auth_scheme_parse("Bearer", &s, &cred), CL_EINVAL);
	assert_int_equal(auth_scheme_parse("Bearer ", &s, &cred), CL_EINVAL);
	assert_int_equal(auth_scheme_parse("Bearerabc", &s, &cred), CL_EINVAL);
	assert_int_equal(auth_scheme_parse("Bearer a b", &s, &cred), CL_EINVAL);
	assert_int_equal(auth_scheme_parse("", &s, &cred), CL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_otp_is_usable_young_and_untried),
		cmocka_unit_test(test_otp_is_usable_expires_after_five_minutes),
		cmocka_unit_test(test_otp_is_usable_void_after_five_wrong_tries),
		cmocka_unit_test(test_otp_is_usable_refuses_a_future_code),
		cmocka_unit_test(test_otp_resend_wait_one_minute),
		cmocka_unit_test(test_token_stamps_void_tokens_of_the_change_second),
		cmocka_unit_test(test_session_ttl_is_the_longer_lifetime),
		cmocka_unit_test(test_retry_after_is_clamped_to_the_window),
		cmocka_unit_test(test_phone_is_valid_forms),
		cmocka_unit_test(test_username_is_valid_forms),
		cmocka_unit_test(test_email_is_plausible_for_the_cli),
		cmocka_unit_test(test_split_name_first_space),
		cmocka_unit_test(test_seed_datetime_format),
		cmocka_unit_test(test_scheme_parse_the_three_schemes),
		cmocka_unit_test(test_scheme_parse_refuses_others),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
