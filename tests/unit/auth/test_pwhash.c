/* Unit tests of src/auth/pwhash.c: the scrypt hash string, its stored
 * parameters, verification and the refusal of malformed hashes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth/internal.h"
#include "core/arena.h"

/* "scrypt$15$8$3$<24 base64>$<44 base64>" */
static void
assert_format(const char *h, const char *prefix)
{
	const char *salt, *key;

	assert_non_null(h);
	assert_true(strncmp(h, prefix, strlen(prefix)) == 0);
	salt = h + strlen(prefix);
	key = strchr(salt, '$');
	assert_non_null(key);
	assert_int_equal(key - salt, 24);
	assert_int_equal(strlen(key + 1), 44);
}

static void
test_pwhash_format_holds_parameters(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_int_equal(AUTH_SCRYPT_LOG2N, 15);
	assert_int_equal(AUTH_SCRYPT_R, 8);
	assert_int_equal(AUTH_SCRYPT_P, 3);
	assert_format(auth_pwhash_make(a, "correct horse"), "scrypt$15$8$3$");
	assert_format(auth_pwhash_make_params(a, "x", 10, 4, 2),
	    "scrypt$10$4$2$");
	cl_arena_free(a);
}

static void
test_pwhash_verify_right_and_wrong(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *h = auth_pwhash_make(a, "correct horse");

	(void)state;
	assert_true(auth_pwhash_verify(h, "correct horse"));
	assert_false(auth_pwhash_verify(h, "correct horsE"));
	assert_false(auth_pwhash_verify(h, ""));
	assert_false(auth_pwhash_verify(h, "correct horse "));
	cl_arena_free(a);
}

static void
test_pwhash_salts_differ(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *h1 = auth_pwhash_make_params(a, "same", 10, 8, 1);
	const char *h2 = auth_pwhash_make_params(a, "same", 10, 8, 1);

	(void)state;
	assert_string_not_equal(h1, h2);
	assert_true(auth_pwhash_verify(h1, "same"));
	assert_true(auth_pwhash_verify(h2, "same"));
	cl_arena_free(a);
}

static void
test_pwhash_old_parameters_verify_and_need_rehash(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *old = auth_pwhash_make_params(a, "pw-of-2019", 12, 8, 1);

	(void)state;
	assert_true(auth_pwhash_verify(old, "pw-of-2019"));
	assert_true(auth_pwhash_needs_rehash(old));
	assert_false(auth_pwhash_needs_rehash(auth_pwhash_make(a, "new")));
	assert_true(auth_pwhash_needs_rehash("pbkdf2_sha256$1$x$y"));
	cl_arena_free(a);
}

static void
test_pwhash_refuses_malformed_and_absurd(void **state)
{
	struct cl_arena *a = cl_arena_new();
	char *h = auth_pwhash_make_params(a, "pw", 10, 8, 1);
	char *bad;

	(void)state;
	assert_false(auth_pwhash_verify(NULL, "pw"));
	assert_false(auth_pwhash_verify("", "pw"));
	assert_false(auth_pwhash_verify("scrypt$", "pw"));
	assert_false(auth_pwhash_verify("scrypt$10$8$1$$", "pw"));
	assert_false(auth_pwhash_verify("plain:pw", "pw"));
	/* Parameters that would need gigabytes are refused, not tried. */
	bad = cl_arena_printf(a, "scrypt$30$8$1$%s", h + strlen("scrypt$10$8$1$"));
	assert_false(auth_pwhash_verify(bad, "pw"));
	bad = cl_arena_printf(a, "scrypt$20$32$1$%s", h + strlen("scrypt$10$8$1$"));
	assert_false(auth_pwhash_verify(bad, "pw"));
	/* A changed digit of the key is a different hash. */
	bad = cl_arena_strdup(a, h);
	bad[strlen(bad) - 3] = bad[strlen(bad) - 3] == 'A' ? 'B' : 'A';
	assert_false(auth_pwhash_verify(bad, "pw"));
	/* A key of the wrong length. */
	bad = cl_arena_printf(a, "%.*s", (int)strlen(h) - 4, h);
	assert_false(auth_pwhash_verify(bad, "pw"));
	cl_arena_free(a);
}

static void
test_pwhash_dummy_is_well_formed(void **state)
{
	(void)state;
	assert_format(auth_pwhash_dummy(), "scrypt$15$8$3$");
	assert_false(auth_pwhash_verify(auth_pwhash_dummy(), ""));
	assert_false(auth_pwhash_needs_rehash(auth_pwhash_dummy()));
}

/* The OTP hash is keyed with a key derived from the JWT secret, never
 * the secret itself (values computed with Python's hmac module). */
static void
test_pwhash_otp_hash_uses_a_derived_key(void **state)
{
	char out[AUTH_HEX_SHA256];
	char key[33];

	(void)state;
	memset(key, 'k', 32);
	key[32] = '\0';
	auth_otp_hash(key, "+8801700000000", "123456", out);
	assert_string_equal(out, "44cbb0415742ffebfca1810894aa9133"
	    "ecd24dc03825b192a0072617ffe686bf");
	/* Not HMAC(secret, message), which is what it used to be. */
	assert_string_not_equal(out, "f4e8f4e82264a56bf7b3b01d4a3e5d04"
	    "9fd03235e5fb713077d753bea44399f8");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pwhash_format_holds_parameters),
		cmocka_unit_test(test_pwhash_verify_right_and_wrong),
		cmocka_unit_test(test_pwhash_salts_differ),
		cmocka_unit_test(test_pwhash_old_parameters_verify_and_need_rehash),
		cmocka_unit_test(test_pwhash_refuses_malformed_and_absurd),
		cmocka_unit_test(test_pwhash_dummy_is_well_formed),
		cmocka_unit_test(test_pwhash_otp_hash_uses_a_derived_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
