/* cJSON helpers: typed member reads and adders. */
#include "config.h"

#include "core/json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/banned.h"

const char *
cl_json_str(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

cJSON *
cl_json_add_str(cJSON *obj, const char *key, const char *s)
{
	cJSON *item = s ? cJSON_CreateString(s) : cJSON_CreateNull();

	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort(); /* out of memory: the worker restarts */
	return obj;
}

cJSON *
cl_json_add_int(cJSON *obj, const char *key, int64_t v)
{
	cJSON *item;
	char buf[32];

	/* cJSON holds numbers as doubles, exact only below 2^53; beyond
	 * that print the digits ourselves. */
	if (v > (INT64_C(1) << 53) || v < -(INT64_C(1) << 53)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
		item = cJSON_CreateRaw(buf);
	} else {
		item = cJSON_CreateNumber((double)v);
	}
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort();
	return obj;
}

bool
cl_json_int(const cJSON *item, int64_t *v)
{
	double d;

	if (!cJSON_IsNumber(item))
		return false;
	d = item->valuedouble;
	if (!isfinite(d) || d != floor(d) || d > 9007199254740992.0 ||
	    d < -9007199254740992.0)
		return false;
	*v = (int64_t)d;
	return true;
}

bool
cl_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p, n, i;
		uint32_t cp;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false; /* continuation byte, 0xc0/0xc1 or > 0xf4 */
		}
		if ((size_t)(end - p) <= n)
			return false;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		p += n + 1;
	}
	return true;
}

void
cl_json_free(void *tree)
{
	cJSON_Delete(tree);
}

size_t
cl_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
