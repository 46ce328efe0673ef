# Unit tests of src/modules/billing: one program per source file.
check_PROGRAMS += tests/unit/billing/test_sql
TESTS += tests/unit/billing/test_sql

tests_unit_billing_test_sql_SOURCES = tests/unit/billing/test_sql.c
tests_unit_billing_test_sql_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_billing_test_sql_LDADD = $(CL_UNIT_LIBS)

check_PROGRAMS += tests/unit/billing/test_money
TESTS += tests/unit/billing/test_money

tests_unit_billing_test_money_SOURCES = tests/unit/billing/test_money.c
tests_unit_billing_test_money_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_billing_test_money_LDADD = $(CL_UNIT_LIBS)
