/* Unit tests of the pure part of src/core/db.c: the key or constraint
 * name cl_db_key_from_message finds in a MariaDB (or MySQL 8) message. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "core/db.h"

#define FK_CHILD \
	"Cannot add or update a child row: a foreign key constraint " \
	"fails (`clientele`.`billing_customers`, " \
	"CONSTRAINT `billing_customers_kam` FOREIGN KEY (`kam_id`) " \
	"REFERENCES `billing_kams` (`id`))"
#define FK_PARENT \
	"Cannot delete or update a parent row: a foreign key constraint " \
	"fails (`clientele`.`billing_invoices`, " \
	"CONSTRAINT `billing_invoices_customer` FOREIGN KEY (`customer_id`) " \
	"REFERENCES `billing_customers` (`id`))"

/* Every buffer here has BUF bytes. */
#define BUF 128

/* The key of msg, read into the first size bytes of buf, which starts
 * out full of junk so a missing terminator or a stray write shows. */
static const char *
key_of(const char *msg, char *buf, size_t size)
{
	memset(buf, 'Z', BUF);
	cl_db_key_from_message(msg, buf, size);
	return buf;
}

static void
test_db_key_from_duplicate_entry(void **state)
{
	char buf[BUF];

	(void)state;
	assert_string_equal(key_of("Duplicate entry 'x' for key "
	    "'customers_number'", buf, sizeof(buf)), "customers_number");
	assert_string_equal(key_of("Duplicate entry '12-3' for key 'PRIMARY'",
	    buf, sizeof(buf)), "PRIMARY");
}

static void
test_db_key_from_duplicate_entry_drops_table_prefix(void **state)
{
	char buf[BUF];

	(void)state;
	/* MySQL 8 names the key "table.key". */
	assert_string_equal(key_of(
	    "Duplicate entry 'a' for key 'billing.customers_number'", buf,
	    sizeof(buf)), "customers_number");
	assert_string_equal(key_of(
	    "Duplicate entry 'a' for key 'billing_customers.customers_email'",
	    buf, sizeof(buf)), "customers_email");
}

static void
test_db_key_from_duplicate_entry_whose_value_says_for_key(void **state)
{
	char buf[BUF];

	(void)state;
	/* The client chose the entry's text: only the last "for key '" is
	 * MariaDB's. */
	assert_string_equal(key_of(
	    "Duplicate entry 'x' for key 'fake'' for key 'customers_number'",
	    buf, sizeof(buf)), "customers_number");
	assert_string_equal(key_of(
	    "Duplicate entry 'for key 'a.b' for key 'customers_email'", buf,
	    sizeof(buf)), "customers_email");
}

static void
test_db_key_from_foreign_key_messages(void **state)
{
	char buf[BUF];

	(void)state;
	assert_string_equal(key_of(FK_CHILD, buf, sizeof(buf)),
	    "billing_customers_kam");
	assert_string_equal(key_of(FK_PARENT, buf, sizeof(buf)),
	    "billing_invoices_customer");
	assert_string_equal(key_of("Cannot delete or update a parent row: a "
	    "foreign key constraint fails (...CONSTRAINT `x` ...)", buf,
	    sizeof(buf)), "x");
}

static void
test_db_key_from_message_without_key_is_empty(void **state)
{
	char buf[BUF];

	(void)state;
	assert_string_equal(key_of("Lock wait timeout exceeded; try restarting "
	    "transaction", buf, sizeof(buf)), "");
	assert_string_equal(key_of("Data too long for column 'name' at row 1",
	    buf, sizeof(buf)), "");
	assert_string_equal(key_of("", buf, sizeof(buf)), "");
	assert_string_equal(key_of(NULL, buf, sizeof(buf)), "");
}

static void
test_db_key_from_message_truncates_to_the_buffer(void **state)
{
	char buf[BUF];

	(void)state;
	/* 7 bytes: 6 characters and the terminator; the byte after the
	 * buffer stays untouched. */
	assert_string_equal(key_of("Duplicate entry 'x' for key "
	    "'customers_number'", buf, 7), "custom");
	assert_int_equal(buf[7], 'Z');
	assert_string_equal(key_of(FK_CHILD, buf, 8), "billing");
	assert_int_equal(buf[8], 'Z');
	/* A key exactly as long as the buffer loses its last character. */
	assert_string_equal(key_of("Duplicate entry 'x' for key "
	    "'customers_number'", buf, 16), "customers_numbe");
	assert_int_equal(buf[16], 'Z');
	/* One byte holds only the terminator. */
	assert_string_equal(key_of(FK_CHILD, buf, 1), "");
	assert_int_equal(buf[1], 'Z');
	/* Zero bytes: nothing is written at all. */
	memset(buf, 'Z', sizeof(buf));
	cl_db_key_from_message(FK_CHILD, buf, 0);
	assert_int_equal(buf[0], 'Z');
}

/* The retry rule: never run a write twice that may have been applied. */
static void
test_db_retry_only_what_cannot_apply_twice(void **state)
{
	(void)state;
	/* Nothing sent yet (prepare, bind): anything may run again. */
	assert_true(cl_db_can_retry(CR_SERVER_LOST, false, false));
	/* Found gone on writing the request: the server never saw it. */
	assert_true(cl_db_can_retry(CR_SERVER_GONE_ERROR, true, false));
	/* Lost during or after execution: only a read runs again. */
	assert_false(cl_db_can_retry(CR_SERVER_LOST, true, false));
	assert_true(cl_db_can_retry(CR_SERVER_LOST, true, true));
	assert_false(cl_db_can_retry(ER_CONNECTION_KILLED, true, false));
	assert_false(cl_db_can_retry(ER_SERVER_SHUTDOWN, true, false));
	assert_true(cl_db_can_retry(ER_SERVER_SHUTDOWN, true, true));
}

static void
test_db_read_only_is_a_select(void **state)
{
	(void)state;
	assert_true(cl_db_is_read_only("SELECT 1"));
	assert_true(cl_db_is_read_only("  select id FROM t"));
	assert_true(cl_db_is_read_only("(SELECT a FROM t) UNION (SELECT b FROM u)"));
	assert_false(cl_db_is_read_only("INSERT INTO t VALUES (?)"));
	assert_false(cl_db_is_read_only("UPDATE t SET a = ?"));
	assert_false(cl_db_is_read_only("DELETE FROM t"));
	assert_false(cl_db_is_read_only("SELECTED"));
}

static void
test_db_replica_usable_only_when_replicating_within_the_bound(void **state)
{
	(void)state;
	assert_true(cl_db_replica_usable("Yes", "Yes", "0", 5));
	assert_true(cl_db_replica_usable("Yes", "Yes", "5", 5));
	assert_false(cl_db_replica_usable("Yes", "Yes", "6", 5));
	assert_false(cl_db_replica_usable("Yes", "Yes", "0", -1));
	/* Stopped threads, a reconnecting IO thread, no lag figure. */
	assert_false(cl_db_replica_usable("No", "Yes", "0", 5));
	assert_false(cl_db_replica_usable("Yes", "No", "0", 5));
	assert_false(cl_db_replica_usable("Connecting", "Yes", "0", 5));
	assert_false(cl_db_replica_usable("Yes", "Yes", NULL, 5));
	assert_false(cl_db_replica_usable("Yes", "Yes", "", 5));
	assert_false(cl_db_replica_usable("Yes", "Yes", "3x", 5));
	assert_false(cl_db_replica_usable(NULL, NULL, NULL, 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db_key_from_duplicate_entry),
		cmocka_unit_test(test_db_retry_only_what_cannot_apply_twice),
		cmocka_unit_test(test_db_read_only_is_a_select),
		cmocka_unit_test(
		    test_db_key_from_duplicate_entry_drops_table_prefix),
		cmocka_unit_test(
		    test_db_key_from_duplicate_entry_whose_value_says_for_key),
		cmocka_unit_test(test_db_key_from_foreign_key_messages),
		cmocka_unit_test(test_db_key_from_message_without_key_is_empty),
		cmocka_unit_test(
		    test_db_key_from_message_truncates_to_the_buffer),
		cmocka_unit_test(
		    test_db_replica_usable_only_when_replicating_within_the_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
