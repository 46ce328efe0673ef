# Unit tests of src/modules/subscriptions: one program per source file.
check_PROGRAMS += tests/unit/subscriptions/test_routes \
	tests/unit/subscriptions/test_purchases \
	tests/unit/subscriptions/test_render \
	tests/unit/subscriptions/test_sql
TESTS += tests/unit/subscriptions/test_routes \
	tests/unit/subscriptions/test_purchases \
	tests/unit/subscriptions/test_render \
	tests/unit/subscriptions/test_sql

tests_unit_subscriptions_test_routes_SOURCES = tests/unit/subscriptions/test_routes.c
tests_unit_subscriptions_test_routes_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_subscriptions_test_routes_LDADD = $(CL_UNIT_LIBS)

tests_unit_subscriptions_test_purchases_SOURCES = tests/unit/subscriptions/test_purchases.c
tests_unit_subscriptions_test_purchases_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_subscriptions_test_purchases_LDADD = $(CL_UNIT_LIBS)

tests_unit_subscriptions_test_render_SOURCES = tests/unit/subscriptions/test_render.c
tests_unit_subscriptions_test_render_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_subscriptions_test_render_LDADD = $(CL_UNIT_LIBS)

tests_unit_subscriptions_test_sql_SOURCES = tests/unit/subscriptions/test_sql.c
tests_unit_subscriptions_test_sql_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_subscriptions_test_sql_LDADD = $(CL_UNIT_LIBS)
