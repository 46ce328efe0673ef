# Unit tests of src/modules/collections: one program per source file.
check_PROGRAMS += tests/unit/collections/test_status tests/unit/collections/test_sql tests/unit/collections/test_performance
TESTS += tests/unit/collections/test_status tests/unit/collections/test_sql tests/unit/collections/test_performance

tests_unit_collections_test_status_SOURCES = tests/unit/collections/test_status.c
tests_unit_collections_test_status_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_collections_test_status_LDADD = $(CL_UNIT_LIBS)
tests_unit_collections_test_sql_SOURCES = tests/unit/collections/test_sql.c
tests_unit_collections_test_sql_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_collections_test_sql_LDADD = $(CL_UNIT_LIBS)
tests_unit_collections_test_performance_SOURCES = tests/unit/collections/test_performance.c
tests_unit_collections_test_performance_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_collections_test_performance_LDADD = $(CL_UNIT_LIBS)
