/* Unit tests of src/core/columns.c: rows read into structs, structs bound
 * for INSERT and UPDATE and rendered to JSON, and written SQL checked
 * against the table. Rows are built by hand as MariaDB returns them: one
 * string per cell, NULL for SQL NULL. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/money.h"

/* One column of every type, a hidden one and a body-only entry. */
struct thing {
	int64_t		id;
	const char	*name;
	const char	*email;
	int64_t		seats;
	int64_t		amount;
	bool		active;
	const char	*start;
	int64_t		kam_id;
	const char	*status;
	int64_t		vat;
	const char	*created_at;
	int64_t		total;
	const char	*secret;
	const char	*password;
};

static const char *const statuses[] = { "active", "paused", NULL };

static const struct cl_field thing_cols[] = {
	CL_COL_ID("id", struct thing, id, CL_READONLY),
	CL_COL_STR("name", struct thing, name, CL_REQUIRED | CL_WRITE, 1, 100),
	CL_COL_EMAIL("email", struct thing, email, CL_NULLABLE | CL_WRITE, 3,
	    254),
	CL_COL_INT("seats", struct thing, seats, CL_WRITE, 0, 1000),
	CL_COL_MONEY("amount", struct thing, amount, CL_WRITE, 0, CL_MONEY_MAX),
	CL_COL_BOOL("is_active", struct thing, active, CL_WRITE),
	CL_COL_DATE("start_date", struct thing, start, CL_NULLABLE | CL_WRITE),
	CL_COL_ID("kam_id", struct thing, kam_id, CL_NULLABLE | CL_WRITE),
	CL_COL_ENUM("status", struct thing, status, CL_INSERT, statuses),
	CL_COL_RATE("vat_rate", struct thing, vat, CL_UPDATE, 0, 10000),
	CL_COL_DATETIME("created_at", struct thing, created_at, 0),
	CL_COL_TOTAL("total", struct thing, total, 0),
	CL_COL_STR("secret", struct thing, secret, CL_HIDDEN | CL_INSERT, 0,
	    50),
	CL_STR("password", struct thing, password, CL_HIDDEN, 8, 100),
	{ 0 }
};

#define THING_NCOLS 13

/* A good row of thing_cols, cell by cell. */
static const char *const good_row[THING_NCOLS] = {
	"42", "Acme", "a@acme.example", "12", "500.00", "1", "2025-01-31",
	"7", "active", "15.00", "2025-01-01 00:00:00.000000", "1234.56", "s3"
};

/* nrows x ncols cells (NULL for SQL NULL) copied into a, as a result. */
static struct cl_rows
rows_of(struct cl_arena *a, size_t nrows, unsigned ncols,
    const char *const *cells)
{
	struct cl_rows rows = { .nrows = nrows, .ncols = ncols };
	size_t i;

	rows.v = CL_NEW_ARRAY(a, char *, nrows * ncols > 0 ? nrows * ncols : 1);
	for (i = 0; i < nrows * ncols; i++)
		rows.v[i] = cl_arena_strdup(a, cells[i]);
	return rows;
}

/* cl_cols_read of good_row with cell col replaced by value. */
static int
read_with(const struct cl_field *cols, unsigned col, const char *value,
    struct thing *t)
{
	struct cl_arena *a = cl_arena_new();
	const char *cells[THING_NCOLS];
	struct cl_rows rows;
	int rc;

	memcpy(cells, good_row, sizeof(cells));
	cells[col] = value;
	rows = rows_of(a, 1, THING_NCOLS, cells);
	memset(t, 0, sizeof(*t));
	rc = cl_cols_read(cols, &rows, 0, t);
	cl_arena_free(a);
	/* The strings read pointed into a: only numbers are looked at. */
	return rc;
}

static const cJSON *
member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static char *
print(cJSON *item)
{
	char *s = cJSON_PrintUnformatted(item);

	assert_non_null(s);
	cJSON_Delete(item);
	return s;
}

static void
test_columns_count_skips_entries_without_column(void **state)
{
	static const struct cl_field none[] = {
		CL_STR("a", struct thing, name, 0, 0, 1),
		{ 0 }
	};

	(void)state;
	assert_int_equal(cl_cols_count(thing_cols), THING_NCOLS);
	assert_int_equal(cl_cols_count(none), 0);
}

static void
test_columns_read_row_of_every_type(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_rows rows = rows_of(a, 1, THING_NCOLS, good_row);
	struct thing t;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.password = "untouched";
	assert_int_equal(cl_cols_read(thing_cols, &rows, 0, &t), CL_OK);
	assert_int_equal(t.id, 42);
	assert_string_equal(t.name, "Acme");
	assert_string_equal(t.email, "a@acme.example");
	assert_int_equal(t.seats, 12);
	assert_int_equal(t.amount, 50000);
	assert_true(t.active);
	assert_string_equal(t.start, "2025-01-31");
	assert_int_equal(t.kam_id, 7);
	assert_string_equal(t.status, "active");
	assert_int_equal(t.vat, 1500);
	assert_string_equal(t.created_at, "2025-01-01 00:00:00.000000");
	assert_int_equal(t.total, 123456);
	assert_string_equal(t.secret, "s3");
	/* Strings point into the result, not copies. */
	assert_ptr_equal(t.name, rows.v[1]);
	/* The body-only entry has no column and is left alone. */
	assert_string_equal(t.password, "untouched");
	cl_arena_free(a);
}

static void
test_columns_read_false_zero_and_negative(void **state)
{
	struct thing t;

	(void)state;
	assert_int_equal(read_with(thing_cols, 5, "0", &t), CL_OK);
	assert_false(t.active);
	assert_int_equal(read_with(thing_cols, 4, "-3.10", &t), CL_OK);
	assert_int_equal(t.amount, -310);
	assert_int_equal(read_with(thing_cols, 3, "-2", &t), CL_OK);
	assert_int_equal(t.seats, -2);
	assert_int_equal(read_with(thing_cols, 9, "0.00", &t), CL_OK);
	assert_int_equal(t.vat, 0);
}

static void
test_columns_read_nulls_where_allowed(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *cells[THING_NCOLS];
	struct cl_rows rows;
	struct thing t;

	(void)state;
	memcpy(cells, good_row, sizeof(cells));
	cells[0] = NULL;   /* id: CL_F_ID, not nullable, still reads 0 */
	cells[2] = NULL;   /* email: nullable string */
	cells[6] = NULL;   /* start_date: nullable date */
	cells[7] = NULL;   /* kam_id: nullable id */
	rows = rows_of(a, 1, THING_NCOLS, cells);
	memset(&t, 0xff, sizeof(t));
	assert_int_equal(cl_cols_read(thing_cols, &rows, 0, &t), CL_OK);
	assert_int_equal(t.id, 0);
	assert_null(t.email);
	assert_null(t.start);
	assert_int_equal(t.kam_id, 0);
	assert_string_equal(t.name, "Acme");
	cl_arena_free(a);
}

static void
test_columns_read_null_in_non_nullable_column_is_edb(void **state)
{
	static const unsigned cols[] = { 1, 3, 4, 5, 8, 9, 10, 11, 12 };
	struct thing t;
	size_t i;

	(void)state;
	for (i = 0; i < CL_NELEMS(cols); i++)
		assert_int_equal(read_with(thing_cols, cols[i], NULL, &t),
		    CL_EDB);
}

static void
test_columns_read_bad_text_is_edb(void **state)
{
	static const struct {
		unsigned	col;
		const char	*text;
	} bad[] = {
		{ 0, "x" }, { 0, "" }, { 3, "12x" }, { 3, "" }, { 3, "1.5" },
		{ 3, "99999999999999999999" }, { 4, "abc" }, { 4, "1.234" },
		{ 4, "" }, { 5, "2" }, { 5, "true" }, { 5, "" },
		{ 6, "2025-02-30" }, { 6, "31.01.2025" }, { 7, "seven" },
		{ 9, "15%" }, { 11, "1e3" },
	};
	struct thing t;
	size_t i;

	(void)state;
	for (i = 0; i < CL_NELEMS(bad); i++) {
		if (read_with(thing_cols, bad[i].col, bad[i].text, &t) !=
		    CL_EDB)
			fail_msg("column %u read \"%s\"", bad[i].col,
			    bad[i].text);
	}
	/* The same row with good text reads, so each refusal above is the
	 * cell's. */
	assert_int_equal(read_with(thing_cols, 0, "42", &t), CL_OK);
}

static void
test_columns_read_width_drift_is_edb(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *cells[THING_NCOLS + 1];
	struct cl_rows rows;
	struct thing t;

	(void)state;
	memcpy(cells, good_row, sizeof(good_row));
	cells[THING_NCOLS] = "extra";
	rows = rows_of(a, 1, THING_NCOLS + 1, cells);
	assert_int_equal(cl_cols_read(thing_cols, &rows, 0, &t), CL_EDB);
	rows = rows_of(a, 1, THING_NCOLS - 1, cells);
	assert_int_equal(cl_cols_read(thing_cols, &rows, 0, &t), CL_EDB);
	rows = rows_of(a, 1, THING_NCOLS, cells);
	assert_int_equal(cl_cols_read(thing_cols, &rows, 0, &t), CL_OK);
	cl_arena_free(a);
}

static void
test_columns_read_all_reads_every_row(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *cells[2 * THING_NCOLS];
	struct cl_rows rows;
	struct thing *arr;
	void *out = NULL;

	(void)state;
	memcpy(cells, good_row, sizeof(good_row));
	memcpy(cells + THING_NCOLS, good_row, sizeof(good_row));
	cells[THING_NCOLS] = "43";
	cells[THING_NCOLS + 1] = "Bolt";
	rows = rows_of(a, 2, THING_NCOLS, cells);
	assert_int_equal(cl_cols_read_all(a, thing_cols, &rows,
	    sizeof(struct thing), &out), CL_OK);
	arr = out;
	assert_int_equal(arr[0].id, 42);
	assert_string_equal(arr[0].name, "Acme");
	assert_int_equal(arr[1].id, 43);
	assert_string_equal(arr[1].name, "Bolt");
	assert_int_equal(arr[1].amount, 50000);

	/* A bad second row fails the whole read. */
	cells[THING_NCOLS + 4] = "lots";
	rows = rows_of(a, 2, THING_NCOLS, cells);
	assert_int_equal(cl_cols_read_all(a, thing_cols, &rows,
	    sizeof(struct thing), &out), CL_EDB);

	/* No rows: an array all the same. */
	out = NULL;
	rows = rows_of(a, 0, THING_NCOLS, cells);
	assert_int_equal(cl_cols_read_all(a, thing_cols, &rows,
	    sizeof(struct thing), &out), CL_OK);
	assert_non_null(out);
	cl_arena_free(a);
}

static struct thing
sample(void)
{
	struct thing t = {
		.id = 42, .name = "Acme", .email = NULL, .seats = 12,
		.amount = 1234, .active = true, .start = "2025-01-31",
		.kam_id = 0, .status = "paused", .vat = 1550,
		.created_at = "2025-01-01 00:00:00.000000", .total = 50000,
		.secret = "s3", .password = "hunter22",
	};

	return t;
}

static void
assert_bind_int(const struct cl_bind *b, int64_t v)
{
	assert_int_equal(b->type, CL_B_INT);
	assert_int_equal(b->i, v);
}

static void
assert_bind_str(const struct cl_bind *b, const char *s)
{
	assert_int_equal(b->type, CL_B_STR);
	assert_string_equal(b->s, s);
	assert_int_equal(b->len, strlen(s));
}

static void
test_columns_bind_insert_entries_in_order(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_bind b[CL_COLS_MAX];
	struct thing t = sample();

	(void)state;
	/* name, email, seats, amount, is_active, start_date, kam_id, status,
	 * secret: not id, vat_rate (update only), created_at or total. */
	assert_int_equal(cl_cols_bind(a, thing_cols, CL_INSERT, &t, b,
	    CL_NELEMS(b)), 9);
	assert_bind_str(&b[0], "Acme");
	assert_int_equal(b[1].type, CL_B_NULL);   /* NULL string */
	assert_bind_int(&b[2], 12);
	assert_bind_str(&b[3], "12.34");          /* money as text */
	assert_bind_int(&b[4], 1);                /* bool */
	assert_bind_str(&b[5], "2025-01-31");
	assert_int_equal(b[6].type, CL_B_NULL);   /* id 0 */
	assert_bind_str(&b[7], "paused");
	assert_bind_str(&b[8], "s3");
	cl_arena_free(a);
}

static void
test_columns_bind_update_entries_in_order(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct cl_bind b[CL_COLS_MAX];
	struct thing t = sample();

	(void)state;
	t.active = false;
	t.kam_id = 7;
	t.email = "a@acme.example";
	/* name, email, seats, amount, is_active, start_date, kam_id,
	 * vat_rate: not status or secret (insert only). */
	assert_int_equal(cl_cols_bind(a, thing_cols, CL_UPDATE, &t, b,
	    CL_NELEMS(b)), 8);
	assert_bind_str(&b[0], "Acme");
	assert_bind_str(&b[1], "a@acme.example");
	assert_bind_int(&b[2], 12);
	assert_bind_str(&b[3], "12.34");
	assert_bind_int(&b[4], 0);
	assert_bind_str(&b[5], "2025-01-31");
	assert_bind_int(&b[6], 7);
	assert_bind_str(&b[7], "15.50");          /* rate as text */
	cl_arena_free(a);
}

static void
test_columns_bind_formats_each_money_value_apart(void **state)
{
	static const struct cl_field two[] = {
		CL_COL_MONEY("amount", struct thing, amount, CL_INSERT, 0,
		    100000),
		CL_COL_MONEY("total", struct thing, total, CL_INSERT, 0,
		    100000),
		{ 0 }
	};
	struct cl_arena *a = cl_arena_new();
	struct cl_bind b[2];
	struct thing t = sample();

	(void)state;
	/* Two money binds must not share one buffer. */
	t.amount = -5;
	assert_int_equal(cl_cols_bind(a, two, CL_INSERT, &t, b, 2), 2);
	assert_bind_str(&b[0], "-0.05");
	assert_bind_str(&b[1], "500.00");
	cl_arena_free(a);
}

static void
test_columns_render_every_type(void **state)
{
	struct thing t = sample();
	char *s;

	(void)state;
	t.email = "a@acme.example";
	t.kam_id = 7;
	s = print(cl_cols_render(thing_cols, &t));
	/* Table order; secret and password hidden; money and rate as
	 * strings, the total a number with two decimals, the datetime ISO. */
	assert_string_equal(s, "{\"id\":42,\"name\":\"Acme\","
	    "\"email\":\"a@acme.example\",\"seats\":12,\"amount\":\"12.34\","
	    "\"is_active\":true,\"start_date\":\"2025-01-31\",\"kam_id\":7,"
	    "\"status\":\"paused\",\"vat_rate\":\"15.50\","
	    "\"created_at\":\"2025-01-01T00:00:00.000000Z\",\"total\":500.00}");
	free(s);
}

static void
test_columns_render_money_forms(void **state)
{
	struct thing t = sample();
	cJSON *obj, *parsed, *item;
	char *s;

	(void)state;
	t.amount = 50000;
	t.vat = 1500;
	obj = cl_cols_render(thing_cols, &t);
	assert_string_equal(member(obj, "amount")->valuestring, "500.00");
	assert_string_equal(member(obj, "vat_rate")->valuestring, "15.00");
	s = print(obj);
	/* The total is a JSON number as a client parses it: 500. (In the
	 * tree it is raw text, so the two decimals survive printing.) */
	assert_non_null(strstr(s, "\"total\":500.00}"));
	parsed = cJSON_Parse(s);
	item = cJSON_GetObjectItemCaseSensitive(parsed, "total");
	assert_true(cJSON_IsNumber(item));
	assert_true(item->valuedouble == 500.0);
	item = cJSON_GetObjectItemCaseSensitive(parsed, "amount");
	assert_true(cJSON_IsString(item));
	cJSON_Delete(parsed);
	free(s);
}

static void
test_columns_render_nulls(void **state)
{
	struct thing t = sample();
	cJSON *obj;
	char *s;

	(void)state;
	t.id = 0;
	t.kam_id = -1;
	t.email = NULL;
	t.start = NULL;
	t.created_at = NULL;
	obj = cl_cols_render(thing_cols, &t);
	assert_true(cJSON_IsNull(member(obj, "id")));
	assert_true(cJSON_IsNull(member(obj, "kam_id")));
	assert_true(cJSON_IsNull(member(obj, "email")));
	assert_true(cJSON_IsNull(member(obj, "start_date")));
	assert_true(cJSON_IsNull(member(obj, "created_at")));
	assert_null(member(obj, "secret"));
	assert_null(member(obj, "password"));
	s = print(obj);
	free(s);
}

static void
test_columns_render_datetime_pads_fraction(void **state)
{
	static const struct cl_field one[] = {
		CL_COL_DATETIME("at", struct thing, created_at, 0),
		{ 0 }
	};
	struct thing t = sample();
	char *s;

	(void)state;
	t.created_at = "2025-01-01 09:26:04";
	s = print(cl_cols_render(one, &t));
	assert_string_equal(s, "{\"at\":\"2025-01-01T09:26:04.000000Z\"}");
	free(s);
	t.created_at = "2018-09-17 09:26:04.553218";
	s = print(cl_cols_render(one, &t));
	assert_string_equal(s, "{\"at\":\"2018-09-17T09:26:04.553218Z\"}");
	free(s);
}

static void
test_columns_render_all_is_an_array_in_order(void **state)
{
	static const struct cl_field two[] = {
		CL_COL_ID("id", struct thing, id, CL_READONLY),
		CL_COL_STR("name", struct thing, name, 0, 0, 10),
		{ 0 }
	};
	struct thing t[2] = { sample(), sample() };
	char *s;

	(void)state;
	t[1].id = 43;
	t[1].name = "Bolt";
	s = print(cl_cols_render_all(two, t, 2, sizeof(t[0])));
	assert_string_equal(s,
	    "[{\"id\":42,\"name\":\"Acme\"},{\"id\":43,\"name\":\"Bolt\"}]");
	free(s);
	s = print(cl_cols_render_all(two, t, 0, sizeof(t[0])));
	assert_string_equal(s, "[]");
	free(s);
}

/* A customer: a column joined from another table, an insert-only, an
 * update-only and two audit columns. */
struct customer {
	int64_t		id;
	const char	*number;
	const char	*name;
	int64_t		kam_id;
	const char	*kam_name;
	int64_t		credit;
	const char	*created_at;
	const char	*updated_at;
};

static const struct cl_field customer_cols[] = {
	CL_COL_ID("id", struct customer, id, CL_READONLY),
	CL_COL_STR("number", struct customer, number, CL_INSERT, 1, 20),
	CL_COL_STR("name", struct customer, name, CL_WRITE, 1, 100),
	CL_COL_ID("kam_id", struct customer, kam_id, CL_NULLABLE | CL_WRITE),
	{ "kam_name", CL_F_STR, offsetof(struct customer, kam_name),
	    CL_READONLY | CL_NULLABLE, 0, 0, "kam_name", NULL },
	CL_COL_MONEY("credit_limit", struct customer, credit, CL_UPDATE, 0,
	    CL_MONEY_MAX),
	CL_COL_DATETIME("created_at", struct customer, created_at, 0),
	CL_COL_DATETIME("updated_at", struct customer, updated_at, 0),
	{ 0 }
};

/* The check's answer for sql (NULL: agrees), asserted to be a sentence
 * when it is not NULL. The arena lives until the test ends. */
static const char *
check(struct cl_arena *a, const char *sql)
{
	const char *why = cl_cols_check_sql(a, customer_cols, sql);

	if (why != NULL)
		assert_true(strlen(why) > 0);
	return why;
}

static void
test_columns_check_sql_accepts_matching_select(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_null(check(a, "SELECT id, number, name, kam_id, kam_name, "
	    "credit_limit, created_at, updated_at FROM billing_customers"));
	/* Qualified names, an alias, a JOIN. */
	assert_null(check(a, "SELECT c.id, c.number, c.name, c.kam_id, "
	    "k.name AS kam_name, c.credit_limit, c.created_at, c.updated_at "
	    "FROM billing_customers c "
	    "LEFT JOIN billing_kams k ON k.id = c.kam_id "
	    "WHERE c.id = ?"));
	/* A subquery with commas, quotes and a FROM inside parentheses;
	 * lower-case keywords; leading white space. */
	assert_null(check(a, "  select c.id, c.number, c.name, c.kam_id, "
	    "(SELECT CONCAT(k.first_name, ', ', k.last_name) "
	    "FROM billing_kams k WHERE k.id = c.kam_id) as kam_name, "
	    "COALESCE(c.credit_limit, 0) AS credit_limit, c.created_at, "
	    "c.updated_at from billing_customers c"));
	/* A literal with a comma inside its quotes. */
	assert_null(check(a, "SELECT id, 'C, D' AS number, name, kam_id, "
	    "\"a, b\" AS kam_name, credit_limit, created_at, updated_at "
	    "FROM t"));
	/* A function with AS inside it and an alias of its own. */
	assert_null(check(a, "SELECT id, number, name, kam_id, "
	    "CAST(kam AS CHAR) AS kam_name, credit_limit, created_at, "
	    "updated_at FROM t"));
	cl_arena_free(a);
}

static void
test_columns_check_sql_rejects_select_drift(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	/* Missing a column (the last, then one in the middle). */
	assert_non_null(check(a, "SELECT c.id, c.number, c.name, c.kam_id, "
	    "k.name AS kam_name, c.credit_limit, c.created_at FROM t c"));
	assert_string_equal(check(a, "SELECT id, name, kam_id, kam_name, "
	    "credit_limit, created_at, updated_at FROM t"),
	    "SELECT item 2: the SQL has name, the table number");
	/* Two columns swapped. */
	assert_string_equal(check(a, "SELECT id, number, name, kam_id, "
	    "kam_name, created_at, credit_limit, updated_at FROM t"),
	    "SELECT item 6: the SQL has created_at, the table credit_limit");
	/* One column too many. */
	assert_string_equal(check(a, "SELECT id, number, name, kam_id, "
	    "kam_name, credit_limit, created_at, updated_at, deleted_at "
	    "FROM t"),
	    "SELECT item 9: the SQL has deleted_at, the table nothing");
	/* An alias that names the wrong column. */
	assert_non_null(check(a, "SELECT id, number, name, kam_id, "
	    "k.name AS kam, credit_limit, created_at, updated_at FROM t"));
	cl_arena_free(a);
}

#define CUSTOMER_INSERT \
	"INSERT INTO billing_customers (number, name, kam_id, created_at, " \
	"updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"

static void
test_columns_check_sql_insert_counts_bound_values(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_null(check(a, CUSTOMER_INSERT));
	assert_null(check(a, "INSERT INTO t (created_at, number, status, name, "
	    "kam_id) VALUES (UTC_TIMESTAMP(6), ?, 'new', ?, ?)"));
	/* Missing a bound column. */
	assert_string_equal(check(a, "INSERT INTO t (number, name, created_at) "
	    "VALUES (?, ?, UTC_TIMESTAMP(6))"),
	    "INSERT bound item 3: the SQL has nothing, the table kam_id");
	/* Swapped. */
	assert_string_equal(check(a, "INSERT INTO t (name, number, kam_id) "
	    "VALUES (?, ?, ?)"),
	    "INSERT bound item 1: the SQL has name, the table number");
	/* One more bound column than the table binds. */
	assert_string_equal(check(a, "INSERT INTO t (number, name, kam_id, "
	    "credit_limit) VALUES (?, ?, ?, ?)"),
	    "INSERT bound item 4: the SQL has credit_limit, the table nothing");
	/* A literal where the table binds. */
	assert_non_null(check(a, "INSERT INTO t (number, name, kam_id) "
	    "VALUES (?, ?, NULL)"));
	/* Names and values that do not pair up. */
	assert_string_equal(check(a, "INSERT INTO t (number, name, kam_id) "
	    "VALUES (?, ?)"), "INSERT names 3 columns and 2 values");
	assert_non_null(check(a, "INSERT INTO t VALUES (?, ?, ?)"));
	cl_arena_free(a);
}

#define CUSTOMER_UPDATE \
	"UPDATE billing_customers SET name = ?, kam_id = ?, " \
	"credit_limit = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?"

static void
test_columns_check_sql_update_counts_bound_assignments(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_null(check(a, CUSTOMER_UPDATE));
	assert_null(check(a, "UPDATE billing_customers c SET "
	    "c.updated_at = UTC_TIMESTAMP(6), c.name = ?, c.kam_id = ?, "
	    "c.credit_limit = ? WHERE c.id = ? AND c.name <> 'x, y'"));
	/* Missing one. */
	assert_string_equal(check(a, "UPDATE t SET name = ?, kam_id = ? "
	    "WHERE id = ?"),
	    "UPDATE bound item 3: the SQL has nothing, the table credit_limit");
	/* Swapped. */
	assert_string_equal(check(a, "UPDATE t SET kam_id = ?, name = ?, "
	    "credit_limit = ? WHERE id = ?"),
	    "UPDATE bound item 1: the SQL has kam_id, the table name");
	/* One too many. */
	assert_string_equal(check(a, "UPDATE t SET name = ?, kam_id = ?, "
	    "credit_limit = ?, number = ? WHERE id = ?"),
	    "UPDATE bound item 4: the SQL has number, the table nothing");
	assert_non_null(check(a, "UPDATE t name = ?"));
	cl_arena_free(a);
}

static void
test_columns_check_sql_rejects_other_statements(void **state)
{
	struct cl_arena *a = cl_arena_new();

	(void)state;
	assert_non_null(check(a, "DELETE FROM billing_customers WHERE id = ?"));
	assert_non_null(check(a, ""));
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_columns_count_skips_entries_without_column),
		cmocka_unit_test(test_columns_read_row_of_every_type),
		cmocka_unit_test(test_columns_read_false_zero_and_negative),
		cmocka_unit_test(test_columns_read_nulls_where_allowed),
		cmocka_unit_test(
		    test_columns_read_null_in_non_nullable_column_is_edb),
		cmocka_unit_test(test_columns_read_bad_text_is_edb),
		cmocka_unit_test(test_columns_read_width_drift_is_edb),
		cmocka_unit_test(test_columns_read_all_reads_every_row),
		cmocka_unit_test(test_columns_bind_insert_entries_in_order),
		cmocka_unit_test(test_columns_bind_update_entries_in_order),
		cmocka_unit_test(
		    test_columns_bind_formats_each_money_value_apart),
		cmocka_unit_test(test_columns_render_every_type),
		cmocka_unit_test(test_columns_render_money_forms),
		cmocka_unit_test(test_columns_render_nulls),
		cmocka_unit_test(test_columns_render_datetime_pads_fraction),
		cmocka_unit_test(test_columns_render_all_is_an_array_in_order),
		cmocka_unit_test(
		    test_columns_check_sql_accepts_matching_select),
		cmocka_unit_test(test_columns_check_sql_rejects_select_drift),
		cmocka_unit_test(
		    test_columns_check_sql_insert_counts_bound_values),
		cmocka_unit_test(
		    test_columns_check_sql_update_counts_bound_assignments),
		cmocka_unit_test(
		    test_columns_check_sql_rejects_other_statements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
