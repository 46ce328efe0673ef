/* Module identity: JSON Web Tokens, HS256 only. Encoding goes through
 * libjwt. Decoding, on every authenticated request, reads the token once:
 * the header's alg is checked first, so "none", HS512 or RS256 are
 * refused whatever a library would accept; the signature is recomputed
 * with OpenSSL's HMAC-SHA256 and compared in constant time with the
 * token's, in its canonical base64url text; then the payload is decoded
 * and parsed once with cJSON, so a mistyped claim is refused too. (libjwt
 * decoded with jansson, and the claims were printed and parsed again.) */
#include "config.h"

#include "auth/internal.h"

#include <cjson/cJSON.h>
#include <jwt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define HEADER_MAX 512    /* base64url characters of a header we read */
#define PAYLOAD_MAX 8192  /* and of a payload (ours are under 1,000) */
#define SIG_LEN 43        /* base64url characters of an HS256 signature */

/* Decodes base64url text s (len chars, no padding, at most max) into a
 * NUL-terminated arena string; NULL when it is not base64url. */
static char *
b64url_decode(struct cl_arena *a, const char *s, size_t len, size_t max)
{
	char *buf;
	unsigned char *out;
	size_t i, pad;
	int n;

	if (len == 0 || len > max || len % 4 == 1)
		return NULL;
	buf = cl_arena_alloc(a, len + 4);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9')))
			return NULL;
		buf[i] = c;
	}
	pad = (4 - len % 4) % 4;
	for (i = 0; i < pad; i++)
		buf[len + i] = '=';
	out = cl_arena_alloc(a, (len + pad) / 4 * 3 + 1);
	n = EVP_DecodeBlock(out, (unsigned char *)buf, (int)(len + pad));
	if (n < 0 || (size_t)n < pad)
		return NULL;
	out[(size_t)n - pad] = '\0';
	return (char *)out;
}

/* The header must be a JSON object whose alg is exactly "HS256". */
static enum auth_jwt_status
check_header(struct cl_arena *a, const char *token)
{
	const char *dot1 = strchr(token, '.'), *dot2, *alg;
	char *text;
	cJSON *h, *typ;
	enum auth_jwt_status st;

	if (dot1 == NULL || (dot2 = strchr(dot1 + 1, '.')) == NULL ||
	    strchr(dot2 + 1, '.') != NULL || dot2 == dot1 + 1 ||
	    dot2[1] == '\0')
		return AUTH_JWT_MALFORMED;
	text = b64url_decode(a, token, (size_t)(dot1 - token), HEADER_MAX);
	if (text == NULL || (h = cJSON_Parse(text)) == NULL)
		return AUTH_JWT_MALFORMED;
	alg = cl_json_str(h, "alg");
	typ = cJSON_GetObjectItemCaseSensitive(h, "typ");
	if (!cJSON_IsObject(h))
		st = AUTH_JWT_MALFORMED;
	else if (alg == NULL || strcmp(alg, "HS256") != 0)
		st = AUTH_JWT_ALG;
	else if (typ != NULL && (!cJSON_IsString(typ) ||
	    strcasecmp(typ->valuestring, "JWT") != 0))
		/* What libjwt refused, as it did: not verifiable. */
		st = AUTH_JWT_SIGNATURE;
	else
		st = AUTH_JWT_OK;
	cJSON_Delete(h);
	return st;
}

static const char *
claim_str(struct cl_arena *a, const cJSON *g, const char *name)
{
	return cl_arena_strdup(a, cl_json_str(g, name));
}

static bool
claim_int(const cJSON *g, const char *name, int64_t *v)
{
	return cl_json_int(cJSON_GetObjectItemCaseSensitive(g, name), v);
}

/* Reads the claims of a verified token's payload (base64url text of len
 * characters) into c. */
static enum auth_jwt_status
read_claims(struct cl_arena *a, const char *payload, size_t len,
    struct auth_claims *c)
{
	char *json = b64url_decode(a, payload, len, PAYLOAD_MAX);
	cJSON *g, *roles;
	enum auth_jwt_status st = AUTH_JWT_CLAIMS;

	if (json == NULL || (g = cJSON_Parse(json)) == NULL)
		return AUTH_JWT_CLAIMS;
	if (!cJSON_IsObject(g)) {
		cJSON_Delete(g);
		return AUTH_JWT_CLAIMS;
	}
	memset(c, 0, sizeof(*c));
	c->token_type = claim_str(a, g, "token_type");
	c->jti = claim_str(a, g, "jti");
	if (c->token_type != NULL && c->jti != NULL && c->jti[0] != '\0' &&
	    strlen(c->jti) <= 64 && claim_int(g, "exp", &c->exp) &&
	    claim_int(g, "iat", &c->iat) &&
	    claim_int(g, "user_id", &c->user_id) && c->user_id > 0)
		st = AUTH_JWT_OK;
	/* sid is optional (tokens of no session); when present, a positive
	 * integer. */
	if (cJSON_GetObjectItemCaseSensitive(g, "sid") != NULL &&
	    (!claim_int(g, "sid", &c->sid) || c->sid <= 0))
		st = AUTH_JWT_CLAIMS;
	c->user_xid = claim_str(a, g, "user_xid");
	c->mvp_user_id = claim_str(a, g, "mvp_user_id");
	c->username = claim_str(a, g, "username");
	c->issue_datetime = claim_str(a, g, "issue_datetime");
	c->expiry_datetime = claim_str(a, g, "expiry_datetime");
	roles = cJSON_GetObjectItemCaseSensitive(g, "roles");
	if (cJSON_IsArray(roles)) {
		char *s = cJSON_PrintUnformatted(roles);

		if (s != NULL) {
			c->roles_json = cl_arena_strdup(a, s);
			cJSON_free(s);
		}
	}
	cJSON_Delete(g);
	return st;
}

/* Whether sig (len characters) is the HS256 signature of the len_in
 * characters of signed under secret, compared as base64url text in
 * constant time: the canonical encoding only. */
static bool
signature_ok(const char *secret, const char *signed_part, size_t len_in,
    const char *sig, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
	unsigned int mdlen = 0;
	size_t i;

	if (len != SIG_LEN ||
	    HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)signed_part, len_in, md, &mdlen) == NULL ||
	    mdlen != 32 || EVP_EncodeBlock(b64, md, (int)mdlen) != SIG_LEN + 1)
		return false;
	for (i = 0; i < SIG_LEN; i++)
		b64[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	return CRYPTO_memcmp(b64, sig, SIG_LEN) == 0;
}

enum auth_jwt_status
auth_jwt_decode(struct cl_arena *a, const char *secret, const char *token,
    int64_t now, const char *want_type, struct auth_claims *c)
{
	const char *dot1, *dot2;
	enum auth_jwt_status st;

	if (secret == NULL || secret[0] == '\0')
		return AUTH_JWT_SIGNATURE;
	st = check_header(a, token);
	if (st != AUTH_JWT_OK)
		return st;
	/* check_header saw exactly two dots and non-empty parts. */
	dot1 = strchr(token, '.');
	dot2 = strchr(dot1 + 1, '.');
	if (!signature_ok(secret, token, (size_t)(dot2 - token), dot2 + 1,
	    strlen(dot2 + 1)))
		return AUTH_JWT_SIGNATURE;
	st = read_claims(a, dot1 + 1, (size_t)(dot2 - dot1 - 1), c);
	if (st != AUTH_JWT_OK)
		return st;
	if (c->exp <= now)
		return AUTH_JWT_EXPIRED;
	if (strcmp(c->token_type, want_type) != 0)
		return AUTH_JWT_TYPE;
	return AUTH_JWT_OK;
}

/* Adds the seed 000 claims of c that are set. */
static bool
add_login_claims(jwt_t *jwt, struct cl_arena *a, const struct auth_claims *c)
{
	if (c->user_xid && jwt_add_grant(jwt, "user_xid", c->user_xid) != 0)
		return false;
	if (c->roles_json && jwt_add_grants_json(jwt,
	    cl_arena_printf(a, "{\"roles\":%s}", c->roles_json)) != 0)
		return false;
	if (c->mvp_user_id &&
	    jwt_add_grant(jwt, "mvp_user_id", c->mvp_user_id) != 0)
		return false;
	if (c->username && jwt_add_grant(jwt, "username", c->username) != 0)
		return false;
	if (c->issue_datetime &&
	    jwt_add_grant(jwt, "issue_datetime", c->issue_datetime) != 0)
		return false;
	if (c->expiry_datetime &&
	    jwt_add_grant(jwt, "expiry_datetime", c->expiry_datetime) != 0)
		return false;
	return true;
}

char *
auth_jwt_encode(struct cl_arena *a, const char *secret,
    const struct auth_claims *c)
{
	jwt_t *jwt = NULL;
	char *s = NULL, *out = NULL;

	if (secret == NULL || secret[0] == '\0' || jwt_new(&jwt) != 0)
		return NULL;
	if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)secret,
	    (int)strlen(secret)) == 0 &&
	    jwt_add_grant(jwt, "token_type", c->token_type) == 0 &&
	    jwt_add_grant_int(jwt, "exp", (long)c->exp) == 0 &&
	    jwt_add_grant_int(jwt, "iat", (long)c->iat) == 0 &&
	    jwt_add_grant(jwt, "jti", c->jti) == 0 &&
	    jwt_add_grant_int(jwt, "user_id", (long)c->user_id) == 0 &&
	    (c->sid <= 0 || jwt_add_grant_int(jwt, "sid", (long)c->sid) == 0) &&
	    add_login_claims(jwt, a, c))
		s = jwt_encode_str(jwt);
	if (s != NULL) {
		out = cl_arena_strdup(a, s);
		free(s);
	}
	jwt_free(jwt);
	return out;
}

char *
auth_jwt_issue(struct cl_arena *a, const struct auth_user *u,
    const char *type, int64_t ttl, int64_t sid, const char *jti,
    int64_t *exp)
{
	struct auth_claims c = {
		.token_type = type, .user_id = u->id, .sid = sid,
	};

	c.jti = jti != NULL ? jti : auth_random_hex(a, 16);
	if (c.jti == NULL)
		return NULL;
	c.iat = auth_token_iat(cl_now(), u->tokens_valid_after);
	c.exp = c.iat + ttl;
	*exp = c.exp;
	return auth_jwt_encode(a, auth_conf.jwt_secret, &c);
}
