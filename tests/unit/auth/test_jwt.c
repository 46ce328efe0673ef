/* Unit tests of src/auth/jwt.c: HS256 tokens round-trip with their
 * claims, and every forgery of API.md §2 is refused with its reason:
 * alg none, another algorithm, a bad signature, a missing or mistyped
 * claim, an expired token, and a token of the wrong type. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth/internal.h"
#include "core/arena.h"

#define SECRET "unit-test-secret-0123456789abcdef"
#define NOW INT64_C(1700000000)

static const struct auth_claims access_claims = {
	.token_type = "access", .exp = NOW + 600, .iat = NOW,
	.jti = "2ebf9f6379ea4421bc05af3eef2e3be6", .user_id = 42,
};

/* base64url without padding, from a. */
static char *
b64url(struct cl_arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = cl_arena_alloc(a, (n + 2) / 3 * 4 + 1), *p;

	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)s, (int)n);
	for (p = out; *p; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=')
			*p = '\0';
	}
	return out;
}

/* The HS256 signature of text under key, base64url, from a: signed here
 * rather than by libjwt, so a header libjwt would not write can be. */
static char *
hs256(struct cl_arena *a, const char *key, const char *text)
{
	unsigned char md[32];
	unsigned int n = 0;
	char *out = cl_arena_alloc(a, 45), *p;

	assert_non_null(HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)text, strlen(text), md, &n));
	assert_int_equal(n, 32);
	EVP_EncodeBlock((unsigned char *)out, md, 32);
	for (p = out; *p; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=')
			*p = '\0';
	}
	return out;
}

/* A token signed by libjwt with any algorithm and grants JSON. */
static char *
libjwt_token(struct cl_arena *a, jwt_alg_t alg, const char *key,
    const char *grants)
{
	jwt_t *jwt;
	char *s, *out;

	assert_int_equal(jwt_new(&jwt), 0);
	assert_int_equal(jwt_set_alg(jwt, alg, (const unsigned char *)key,
	    (int)strlen(key)), 0);
	assert_int_equal(jwt_add_grants_json(jwt, grants), 0);
	s = jwt_encode_str(jwt);
	assert_non_null(s);
	out = cl_arena_strdup(a, s);
	free(s);
	jwt_free(jwt);
	return out;
}

static const char *
grants(struct cl_arena *a, const char *type, int64_t exp)
{
	return cl_arena_printf(a, "{\"token_type\":\"%s\",\"exp\":%lld,"
	    "\"iat\":%lld,\"jti\":\"abc\",\"user_id\":7}", type,
	    (long long)exp, (long long)NOW);
}

static void
test_jwt_round_trip(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	char *t = auth_jwt_encode(a, SECRET, &access_claims);

	(void)state;
	assert_non_null(t);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_OK);
	assert_string_equal(c.token_type, "access");
	assert_int_equal(c.exp, NOW + 600);
	assert_int_equal(c.iat, NOW);
	assert_string_equal(c.jti, access_claims.jti);
	assert_int_equal(c.user_id, 42);
	assert_null(c.user_xid);
	cl_arena_free(a);
}

static void
test_jwt_login_claims_of_seed_000(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims in = access_claims, c;
	char *t;

	(void)state;
	in.user_xid = "e4a2ece7-0b12-4a7d-89dd-8e62987292ae";
	in.roles_json = "[\"agent2\",\"admin\"]";
	in.mvp_user_id = "1014";
	in.username = "agent@example.com";
	in.issue_datetime = "2018-09-17 19-13-33.788682";
	in.expiry_datetime = "2018-09-18 19-13-33.788648";
	t = auth_jwt_encode(a, SECRET, &in);
	assert_non_null(t);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_OK);
	assert_string_equal(c.user_xid, in.user_xid);
	assert_string_equal(c.roles_json, in.roles_json);
	assert_string_equal(c.mvp_user_id, "1014");
	assert_string_equal(c.username, in.username);
	assert_string_equal(c.issue_datetime, in.issue_datetime);
	assert_string_equal(c.expiry_datetime, in.expiry_datetime);
	cl_arena_free(a);
}

static void
test_jwt_refuses_alg_none(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	const char *body = b64url(a, grants(a, "access", NOW + 60));
	char *t;

	(void)state;
	t = cl_arena_printf(a, "%s.%s.", b64url(a,
	    "{\"alg\":\"none\",\"typ\":\"JWT\"}"), body);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_MALFORMED);
	t = cl_arena_printf(a, "%s.%s.c2ln", b64url(a,
	    "{\"alg\":\"none\",\"typ\":\"JWT\"}"), body);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_ALG);
	t = cl_arena_printf(a, "%s.%s.c2ln", b64url(a,
	    "{\"alg\":\"hs256\",\"typ\":\"JWT\"}"), body);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_ALG);
	t = cl_arena_printf(a, "%s.%s.c2ln", b64url(a, "{\"typ\":\"JWT\"}"),
	    body);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_ALG);
	cl_arena_free(a);
}

static void
test_jwt_refuses_other_algorithms(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	char *t;

	(void)state;
	/* Signed with the right secret, but HS512 / HS384. */
	t = libjwt_token(a, JWT_ALG_HS512, SECRET, grants(a, "access",
	    NOW + 60));
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_ALG);
	t = libjwt_token(a, JWT_ALG_HS384, SECRET, grants(a, "access",
	    NOW + 60));
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_ALG);
	cl_arena_free(a);
}

static void
test_jwt_refuses_bad_signature(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	char *t = libjwt_token(a, JWT_ALG_HS256, "another secret",
	    grants(a, "access", NOW + 60));
	char *good = auth_jwt_encode(a, SECRET, &access_claims);
	char *dot;

	(void)state;
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_SIGNATURE);
	/* The payload of a good token swapped for another one. */
	dot = strchr(good, '.');
	t = cl_arena_printf(a, "%.*s.%s.%s", (int)(dot - good), good,
	    b64url(a, grants(a, "access", NOW + 60)), strrchr(good, '.') + 1);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_SIGNATURE);
	/* No secret configured: nothing verifies. */
	assert_int_equal(auth_jwt_decode(a, "", good, NOW, "access", &c),
	    AUTH_JWT_SIGNATURE);
	cl_arena_free(a);
}

/* The signature in its canonical base64url text only: a last character
 * differing in the two bits that encode nothing decodes to the same bytes,
 * and is refused (the token's text is what revocation and logs name). A
 * header whose typ is not JWT is refused as libjwt refused it. */
static void
test_jwt_refuses_noncanonical_signature(void **state)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	char *good = auth_jwt_encode(a, SECRET, &access_claims);
	char *t = cl_arena_strdup(a, good), *last = t + strlen(t) - 1;
	const char *at = strchr(alphabet, *last);

	(void)state;
	assert_non_null(at);
	assert_int_equal(strlen(strrchr(t, '.') + 1), 43);
	*last = alphabet[(at - alphabet) ^ 1];
	assert_int_equal(auth_jwt_decode(a, SECRET, good, NOW, "access", &c),
	    AUTH_JWT_OK);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_SIGNATURE);
	t = libjwt_token(a, JWT_ALG_HS256, SECRET, grants(a, "access",
	    NOW + 60));
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_OK);
	/* Signed here under typ "jwt" (any case passes), then "JOSE". */
	t = cl_arena_printf(a, "%s.%s", b64url(a,
	    "{\"alg\":\"HS256\",\"typ\":\"jwt\"}"),
	    b64url(a, grants(a, "access", NOW + 60)));
	t = cl_arena_printf(a, "%s.%s", t, hs256(a, SECRET, t));
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_OK);
	t = cl_arena_printf(a, "%s.%s", b64url(a,
	    "{\"alg\":\"HS256\",\"typ\":\"JOSE\"}"),
	    b64url(a, grants(a, "access", NOW + 60)));
	t = cl_arena_printf(a, "%s.%s", t, hs256(a, SECRET, t));
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW, "access", &c),
	    AUTH_JWT_SIGNATURE);
	cl_arena_free(a);
}

static void
test_jwt_refuses_expired(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	char *t = auth_jwt_encode(a, SECRET, &access_claims);

	(void)state;
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW + 599, "access",
	    &c), AUTH_JWT_OK);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW + 600, "access",
	    &c), AUTH_JWT_EXPIRED);
	assert_int_equal(auth_jwt_decode(a, SECRET, t, NOW + 86400, "access",
	    &c), AUTH_JWT_EXPIRED);
	cl_arena_free(a);
}

static void
test_jwt_refuses_wrong_type(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims in = access_claims, c;
	char *access = auth_jwt_encode(a, SECRET, &in), *refresh;

	(void)state;
	in.token_type = "refresh";
	refresh = auth_jwt_encode(a, SECRET, &in);
	assert_int_equal(auth_jwt_decode(a, SECRET, access, NOW, "refresh",
	    &c), AUTH_JWT_TYPE);
	assert_int_equal(auth_jwt_decode(a, SECRET, refresh, NOW, "access",
	    &c), AUTH_JWT_TYPE);
	assert_int_equal(auth_jwt_decode(a, SECRET, refresh, NOW, "refresh",
	    &c), AUTH_JWT_OK);
	cl_arena_free(a);
}

static void
test_jwt_refuses_missing_or_mistyped_claims(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	static const char *const bodies[] = {
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"user_id\":7}",
		"{\"token_type\":\"access\",\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"jti\":\"x\",\"user_id\":7}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\"}",
		"{\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":\"7\"}",
		"{\"token_type\":\"access\",\"exp\":1700000600.5,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":0}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"\",\"user_id\":7}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		assert_int_equal(auth_jwt_decode(a, SECRET, libjwt_token(a,
		    JWT_ALG_HS256, SECRET, bodies[i]), NOW, "access", &c),
		    AUTH_JWT_CLAIMS);
	cl_arena_free(a);
}

/* The session id (issue #9 item 3): optional, carried when set, and a
 * positive integer when present. */
static void
test_jwt_session_id_claim(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims in = access_claims, c;
	static const char *const bad[] = {
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7,\"sid\":0}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7,\"sid\":\"5\"}",
		"{\"token_type\":\"access\",\"exp\":1700000600,\"iat\":1700000000,\"jti\":\"x\",\"user_id\":7,\"sid\":-3}",
	};
	size_t i;

	(void)state;
	assert_int_equal(auth_jwt_decode(a, SECRET,
	    auth_jwt_encode(a, SECRET, &in), NOW, "access", &c), AUTH_JWT_OK);
	assert_int_equal(c.sid, 0);
	in.sid = 42;
	assert_int_equal(auth_jwt_decode(a, SECRET,
	    auth_jwt_encode(a, SECRET, &in), NOW, "access", &c), AUTH_JWT_OK);
	assert_int_equal(c.sid, 42);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(auth_jwt_decode(a, SECRET, libjwt_token(a,
		    JWT_ALG_HS256, SECRET, bad[i]), NOW, "access", &c),
		    AUTH_JWT_CLAIMS);
	cl_arena_free(a);
}

static void
test_jwt_refuses_malformed(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct auth_claims c;
	static const char *const tokens[] = {
		"", "abc", "a.b", "a.b.c.d", "..", "a..c", "!!!.e30.c2ln",
		"e30.e30.c2ln", "bm90IGpzb24.e30.c2ln",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		assert_int_not_equal(auth_jwt_decode(a, SECRET, tokens[i], NOW,
		    "access", &c), AUTH_JWT_OK);
	assert_int_equal(auth_jwt_decode(a, SECRET, "a.b", NOW, "access", &c),
	    AUTH_JWT_MALFORMED);
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jwt_round_trip),
		cmocka_unit_test(test_jwt_login_claims_of_seed_000),
		cmocka_unit_test(test_jwt_refuses_alg_none),
		cmocka_unit_test(test_jwt_refuses_other_algorithms),
		cmocka_unit_test(test_jwt_refuses_bad_signature),
		cmocka_unit_test(test_jwt_refuses_noncanonical_signature),
		cmocka_unit_test(test_jwt_refuses_expired),
		cmocka_unit_test(test_jwt_refuses_wrong_type),
		cmocka_unit_test(test_jwt_refuses_missing_or_mistyped_claims),
		cmocka_unit_test(test_jwt_refuses_malformed),
		cmocka_unit_test(test_jwt_session_id_claim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
