CORE_UNIT_TESTS = tests/unit/core/test_query tests/unit/core/test_router \
	tests/unit/core/test_conf tests/unit/core/test_response \
	tests/unit/core/test_money tests/unit/core/test_json \
	tests/unit/core/test_master tests/unit/core/test_routes_all \
	tests/unit/core/test_modules_all
check_PROGRAMS += $(CORE_UNIT_TESTS)
TESTS += $(CORE_UNIT_TESTS)

tests_unit_core_test_query_SOURCES = tests/unit/core/test_query.c
tests_unit_core_test_query_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_query_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_router_SOURCES = tests/unit/core/test_router.c
tests_unit_core_test_router_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_router_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_conf_SOURCES = tests/unit/core/test_conf.c
tests_unit_core_test_conf_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_conf_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_response_SOURCES = tests/unit/core/test_response.c
tests_unit_core_test_response_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_response_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_money_SOURCES = tests/unit/core/test_money.c
tests_unit_core_test_money_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_money_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_json_SOURCES = tests/unit/core/test_json.c
tests_unit_core_test_json_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_json_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_master_SOURCES = tests/unit/core/test_master.c
tests_unit_core_test_master_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_master_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_routes_all_SOURCES = tests/unit/core/test_routes_all.c
tests_unit_core_test_routes_all_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_routes_all_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_modules_all_SOURCES = tests/unit/core/test_modules_all.c
tests_unit_core_test_modules_all_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_modules_all_LDADD = $(CL_UNIT_LIBS)
