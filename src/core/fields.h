/* Body validation against a field table. The table is the allowlist: a
 * field not listed is never read, so clients cannot set ids, totals or
 * owners (no mass assignment). Problems go to API.md's "errors" object. */
#ifndef CL_CORE_FIELDS_H
#define CL_CORE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;
struct cl_arena;
struct cl_req;

enum cl_field_type {
	CL_F_STR,    /* const char *, length min..max (UTF-8 bytes) */
	CL_F_INT,    /* int64_t, value min..max; a JSON integer or digit string */
	CL_F_MONEY,  /* int64_t cents, min..max in cents; string or number */
	CL_F_BOOL,   /* bool; JSON true/false */
	CL_F_DATE,   /* const char * "YYYY-MM-DD", a real date */
	CL_F_EMAIL,  /* const char *, a plausible address, length min..max */
};

enum cl_field_flag {
	CL_REQUIRED = 1 << 0,  /* absent: "This field is required." */
	CL_NULLABLE = 1 << 1,  /* JSON null accepted: leaves the default, bit set */
};

struct cl_field {
	const char		*name;
	enum cl_field_type	type;
	size_t			offset;
	unsigned		flags;
	int64_t			min;
	int64_t			max;
};

#define CL_STR(n, T, m, fl, lo, hi)   { (n), CL_F_STR, offsetof(T, m), (fl), (lo), (hi) }
#define CL_INT(n, T, m, fl, lo, hi)   { (n), CL_F_INT, offsetof(T, m), (fl), (lo), (hi) }
#define CL_MONEY(n, T, m, fl, lo, hi) { (n), CL_F_MONEY, offsetof(T, m), (fl), (lo), (hi) }
#define CL_BOOL(n, T, m, fl)          { (n), CL_F_BOOL, offsetof(T, m), (fl), 0, 1 }
#define CL_DATE(n, T, m, fl)          { (n), CL_F_DATE, offsetof(T, m), (fl), 0, 0 }
#define CL_EMAIL(n, T, m, fl, lo, hi) { (n), CL_F_EMAIL, offsetof(T, m), (fl), (lo), (hi) }

enum cl_fields_mode {
	CL_FIELDS_FULL = 0,     /* POST, PUT: required fields must be present */
	CL_FIELDS_PARTIAL = 1,  /* PATCH: nothing is required */
};

/* Reads obj into dst by the table. Bit i of *present (may be NULL) is set
 * when fields[i] was given (at most 64 fields). Problems are added to
 * errors (a cJSON object, field -> [problem]). Strings are copied into a.
 * Returns CL_OK, or CL_EINVAL when any problem was recorded. Pure. */
int cl_fields_read(struct cl_arena *a, const struct cl_field *fields,
    const struct cJSON *obj, void *dst, enum cl_fields_mode mode,
    uint64_t *present, struct cJSON *errors);

/* cl_fields_read on r->json; on problems records 400 validation_error with
 * them and returns 400, else 0. */
int cl_fields_or_reply(struct cl_req *r, const struct cl_field *fields,
    void *dst, enum cl_fields_mode mode, uint64_t *present);

/* True when bit i of present is set for the field named name. */
bool cl_fields_given(const struct cl_field *fields, uint64_t present,
    const char *name);

/* Loose address check: one '@', non-empty local part, a dot in the domain,
 * no spaces or control characters. */
bool cl_is_email(const char *s);

#endif
