/* Money in integer cents. Text in, text out: the decimal the client or
 * MariaDB wrote is parsed digit by digit, never through a double. */
#include "config.h"

#include "core/money.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/banned.h"

int
cl_money_parse(const char *s, int64_t *cents)
{
	int64_t whole = 0, frac = 0;
	int sign = 1, digits = 0, fdigits = 0;

	if (s == NULL)
		return CL_EINVAL;
	if (*s == '-' || *s == '+') {
		sign = *s == '-' ? -1 : 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > CL_MONEY_MAX / 100)
			return CL_EINVAL;
	}
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++, fdigits++) {
			/* Trailing zeros past the cents are harmless
			 * ("1.500"); any other third decimal is not. */
			if (fdigits >= 2) {
				if (*s != '0')
					return CL_EINVAL;
				continue;
			}
			frac = frac * 10 + (*s - '0');
		}
		if (fdigits == 0)
			return CL_EINVAL;
	}
	if (*s != '\0' || digits == 0)
		return CL_EINVAL;
	if (fdigits == 1)
		frac *= 10;
	if (whole * 100 + frac > CL_MONEY_MAX)
		return CL_EINVAL;
	*cents = sign * (whole * 100 + frac);
	return CL_OK;
}

int
cl_money_from_json(const cJSON *item, int64_t *cents)
{
	char buf[64];
	double d;

	if (cJSON_IsString(item))
		return cl_money_parse(item->valuestring, cents);
	if (!cJSON_IsNumber(item))
		return CL_EINVAL;
	d = item->valuedouble;
	/* 15 significant digits round-trip through a double exactly; the
	 * bound keeps every accepted value inside that (DECIMAL(14,2) needs
	 * 14). */
	if (!isfinite(d) || fabs(d) >= 1e12)
		return CL_EINVAL;
	snprintf(buf, sizeof(buf), "%.15g", d);
	if (strchr(buf, 'e') != NULL) {
		/* Tiny values print with an exponent: 1e-05 has more than
		 * two decimals, so it cannot be money. */
		return d == 0 ? (*cents = 0, CL_OK) : CL_EINVAL;
	}
	return cl_money_parse(buf, cents);
}

char *
cl_money_format(int64_t cents, char *buf)
{
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, CL_MONEY_BUF, "%s%llu.%02llu", cents < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return buf;
}

cJSON *
cl_money_json_string(int64_t cents)
{
	char buf[CL_MONEY_BUF];
	cJSON *item = cJSON_CreateString(cl_money_format(cents, buf));

	if (item == NULL)
		abort();
	return item;
}

cJSON *
cl_money_json_number(int64_t cents)
{
	char buf[CL_MONEY_BUF];
	/* Raw keeps the two decimals the seeds show (500000.00); cJSON's
	 * own number printer would go through a double and drop them. */
	cJSON *item = cJSON_CreateRaw(cl_money_format(cents, buf));

	if (item == NULL)
		abort();
	return item;
}

int64_t
cl_money_muldiv(int64_t cents, int64_t num, int64_t den)
{
	__int128 p = (__int128)cents * num;
	__int128 q, r;

	if (den == 0)
		return 0;
	if (den < 0) {
		den = -den;
		p = -p;
	}
	q = p / den;
	r = p % den;
	/* Half away from zero: |r| * 2 >= den rounds the magnitude up. */
	if (r < 0)
		r = -r;
	if (r * 2 >= den)
		q += p < 0 ? -1 : 1;
	return (int64_t)q;
}
