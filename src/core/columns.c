/* Column tables: rows into structs, structs into binds and JSON, and the
 * check of written SQL against the table. Everything here is pure but
 * for the log line a drifted row earns. */
#include "config.h"

#include "core/columns.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"
#include "core/query.h"
#include "core/timeutil.h"
#include "core/banned.h"

size_t
cl_cols_count(const struct cl_field *cols)
{
	size_t n = 0;

	for (; cols->name; cols++)
		if (cols->column)
			n++;
	return n;
}

/* One cell into its slot; NULL cells only where the table allows them. */
static int
read_cell(const struct cl_field *f, const char *v, char *slot)
{
	int64_t n;

	if (v == NULL) {
		if (f->type == CL_F_ID) {
			*(int64_t *)slot = 0;
			return CL_OK;
		}
		if (!(f->flags & CL_NULLABLE))
			return CL_EINVAL;
		switch (f->type) {
		case CL_F_STR:
		case CL_F_EMAIL:
		case CL_F_ENUM:
		case CL_F_DATE:
		case CL_F_DATETIME:
			*(const char **)slot = NULL;
			return CL_OK;
		default:
			return CL_EINVAL; /* no null for numbers: a drifted
			                     table */
		}
	}
	switch (f->type) {
	case CL_F_INT:
	case CL_F_ID:
		if (cl_parse_int(v, &n) != CL_OK)
			return CL_EINVAL;
		*(int64_t *)slot = n;
		return CL_OK;
	case CL_F_MONEY:
	case CL_F_RATE:
	case CL_F_TOTAL:
		return cl_money_parse(v, (int64_t *)slot);
	case CL_F_BOOL:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			return CL_EINVAL;
		*(bool *)slot = v[0] == '1';
		return CL_OK;
	case CL_F_DATE:
		if (cl_date_parse(v, &n) != CL_OK)
			return CL_EINVAL;
		*(const char **)slot = v;
		return CL_OK;
	case CL_F_STR:
	case CL_F_EMAIL:
	case CL_F_ENUM:
	case CL_F_DATETIME:
		*(const char **)slot = v;
		return CL_OK;
	}
	return CL_EINVAL;
}

int
cl_cols_read(const struct cl_field *cols, const struct cl_rows *rows, size_t i,
    void *dst)
{
	const struct cl_field *f;
	unsigned c = 0;

	if (rows->ncols != cl_cols_count(cols)) {
		cl_log_msg("error",
		    "a row has %u columns, its table %zu (first: %s)",
		    rows->ncols, cl_cols_count(cols), cols->name);
		return CL_EDB;
	}
	for (f = cols; f->name; f++) {
		if (!f->column)
			continue;
		if (read_cell(f, CL_ROW(rows, i, c), (char *)dst + f->offset) !=
		    CL_OK) {
			cl_log_msg("error",
			    "column %s: %s is not a valid value", f->column,
			    CL_ROW(rows, i, c) ? "the text" : "NULL");
			return CL_EDB;
		}
		c++;
	}
	return CL_OK;
}

int
cl_cols_read_all(struct cl_arena *a, const struct cl_field *cols,
    const struct cl_rows *rows, size_t size, void **out)
{
	char *arr = cl_arena_alloc(a, (rows->nrows ? rows->nrows : 1) * size);
	size_t i;
	int rc;

	for (i = 0; i < rows->nrows; i++)
		if ((rc = cl_cols_read(cols, rows, i, arr + i * size)) != CL_OK)
			return rc;
	*out = arr;
	return CL_OK;
}

static struct cl_bind
bind_cell(struct cl_arena *a, const struct cl_field *f, const char *slot)
{
	int64_t v;

	switch (f->type) {
	case CL_F_INT:
		return cl_bind_int(*(const int64_t *)slot);
	case CL_F_ID:
		v = *(const int64_t *)slot;
		return v > 0 ? cl_bind_int(v) : CL_BIND_NULL;
	case CL_F_MONEY:
	case CL_F_RATE:
	case CL_F_TOTAL:
		return cl_bind_str(cl_money_format(
		    *(const int64_t *)slot, cl_arena_alloc(a, CL_MONEY_BUF)));
	case CL_F_BOOL:
		return CL_BIND_BOOL(*(const bool *)slot);
	case CL_F_STR:
	case CL_F_EMAIL:
	case CL_F_ENUM:
	case CL_F_DATE:
	case CL_F_DATETIME:
		return cl_bind_str(*(const char *const *)slot);
	}
	return CL_BIND_NULL;
}

size_t
cl_cols_bind(struct cl_arena *a, const struct cl_field *cols, unsigned which,
    const void *src, struct cl_bind *out, size_t cap)
{
	const struct cl_field *f;
	size_t n = 0;

	for (f = cols; f->name; f++) {
		if (!f->column || !(f->flags & which))
			continue;
		if (n == cap)
			CL_BUG("column table %s binds more than %zu",
			    cols->name, cap);
		out[n++] = bind_cell(a, f, (const char *)src + f->offset);
	}
	return n;
}

static void
add(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort();
}

cJSON *
cl_cols_render(const struct cl_field *cols, const void *src)
{
	const struct cl_field *f;
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL)
		abort();
	for (f = cols; f->name; f++) {
		const char *slot = (const char *)src + f->offset;
		char buf[CL_DATETIME_BUF];
		int64_t v;

		if (f->flags & CL_HIDDEN)
			continue;
		switch (f->type) {
		case CL_F_INT:
			cl_json_add_int(obj, f->name, *(const int64_t *)slot);
			break;
		case CL_F_ID:
			v = *(const int64_t *)slot;
			if (v > 0)
				cl_json_add_int(obj, f->name, v);
			else
				add(obj, f->name, cJSON_CreateNull());
			break;
		case CL_F_MONEY:
		case CL_F_RATE:
			add(obj, f->name,
			    cl_money_json_string(*(const int64_t *)slot));
			break;
		case CL_F_TOTAL:
			add(obj, f->name,
			    cl_money_json_number(*(const int64_t *)slot));
			break;
		case CL_F_BOOL:
			add(obj, f->name,
			    cJSON_CreateBool(*(const bool *)slot));
			break;
		case CL_F_DATETIME:
			cl_json_add_str(obj, f->name,
			    cl_datetime_iso(*(const char *const *)slot, buf));
			break;
		case CL_F_STR:
		case CL_F_EMAIL:
		case CL_F_ENUM:
		case CL_F_DATE:
			cl_json_add_str(
			    obj, f->name, *(const char *const *)slot);
			break;
		}
	}
	return obj;
}

cJSON *
cl_cols_render_all(
    const struct cl_field *cols, const void *src, size_t n, size_t size)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	if (arr == NULL)
		abort();
	for (i = 0; i < n; i++)
		if (!cJSON_AddItemToArray(arr,
		        cl_cols_render(cols, (const char *)src + i * size)))
			abort();
	return arr;
}

/* SQL checking: just enough of a tokenizer to split lists at the commas
 * that are not inside parentheses or quotes. */

/* The next item of a comma list starting at *p and ending before the
 * first top-level occurrence of stop (a keyword, matched case-blind at a
 * word boundary) or ')' at depth 0; trimmed, from a. NULL at the end. */
static const char *
next_item(struct cl_arena *a, const char **p, const char *stop)
{
	const char *s = *p, *start;
	int depth = 0;
	char quote = 0;
	size_t stoplen = stop ? strlen(stop) : 0;

	while (*s == ' ' || *s == ',' || *s == '\n' || *s == '\t')
		s++;
	start = s;
	for (; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			continue;
		}
		if (*s == '\'' || *s == '"' || *s == '`') {
			quote = *s;
			continue;
		}
		if (*s == '(') {
			depth++;
			continue;
		}
		if (*s == ')') {
			if (depth == 0)
				break;
			depth--;
			continue;
		}
		if (depth == 0 && *s == ',')
			break;
		if (depth == 0 && stop && s > start && s[-1] == ' ' &&
		    strncasecmp(s, stop, stoplen) == 0 &&
		    (s[stoplen] == ' ' || s[stoplen] == '\0'))
			break;
	}
	if (s == start)
		return NULL;
	*p = s;
	{
		const char *e = s;

		while (e > start && (e[-1] == ' ' || e[-1] == '\n'))
			e--;
		return cl_arena_strndup(a, start, (size_t)(e - start));
	}
}

/* The name an item of a SELECT list gives its column. */
static const char *
item_name(const char *item)
{
	const char *p, *as = NULL, *dot;

	for (p = item; (p = strstr(p, " AS ")) != NULL; p += 4)
		as = p + 4;
	if (as == NULL)
		for (p = item; (p = strstr(p, " as ")) != NULL; p += 4)
			as = p + 4;
	if (as != NULL)
		return as;
	dot = strrchr(item, '.');
	return dot ? dot + 1 : item;
}

/* The column entries with flag (or all columns when flag is 0), in order. */
static const struct cl_field *
next_col(const struct cl_field *f, unsigned flag)
{
	for (; f->name; f++)
		if (f->column && (flag == 0 || (f->flags & flag)))
			return f;
	return NULL;
}

static const char *
mismatch(struct cl_arena *a, const char *what, size_t i, const char *sql_name,
    const struct cl_field *f)
{
	return cl_arena_printf(a, "%s item %zu: the SQL has %s, the table %s",
	    what, i + 1, sql_name ? sql_name : "nothing",
	    f ? f->column : "nothing");
}

static const char *
check_select(struct cl_arena *a, const struct cl_field *cols, const char *p)
{
	const struct cl_field *f = next_col(cols, 0);
	const char *item;
	size_t i = 0;

	while ((item = next_item(a, &p, "FROM")) != NULL) {
		const char *name = item_name(item);

		if (f == NULL || strcmp(name, f->column) != 0)
			return mismatch(a, "SELECT", i, name, f);
		f = next_col(f + 1, 0);
		i++;
		if (*p != ',')
			break;
	}
	if (f != NULL)
		return mismatch(a, "SELECT", i, NULL, f);
	return NULL;
}

static const char *
check_insert(struct cl_arena *a, const struct cl_field *cols, const char *p)
{
	const char *names[CL_COLS_MAX * 2], *values[CL_COLS_MAX * 2];
	size_t nn = 0, nv = 0, i, k = 0;
	const struct cl_field *f = next_col(cols, CL_INSERT);
	const char *item;

	p = strchr(p, '(');
	if (p == NULL)
		return "INSERT without a column list";
	p++;
	while (
	    nn < CL_NELEMS(names) && (item = next_item(a, &p, NULL)) != NULL) {
		names[nn++] = item;
		if (*p != ',')
			break;
	}
	p = strstr(p, "VALUES");
	if (p == NULL || (p = strchr(p, '(')) == NULL)
		return "INSERT without VALUES (...)";
	p++;
	while (
	    nv < CL_NELEMS(values) && (item = next_item(a, &p, NULL)) != NULL) {
		values[nv++] = item;
		if (*p != ',')
			break;
	}
	if (nn != nv)
		return cl_arena_printf(
		    a, "INSERT names %zu columns and %zu values", nn, nv);
	for (i = 0; i < nn; i++) {
		if (strcmp(values[i], "?") != 0)
			continue;
		if (f == NULL || strcmp(names[i], f->column) != 0)
			return mismatch(a, "INSERT bound", k, names[i], f);
		f = next_col(f + 1, CL_INSERT);
		k++;
	}
	if (f != NULL)
		return mismatch(a, "INSERT bound", k, NULL, f);
	return NULL;
}

static const char *
check_update(struct cl_arena *a, const struct cl_field *cols, const char *p)
{
	const struct cl_field *f = next_col(cols, CL_UPDATE);
	const char *item;
	size_t k = 0;

	p = strstr(p, " SET ");
	if (p == NULL)
		return "UPDATE without SET";
	p += 5;
	while ((item = next_item(a, &p, "WHERE")) != NULL) {
		const char *eq = strchr(item, '=');
		size_t len;

		if (eq != NULL && strcmp(eq + 1, " ?") == 0) {
			len = (size_t)(eq - item);
			while (len > 0 && item[len - 1] == ' ')
				len--;
			item = cl_arena_strndup(a, item, len);
			if (f == NULL ||
			    strcmp(item_name(item), f->column) != 0)
				return mismatch(
				    a, "UPDATE bound", k, item_name(item), f);
			f = next_col(f + 1, CL_UPDATE);
			k++;
		}
		if (*p != ',')
			break;
	}
	if (f != NULL)
		return mismatch(a, "UPDATE bound", k, NULL, f);
	return NULL;
}

const char *
cl_cols_check_sql(
    struct cl_arena *a, const struct cl_field *cols, const char *sql)
{
	while (isspace((unsigned char)*sql))
		sql++;
	if (strncasecmp(sql, "SELECT ", 7) == 0)
		return check_select(a, cols, sql + 7);
	if (strncasecmp(sql, "INSERT ", 7) == 0)
		return check_insert(a, cols, sql + 7);
	if (strncasecmp(sql, "UPDATE ", 7) == 0)
		return check_update(a, cols, sql + 7);
	return "not a SELECT, INSERT or UPDATE";
}
