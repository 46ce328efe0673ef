/* Small cJSON helpers used by handlers and renderers: typed reads of an
 * object's members and adders that check for NULL values. */
#ifndef CL_CORE_JSON_H
#define CL_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* The member's string, or NULL when absent or not a string. */
const char *cl_json_str(const struct cJSON *obj, const char *key);

/* Adds key: s, or key: null when s is NULL. Returns obj. */
struct cJSON *cl_json_add_str(struct cJSON *obj, const char *key, const char *s);

/* Adds an integer exactly (cJSON stores doubles: exact below 2^53). */
struct cJSON *cl_json_add_int(struct cJSON *obj, const char *key, int64_t v);

/* A JSON number that is a whole integer in int64 range: true with *v. */
bool cl_json_int(const struct cJSON *item, int64_t *v);

/* True when s (len bytes) is well-formed UTF-8: no overlong forms, no
 * surrogates, nothing above U+10FFFF (cJSON does not check). Pure. */
bool cl_utf8_valid(const char *s, size_t len);

/* The code points of a NUL-terminated UTF-8 string, so that length limits
 * count characters, not bytes. Pure. */
size_t cl_utf8_len(const char *s);

/* Frees a cJSON tree (cleanup function for cl_arena_defer). */
void cl_json_free(void *tree);

#endif
