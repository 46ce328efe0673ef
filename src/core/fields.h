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

/* A field table describes one struct: each entry ties a JSON key, a struct
 * member and its type, the bounds a body must meet, and (for a column
 * table, columns.h) the SQL column that holds it. Written once, it drives
 * body validation here, and row reading, binding, rendering and the
 * OpenAPI schema elsewhere. */
enum cl_field_type {
	CL_F_STR,       /* const char *, length min..max (characters) */
	CL_F_INT,       /* int64_t, value min..max; a JSON integer or digit string */
	CL_F_MONEY,     /* int64_t cents, min..max in cents; rendered "500.00" */
	CL_F_BOOL,      /* bool; JSON true/false */
	CL_F_DATE,      /* const char * "YYYY-MM-DD", a real date */
	CL_F_EMAIL,     /* const char *, a plausible address, length min..max */
	CL_F_ID,        /* int64_t foreign id >= 1; 0 is SQL NULL / JSON null */
	CL_F_ENUM,      /* const char *, one of the entry's values */
	CL_F_RATE,      /* int64_t hundredths (15.00% is 1500); rendered "15.00" */
	CL_F_DATETIME,  /* const char *, MariaDB DATETIME text; rendered ISO */
	CL_F_TOTAL,     /* int64_t cents rendered as the number 500.00 (aggregates,
	                 * and seed 001's plan_amount); never read from a body */
};

enum cl_field_flag {
	CL_REQUIRED = 1 << 0,  /* absent: "This field is required." */
	CL_NULLABLE = 1 << 1,  /* JSON null accepted; stores NULL (or 0 for CL_F_ID) */
	CL_READONLY = 1 << 2,  /* never read from a body (ids, totals, audit) */
	CL_HIDDEN = 1 << 3,    /* never rendered (body-only inputs) */
	CL_INSERT = 1 << 4,    /* bound, in table order, by INSERT statements */
	CL_UPDATE = 1 << 5,    /* bound, in table order, by UPDATE statements */
};

/* Both writes bind it: the usual case for a client-settable column. */
#define CL_WRITE (CL_INSERT | CL_UPDATE)

struct cl_field {
	const char		*name;     /* JSON key */
	enum cl_field_type	type;
	size_t			offset;
	unsigned		flags;     /* enum cl_field_flag bits */
	int64_t			min;
	int64_t			max;
	const char		*column;   /* SQL column (columns.h); NULL: none */
	const char *const	*values;   /* CL_F_ENUM: allowed, NULL-terminated */
};

/* Body-only tables (no column). */
#define CL_STR(n, T, m, fl, lo, hi)   { (n), CL_F_STR, offsetof(T, m), (fl), (lo), (hi), NULL, NULL }
#define CL_INT(n, T, m, fl, lo, hi)   { (n), CL_F_INT, offsetof(T, m), (fl), (lo), (hi), NULL, NULL }
#define CL_MONEY(n, T, m, fl, lo, hi) { (n), CL_F_MONEY, offsetof(T, m), (fl), (lo), (hi), NULL, NULL }
#define CL_BOOL(n, T, m, fl)          { (n), CL_F_BOOL, offsetof(T, m), (fl), 0, 1, NULL, NULL }
#define CL_DATE(n, T, m, fl)          { (n), CL_F_DATE, offsetof(T, m), (fl), 0, 0, NULL, NULL }
#define CL_EMAIL(n, T, m, fl, lo, hi) { (n), CL_F_EMAIL, offsetof(T, m), (fl), (lo), (hi), NULL, NULL }

/* Column tables: the SQL column has the JSON key's name (write the entry
 * out with .column = "..." when it differs). CL_COL_PK is the row's own
 * id (never null); CL_COL_ID a reference to another row (0 is null). */
#define CL_COL_STR(n, T, m, fl, lo, hi)   { (n), CL_F_STR, offsetof(T, m), (fl), (lo), (hi), (n), NULL }
#define CL_COL_EMAIL(n, T, m, fl, lo, hi) { (n), CL_F_EMAIL, offsetof(T, m), (fl), (lo), (hi), (n), NULL }
#define CL_COL_INT(n, T, m, fl, lo, hi)   { (n), CL_F_INT, offsetof(T, m), (fl), (lo), (hi), (n), NULL }
#define CL_COL_PK(n, T, m)                { (n), CL_F_INT, offsetof(T, m), CL_READONLY, 1, INT64_MAX, (n), NULL }
#define CL_COL_ID(n, T, m, fl)            { (n), CL_F_ID, offsetof(T, m), (fl), 1, INT64_MAX, (n), NULL }
#define CL_COL_MONEY(n, T, m, fl, lo, hi) { (n), CL_F_MONEY, offsetof(T, m), (fl), (lo), (hi), (n), NULL }
#define CL_COL_RATE(n, T, m, fl, lo, hi)  { (n), CL_F_RATE, offsetof(T, m), (fl), (lo), (hi), (n), NULL }
#define CL_COL_TOTAL(n, T, m, fl)         { (n), CL_F_TOTAL, offsetof(T, m), (fl) | CL_READONLY, 0, 0, (n), NULL }
#define CL_COL_BOOL(n, T, m, fl)          { (n), CL_F_BOOL, offsetof(T, m), (fl), 0, 1, (n), NULL }
#define CL_COL_DATE(n, T, m, fl)          { (n), CL_F_DATE, offsetof(T, m), (fl), 0, 0, (n), NULL }
#define CL_COL_DATETIME(n, T, m, fl)      { (n), CL_F_DATETIME, offsetof(T, m), (fl) | CL_READONLY, 0, 0, (n), NULL }
#define CL_COL_ENUM(n, T, m, fl, vals)    { (n), CL_F_ENUM, offsetof(T, m), (fl), 0, 0, (n), (vals) }

enum cl_fields_mode {
	CL_FIELDS_FULL = 0,     /* POST, PUT: required fields must be present */
	CL_FIELDS_PARTIAL = 1,  /* PATCH: nothing is required */
};

/* Reads obj into dst by the table; CL_READONLY entries are skipped (a
 * client can never set them). Bit i of *present (may be NULL) is set
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

/* The entry named name, or NULL. */
const struct cl_field *cl_fields_find(const struct cl_field *fields,
    const char *name);

/* True when s is one of the NULL-terminated values. */
bool cl_is_one_of(const char *s, const char *const *values);

/* Loose address check: one '@', non-empty local part, a dot in the domain,
 * no spaces or control characters. */
bool cl_is_email(const char *s);

#endif
