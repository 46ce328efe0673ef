/* Module identity: random secrets and their digests through OpenSSL (API
 * tokens, apikeys, jtis, user_xids, OTP digits), and the constant-time
 * comparison every secret check goes through. */
#include "config.h"

#include "auth/auth.h"

#include "auth/internal.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/banned.h"

static void
hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

char *
auth_random_hex(struct cl_arena *a, size_t n)
{
	unsigned char buf[64];
	char *out;

	if (n > sizeof(buf) || RAND_bytes(buf, (int)n) != 1)
		return NULL;
	out = cl_arena_alloc(a, 2 * n + 1);
	hex(buf, n, out);
	OPENSSL_cleanse(buf, sizeof(buf));
	return out;
}

int
auth_uuid4(char *buf)
{
	unsigned char b[16];

	if (RAND_bytes(b, sizeof(b)) != 1)
		return CL_EIO;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(buf, AUTH_UUID_BUF,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	    b[10], b[11], b[12], b[13], b[14], b[15]);
	return CL_OK;
}

int
auth_otp_digits(char *buf)
{
	/* The largest multiple of 10^6 that fits in 32 bits: values at or
	 * above it are drawn again, so every code is equally likely. */
	const uint32_t bound = UINT32_C(4294000000);
	unsigned char b[4];
	uint32_t v;

	do {
		if (RAND_bytes(b, sizeof(b)) != 1)
			return CL_EIO;
		v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		    (uint32_t)b[2] << 8 | b[3];
	} while (v >= bound);
	snprintf(buf, 7, "%06u", (unsigned)(v % 1000000));
	return CL_OK;
}

void
auth_sha256_hex(const char *s, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL) != 1 ||
	    len != 32) {
		/* Never equal to a stored digest: 64 hex digits are. */
		out[0] = '\0';
		return;
	}
	hex(md, len, out);
}

void
auth_otp_hash(const char *key, const char *phone, const char *code,
    char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	char msg[64];
	int n;

	unsigned char otp_key[EVP_MAX_MD_SIZE];
	unsigned int klen = 0;
	static const char label[] = "clientele otp key v1";

	/* The OTP key is derived from the secret, not the secret itself:
	 * an HMAC of (phone, code) under the JWT key would be a value an
	 * attacker can ask for and that also signs tokens. */
	n = snprintf(msg, sizeof(msg), "otp:%s:%s", phone, code);
	if (n < 0 || (size_t)n >= sizeof(msg) ||
	    HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)label, sizeof(label) - 1, otp_key,
	    &klen) == NULL || klen != 32 ||
	    HMAC(EVP_sha256(), otp_key, (int)klen, (unsigned char *)msg,
	    (size_t)n, md, &len) == NULL || len != 32) {
		OPENSSL_cleanse(otp_key, sizeof(otp_key));
		out[0] = '\0';
		return;
	}
	OPENSSL_cleanse(otp_key, sizeof(otp_key));
	OPENSSL_cleanse(msg, sizeof(msg));
	hex(md, len, out);
}

bool
auth_secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n != strlen(b) || n == 0)
		return false;
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* auth.h: for other modules (livestream's Pusher signatures). */
void
auth_hmac_sha256_hex(const char *key, const char *msg, size_t len, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)msg, len, md, &mdlen) == NULL ||
	    mdlen != 32) {
		out[0] = '\0';
		return;
	}
	hex(md, mdlen, out);
}

bool
auth_equal_ct(const char *a, const char *b)
{
	return auth_secret_equal(a, b);
}

char *
auth_random_token(struct cl_arena *a, size_t n)
{
	return auth_random_hex(a, n);
}
