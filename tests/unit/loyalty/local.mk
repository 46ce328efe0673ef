# Unit tests of src/modules/loyalty.
check_PROGRAMS += tests/unit/loyalty/test_sql
TESTS += tests/unit/loyalty/test_sql

tests_unit_loyalty_test_sql_SOURCES = tests/unit/loyalty/test_sql.c
tests_unit_loyalty_test_sql_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_loyalty_test_sql_LDADD = $(CL_UNIT_LIBS)
