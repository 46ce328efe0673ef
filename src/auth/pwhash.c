/* Module identity: password hashes. scrypt through OpenSSL's
 * EVP_PBE_scrypt with a random 16-byte salt per hash; the parameters
 * travel in the string ("scrypt$15$8$3$<salt>$<hash>", base64), so they
 * can be raised later and old hashes still verify (and get rehashed at the
 * next login, see credentials.c). */
#include "config.h"

#include "auth/internal.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/banned.h"

#define SALT_LEN 16
#define KEY_LEN 32
#define B64_SALT 24               /* base64 of 16 bytes, with padding */
#define B64_KEY 44                /* base64 of 32 bytes, with padding */
#define MEM_LIMIT (UINT64_C(256) << 20)

struct params {
	unsigned	log2n;
	unsigned	r;
	unsigned	p;
	unsigned char	salt[SALT_LEN];
	unsigned char	key[KEY_LEN];
};

/* scrypt needs 128 * r * (N + p + 2) bytes; refuse parameters that would
 * need more than MEM_LIMIT (a hash string is data: it must not be able to
 * make a worker allocate gigabytes). */
static bool
params_are_sane(unsigned log2n, unsigned r, unsigned p)
{
	uint64_t n;

	if (log2n < 10 || log2n > 24 || r < 1 || r > 32 || p < 1 || p > 16)
		return false;
	n = UINT64_C(1) << log2n;
	return UINT64_C(128) * r * (n + p + 2) <= MEM_LIMIT;
}

static bool
derive(const char *password, const struct params *pa, unsigned char *key)
{
	uint64_t n = UINT64_C(1) << pa->log2n;
	uint64_t mem = UINT64_C(128) * pa->r * (n + pa->p + 2) + (1 << 20);

	return EVP_PBE_scrypt(password, strlen(password), pa->salt, SALT_LEN,
	    n, pa->r, pa->p, mem, key, KEY_LEN) == 1;
}

/* Decodes exactly want bytes from the base64 text s (len chars). */
static bool
b64_decode(const char *s, size_t len, unsigned char *out, size_t want)
{
	unsigned char buf[64];
	size_t pad = 0;
	int n;

	if (len == 0 || len % 4 != 0 || len / 4 * 3 > sizeof(buf))
		return false;
	if (s[len - 1] == '=')
		pad++;
	if (s[len - 2] == '=')
		pad++;
	n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (n < 0 || (size_t)n - pad != want)
		return false;
	memcpy(out, buf, want);
	return true;
}

static bool
read_uint(const char **s, unsigned *v)
{
	char *end;
	unsigned long n;

	if (**s < '0' || **s > '9')
		return false;
	errno = 0;
	n = strtoul(*s, &end, 10);
	if (errno != 0 || *end != '$' || n > 1000)
		return false;
	*v = (unsigned)n;
	*s = end + 1;
	return true;
}

/* Parses a hash string into pa. */
static bool
parse(const char *hash, struct params *pa)
{
	const char *s = hash, *dollar;

	if (strncmp(s, "scrypt$", 7) != 0)
		return false;
	s += 7;
	if (!read_uint(&s, &pa->log2n) || !read_uint(&s, &pa->r) ||
	    !read_uint(&s, &pa->p))
		return false;
	dollar = strchr(s, '$');
	if (dollar == NULL ||
	    !b64_decode(s, (size_t)(dollar - s), pa->salt, SALT_LEN) ||
	    !b64_decode(dollar + 1, strlen(dollar + 1), pa->key, KEY_LEN))
		return false;
	return params_are_sane(pa->log2n, pa->r, pa->p);
}

char *
auth_pwhash_make_params(struct cl_arena *a, const char *password,
    unsigned log2n, unsigned r, unsigned p)
{
	struct params pa = { .log2n = log2n, .r = r, .p = p };
	char salt[B64_SALT + 1], key[B64_KEY + 1];
	char *out = NULL;

	if (params_are_sane(log2n, r, p) &&
	    RAND_bytes(pa.salt, SALT_LEN) == 1 && derive(password, &pa, pa.key)) {
		EVP_EncodeBlock((unsigned char *)salt, pa.salt, SALT_LEN);
		EVP_EncodeBlock((unsigned char *)key, pa.key, KEY_LEN);
		out = cl_arena_printf(a, "scrypt$%u$%u$%u$%s$%s", log2n, r, p,
		    salt, key);
		OPENSSL_cleanse(key, sizeof(key));
	}
	OPENSSL_cleanse(&pa, sizeof(pa));
	return out;
}

char *
auth_pwhash_make(struct cl_arena *a, const char *password)
{
	return auth_pwhash_make_params(a, password, AUTH_SCRYPT_LOG2N,
	    AUTH_SCRYPT_R, AUTH_SCRYPT_P);
}

bool
auth_pwhash_verify(const char *hash, const char *password)
{
	struct params pa;
	unsigned char key[KEY_LEN];
	bool ok;

	if (hash == NULL || !parse(hash, &pa))
		return false;
	ok = derive(password, &pa, key) &&
	    CRYPTO_memcmp(key, pa.key, KEY_LEN) == 0;
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(&pa, sizeof(pa));
	return ok;
}

bool
auth_pwhash_needs_rehash(const char *hash)
{
	struct params pa;

	if (!parse(hash, &pa))
		return true;
	return pa.log2n < AUTH_SCRYPT_LOG2N || pa.r < AUTH_SCRYPT_R ||
	    pa.p < AUTH_SCRYPT_P;
}

const char *
auth_pwhash_dummy(void)
{
	/* Made once per process from random bytes nobody keeps. */
	static char dummy[128];

	if (dummy[0] == '\0') {
		struct cl_arena *a = cl_arena_new();
		char *pw = auth_random_hex(a, 16);
		char *h = pw ? auth_pwhash_make(a, pw) : NULL;

		snprintf(dummy, sizeof(dummy), "%s", h ? h :
		    "scrypt$15$8$3$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
		cl_arena_free(a);
	}
	return dummy;
}
