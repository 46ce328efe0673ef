/* Column tables: a field table (fields.h) whose entries name SQL columns.
 * From the one table: a result row read into the struct (the column count
 * checked, so a SELECT that drifts from the table is an error, not a wrong
 * cell), the struct bound for INSERT and UPDATE, the struct rendered to
 * JSON, and a check of written SQL against the table for the unit tests.
 * The SQL itself stays written out in each module's db.c. */
#ifndef CL_CORE_COLUMNS_H
#define CL_CORE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fields.h"

struct cJSON;
struct cl_arena;
struct cl_bind;
struct cl_rows;

/* The most parameters one statement of a column table binds. */
#define CL_COLS_MAX 64

/* The entries with a column, in table order: the SELECT list's length. */
size_t cl_cols_count(const struct cl_field *cols);

/* Reads row i of rows into dst by the table's column entries, in order.
 * Strings point into rows (the caller's arena). A row whose width is not
 * cl_cols_count, a NULL in a column not CL_NULLABLE (CL_F_ID reads NULL
 * as 0; numbers and booleans have no null: a SELECT that may give one, a
 * LEFT JOIN's sum, writes COALESCE(x, 0)), or text that does not parse
 * as its type: logged, CL_EDB. */
int cl_cols_read(const struct cl_field *cols, const struct cl_rows *rows,
    size_t i, void *dst);

/* Every row: *out is an array of rows->nrows structs of size bytes each,
 * allocated from a. */
int cl_cols_read_all(struct cl_arena *a, const struct cl_field *cols,
    const struct cl_rows *rows, size_t size, void **out);

/* Fills out (room for cap) with the binds of the column entries that have
 * the flag which (CL_INSERT or CL_UPDATE), in table order, from src; money
 * and rates are formatted into a. Returns how many it wrote (a table that
 * needs more than cap is a bug). */
size_t cl_cols_bind(struct cl_arena *a, const struct cl_field *cols,
    unsigned which, const void *src, struct cl_bind *out, size_t cap);

/* src as a new JSON object (the caller owns it): every entry that is not
 * CL_HIDDEN, in table order. Money "500.00", totals 500.00, rates "15.00",
 * datetimes ISO with Z, CL_F_ID 0 and NULL strings as null. Pure. */
struct cJSON *cl_cols_render(const struct cl_field *cols, const void *src);

/* n structs of size bytes each at src as a new JSON array. */
struct cJSON *cl_cols_render_all(const struct cl_field *cols,
    const void *src, size_t n, size_t size);

/* Checks written SQL against the table (unit tests): a SELECT's list must
 * name the column entries in order (an item's name is its alias after AS,
 * else the part after the last '.'); an INSERT's columns whose value is
 * "?" must be the CL_INSERT entries in order; an UPDATE's "col = ?"
 * assignments the CL_UPDATE entries in order. Returns NULL when they
 * agree, else a sentence saying where they differ, from a. Pure. */
const char *cl_cols_check_sql(struct cl_arena *a, const struct cl_field *cols,
    const char *sql);

#endif
