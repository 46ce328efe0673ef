/* Unit tests of src/core/fields.c for the column-table types and flags:
 * CL_READONLY, CL_F_ENUM, CL_F_ID, CL_F_RATE, null on CL_NULLABLE, and
 * cl_fields_find and cl_is_one_of. The older body tests (strings, money,
 * integers, dates, partial mode) are in test_response.c. */
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
#include "core/errors.h"
#include "core/fields.h"
#include "core/money.h"

struct customer {
	int64_t		id;
	const char	*name;
	int64_t		kam_id;
	const char	*status;
	int64_t		vat;
	int64_t		total;
	const char	*created_at;
	const char	*note;
	int64_t		seats;
	const char	*start;
	bool		active;
	int64_t		owner_id;
};

static const char *const statuses[] = { "active", "paused", "closed", NULL };

static const struct cl_field customer_fields[] = {
	CL_COL_PK("id", struct customer, id),
	CL_COL_STR("name", struct customer, name, CL_REQUIRED | CL_WRITE, 1,
	    50),
	CL_COL_ID("kam_id", struct customer, kam_id, CL_NULLABLE | CL_WRITE),
	CL_COL_ENUM("status", struct customer, status, CL_WRITE, statuses),
	CL_COL_RATE("vat_rate", struct customer, vat, CL_WRITE, 0, 10000),
	CL_COL_TOTAL("total", struct customer, total, 0),
	CL_COL_DATETIME("created_at", struct customer, created_at, 0),
	CL_COL_STR("note", struct customer, note, CL_NULLABLE | CL_WRITE, 0,
	    200),
	CL_COL_INT("seats", struct customer, seats, CL_NULLABLE | CL_WRITE, 0,
	    99),
	CL_COL_DATE("start_date", struct customer, start,
	    CL_NULLABLE | CL_WRITE),
	CL_COL_BOOL("is_active", struct customer, active,
	    CL_NULLABLE | CL_WRITE),
	/* Required, yet never read: a read-only owner set by the server. */
	CL_COL_ID("owner_id", struct customer, owner_id,
	    CL_READONLY | CL_REQUIRED),
	{ 0 }
};

/* Bits of present by entry index. */
#define BIT(i) (UINT64_C(1) << (i))

/* A struct whose every member is set, so what a read leaves alone shows. */
static struct customer
prefilled(void)
{
	struct customer c = {
		.id = 1, .name = "old", .kam_id = 9, .status = "closed",
		.vat = 700, .total = 5, .created_at = "then",
		.note = "old note", .seats = 3, .start = "2020-01-01",
		.active = true, .owner_id = 4,
	};

	return c;
}

/* Reads json by customer_fields into c; *errors gets the printed errors
 * object (the caller frees it). Strings read live in a. */
static int
read_body(struct cl_arena *a, const char *json, struct customer *c,
    enum cl_fields_mode mode, uint64_t *present, char **errors)
{
	cJSON *obj = cJSON_Parse(json), *errs = cJSON_CreateObject();
	int rc;

	assert_non_null(obj);
	assert_non_null(errs);
	rc = cl_fields_read(a, customer_fields, obj, c, mode, present, errs);
	*errors = cJSON_PrintUnformatted(errs);
	assert_non_null(*errors);
	cJSON_Delete(obj);
	cJSON_Delete(errs);
	return rc;
}

/* The one problem a PATCH of json reports, or "" when it is accepted. */
static char *
problem_of(struct cl_arena *a, const char *json, struct customer *c)
{
	char *errors;
	int rc = read_body(a, json, c, CL_FIELDS_PARTIAL, NULL, &errors);

	assert_int_equal(rc, strcmp(errors, "{}") == 0 ? CL_OK : CL_EINVAL);
	return errors;
}

static void
assert_problem(struct cl_arena *a, const char *json, const char *expected)
{
	struct customer c = prefilled();
	char *errors = problem_of(a, json, &c);

	assert_string_equal(errors, expected);
	free(errors);
}

static void
test_fields_readonly_entries_are_never_read(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	uint64_t present;
	char *errors;

	(void)state;
	assert_int_equal(read_body(a, "{\"id\":99,\"name\":\"Acme\","
	    "\"total\":1,\"created_at\":\"2030-01-01 00:00:00\","
	    "\"owner_id\":77}", &c, CL_FIELDS_FULL, &present, &errors), CL_OK);
	/* No problem: not even "required" for the read-only owner_id. */
	assert_string_equal(errors, "{}");
	free(errors);
	assert_string_equal(c.name, "Acme");
	assert_int_equal(c.id, 1);
	assert_int_equal(c.total, 5);
	assert_string_equal(c.created_at, "then");
	assert_int_equal(c.owner_id, 4);
	/* Only name counts as given. */
	assert_int_equal(present, BIT(1));
	assert_false(cl_fields_given(customer_fields, present, "id"));
	assert_true(cl_fields_given(customer_fields, present, "name"));

	/* Values a read-only entry could never accept are not even looked
	 * at. */
	assert_problem(a, "{\"id\":\"x\",\"total\":null,\"owner_id\":-1}",
	    "{}");
	cl_arena_free(a);
}

static void
test_fields_enum_accepts_listed_values(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	errors = problem_of(a, "{\"status\":\"paused\"}", &c);
	assert_string_equal(errors, "{}");
	assert_string_equal(c.status, "paused");
	free(errors);
	cl_arena_free(a);
}

static void
test_fields_enum_rejects_other_values(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	assert_problem(a, "{\"status\":\"gone\"}",
	    "{\"status\":[\"\\\"gone\\\" is not a valid choice.\"]}");
	/* Case matters. */
	assert_problem(a, "{\"status\":\"Active\"}",
	    "{\"status\":[\"\\\"Active\\\" is not a valid choice.\"]}");
	assert_problem(a, "{\"status\":\"\"}",
	    "{\"status\":[\"\\\"\\\" is not a valid choice.\"]}");
	assert_problem(a, "{\"status\":1}",
	    "{\"status\":[\"\\\"?\\\" is not a valid choice.\"]}");
	/* A refused value leaves the member alone. */
	errors = problem_of(a, "{\"status\":\"gone\"}", &c);
	assert_string_equal(c.status, "closed");
	free(errors);
	cl_arena_free(a);
}

static void
test_fields_id_accepts_positive_ids(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	errors = problem_of(a, "{\"kam_id\":12}", &c);
	assert_string_equal(errors, "{}");
	assert_int_equal(c.kam_id, 12);
	free(errors);
	errors = problem_of(a, "{\"kam_id\":\"13\"}", &c);
	assert_string_equal(errors, "{}");
	assert_int_equal(c.kam_id, 13);
	free(errors);
	errors = problem_of(a, "{\"kam_id\":1}", &c);
	assert_int_equal(c.kam_id, 1);
	free(errors);
	cl_arena_free(a);
}

static void
test_fields_id_rejects_zero_negative_and_strings(void **state)
{
	static const char received_str[] = "{\"kam_id\":[\"Incorrect type. "
	    "Expected pk value, received str.\"]}";
	static const char received_other[] = "{\"kam_id\":[\"Incorrect type. "
	    "Expected pk value, received other.\"]}";
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	assert_problem(a, "{\"kam_id\":0}",
	    "{\"kam_id\":[\"Invalid pk \\\"0\\\" - object does not exist.\"]}");
	assert_problem(a, "{\"kam_id\":-4}", "{\"kam_id\":[\"Invalid pk "
	    "\\\"-4\\\" - object does not exist.\"]}");
	assert_problem(a, "{\"kam_id\":\"0\"}",
	    "{\"kam_id\":[\"Invalid pk \\\"0\\\" - object does not exist.\"]}");
	assert_problem(a, "{\"kam_id\":\"abc\"}", received_str);
	assert_problem(a, "{\"kam_id\":\"\"}", received_str);
	assert_problem(a, "{\"kam_id\":\"12abc\"}", received_str);
	assert_problem(a, "{\"kam_id\":true}", received_other);
	assert_problem(a, "{\"kam_id\":1.5}", received_other);
	assert_problem(a, "{\"kam_id\":[1]}", received_other);
	errors = problem_of(a, "{\"kam_id\":0}", &c);
	assert_int_equal(c.kam_id, 9);
	free(errors);
	cl_arena_free(a);
}

static void
test_fields_rate_bounds(void **state)
{
	static const char between[] = "{\"vat_rate\":[\"Ensure this value is "
	    "between 0.00 and 100.00.\"]}";
	static const char decimals[] = "{\"vat_rate\":[\"A valid number with "
	    "at most 2 decimal places is required.\"]}";
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	errors = problem_of(a, "{\"vat_rate\":0}", &c);
	assert_string_equal(errors, "{}");
	assert_int_equal(c.vat, 0);
	free(errors);
	errors = problem_of(a, "{\"vat_rate\":100}", &c);
	assert_string_equal(errors, "{}");
	assert_int_equal(c.vat, 10000);
	free(errors);
	errors = problem_of(a, "{\"vat_rate\":\"15.5\"}", &c);
	assert_string_equal(errors, "{}");
	assert_int_equal(c.vat, 1550);
	free(errors);
	assert_problem(a, "{\"vat_rate\":-0.01}", between);
	assert_problem(a, "{\"vat_rate\":\"100.01\"}", between);
	assert_problem(a, "{\"vat_rate\":1000}", between);
	assert_problem(a, "{\"vat_rate\":\"1.234\"}", decimals);
	assert_problem(a, "{\"vat_rate\":\"15%\"}", decimals);
	c = prefilled();
	errors = problem_of(a, "{\"vat_rate\":100.01}", &c);
	assert_int_equal(c.vat, 700);
	free(errors);
	cl_arena_free(a);
}

static void
test_fields_null_on_nullable_stores_null(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	uint64_t present;
	char *errors;

	(void)state;
	assert_int_equal(read_body(a, "{\"name\":\"Acme\",\"kam_id\":null,"
	    "\"note\":null,\"seats\":null,\"start_date\":null,"
	    "\"is_active\":null}", &c, CL_FIELDS_FULL, &present, &errors),
	    CL_OK);
	assert_string_equal(errors, "{}");
	free(errors);
	assert_int_equal(c.kam_id, 0);
	assert_null(c.note);
	assert_int_equal(c.seats, 0);
	assert_null(c.start);
	assert_false(c.active);
	/* Null counts as given: a PATCH with null clears the value. */
	assert_int_equal(present, BIT(1) | BIT(2) | BIT(7) | BIT(8) | BIT(9) |
	    BIT(10));
	cl_arena_free(a);
}

static void
test_fields_null_on_non_nullable_is_an_error(void **state)
{
	struct cl_arena *a = cl_arena_new();
	struct customer c = prefilled();
	char *errors;

	(void)state;
	assert_int_equal(read_body(a, "{\"name\":null,\"status\":null,"
	    "\"vat_rate\":null}", &c, CL_FIELDS_FULL, NULL, &errors),
	    CL_EINVAL);
	assert_string_equal(errors,
	    "{\"name\":[\"This field may not be null.\"],"
	    "\"status\":[\"This field may not be null.\"],"
	    "\"vat_rate\":[\"This field may not be null.\"]}");
	free(errors);
	/* The members keep their values. */
	assert_string_equal(c.name, "old");
	assert_string_equal(c.status, "closed");
	assert_int_equal(c.vat, 700);
	cl_arena_free(a);
}

static void
test_fields_find_by_name(void **state)
{
	(void)state;
	assert_ptr_equal(cl_fields_find(customer_fields, "status"),
	    &customer_fields[3]);
	assert_ptr_equal(cl_fields_find(customer_fields, "id"),
	    &customer_fields[0]);
	assert_ptr_equal(cl_fields_find(customer_fields, "owner_id"),
	    &customer_fields[11]);
	assert_null(cl_fields_find(customer_fields, "stat"));
	assert_null(cl_fields_find(customer_fields, ""));
}

static void
test_fields_is_one_of(void **state)
{
	(void)state;
	assert_true(cl_is_one_of("active", statuses));
	assert_true(cl_is_one_of("closed", statuses));
	assert_false(cl_is_one_of("activ", statuses));
	assert_false(cl_is_one_of("", statuses));
	assert_false(cl_is_one_of("active", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_readonly_entries_are_never_read),
		cmocka_unit_test(test_fields_enum_accepts_listed_values),
		cmocka_unit_test(test_fields_enum_rejects_other_values),
		cmocka_unit_test(test_fields_id_accepts_positive_ids),
		cmocka_unit_test(
		    test_fields_id_rejects_zero_negative_and_strings),
		cmocka_unit_test(test_fields_rate_bounds),
		cmocka_unit_test(test_fields_null_on_nullable_stores_null),
		cmocka_unit_test(test_fields_null_on_non_nullable_is_an_error),
		cmocka_unit_test(test_fields_find_by_name),
		cmocka_unit_test(test_fields_is_one_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
