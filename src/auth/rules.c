/* Module identity: the pure rules (OTP life, token stamps, phone and
 * username forms, seed 000 datetimes, Authorization schemes), kept apart
 * from I/O so that tests/unit/auth/test_rules.c checks each of them. */
#include "config.h"

#include "auth/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/banned.h"

bool
auth_otp_is_usable(int64_t created, int64_t now, int64_t tries)
{
	return tries < AUTH_OTP_TRIES && now >= created &&
	    now - created < AUTH_OTP_LIFE;
}

int64_t
auth_otp_resend_wait(int64_t created, int64_t now)
{
	int64_t age = now - created;

	if (age < 0)
		return AUTH_OTP_RESEND;
	return age >= AUTH_OTP_RESEND ? 0 : AUTH_OTP_RESEND - age;
}

int64_t
auth_token_iat(int64_t now, int64_t valid_after)
{
	return now < valid_after ? valid_after : now;
}

int64_t
auth_tokens_void_before(int64_t now)
{
	return now + 1;
}

bool
auth_phone_is_valid(const char *s)
{
	size_t digits = 0;

	if (*s == '+')
		s++;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		digits++;
	}
	return digits >= 6 && digits <= 15;
}

bool
auth_email_is_plausible(const char *s)
{
	const char *at = strchr(s, '@'), *p;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return p - s <= 254;
}

bool
auth_username_is_valid(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= ' ' || c == 0x7f || c == '@')
			return false;
		if ((c & 0xc0) != 0x80)
			n++;
	}
	return n >= 1 && n <= 150;
}

void
auth_split_name(struct cl_arena *a, const char *name, const char **first,
    const char **last)
{
	const char *sp, *rest;
	size_t n;

	while (*name == ' ')
		name++;
	sp = strchr(name, ' ');
	if (sp == NULL) {
		*first = cl_arena_strdup(a, name);
		*last = "";
		return;
	}
	*first = cl_arena_strndup(a, name, (size_t)(sp - name));
	for (rest = sp; *rest == ' '; rest++)
		;
	n = strlen(rest);
	while (n > 0 && rest[n - 1] == ' ')
		n--;
	*last = cl_arena_strndup(a, rest, n);
}

char *
auth_seed_datetime(int64_t us, char *buf)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, AUTH_SEED_DATETIME_BUF, "1970-01-01 00-00-00.000000");
		return buf;
	}
	snprintf(buf, AUTH_SEED_DATETIME_BUF,
	    "%04d-%02d-%02d %02d-%02d-%02d.%06lld", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long long)(us % 1000000));
	return buf;
}

int
auth_scheme_parse(const char *header, enum auth_scheme *scheme,
    const char **cred)
{
	static const struct {
		const char		*name;
		enum auth_scheme	scheme;
	} schemes[] = {
		{ "Bearer", AUTH_SCHEME_BEARER },
		{ "JWT", AUTH_SCHEME_JWT },
		{ "Token", AUTH_SCHEME_TOKEN },
	};
	size_t i, n;

	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		n = strlen(schemes[i].name);
		if (strncasecmp(header, schemes[i].name, n) != 0 ||
		    header[n] != ' ')
			continue;
		header += n;
		while (*header == ' ')
			header++;
		if (*header == '\0' || strchr(header, ' ') != NULL)
			return CL_EINVAL;
		*scheme = schemes[i].scheme;
		*cred = header;
		return CL_OK;
	}
	return CL_EINVAL;
}

int64_t
auth_session_ttl(int64_t access_ttl, int64_t refresh_ttl)
{
	return access_ttl > refresh_ttl ? access_ttl : refresh_ttl;
}

int64_t
auth_retry_after(int64_t wait, int64_t window)
{
	if (wait < 1)
		return 1;
	return wait > window ? window : wait;
}
