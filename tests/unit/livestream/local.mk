# Unit tests of src/modules/livestream: one program per source file (the
# CSV program also holds the Pusher signatures, both pure formatting).
check_PROGRAMS += tests/unit/livestream/test_vin tests/unit/livestream/test_filters tests/unit/livestream/test_csv tests/unit/livestream/test_sql
TESTS += tests/unit/livestream/test_vin tests/unit/livestream/test_filters tests/unit/livestream/test_csv tests/unit/livestream/test_sql

tests_unit_livestream_test_vin_SOURCES = tests/unit/livestream/test_vin.c
tests_unit_livestream_test_vin_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_livestream_test_vin_LDADD = $(CL_UNIT_LIBS)
tests_unit_livestream_test_filters_SOURCES = tests/unit/livestream/test_filters.c
tests_unit_livestream_test_filters_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_livestream_test_filters_LDADD = $(CL_UNIT_LIBS)
tests_unit_livestream_test_csv_SOURCES = tests/unit/livestream/test_csv.c
tests_unit_livestream_test_csv_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_livestream_test_csv_LDADD = $(CL_UNIT_LIBS)
tests_unit_livestream_test_sql_SOURCES = tests/unit/livestream/test_sql.c
tests_unit_livestream_test_sql_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_livestream_test_sql_LDADD = $(CL_UNIT_LIBS)
