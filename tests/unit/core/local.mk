CORE_UNIT_TESTS = tests/unit/core/test_query tests/unit/core/test_router \
	tests/unit/core/test_conf tests/unit/core/test_response \
	tests/unit/core/test_money tests/unit/core/test_json \
	tests/unit/core/test_master tests/unit/core/test_schema \
	tests/unit/core/test_fcgi_end tests/unit/core/test_log \
	tests/unit/core/test_routes_all tests/unit/core/test_modules_all
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
# Not pure: claims rows in the test stack's MariaDB (CLIENTELE_CONF).
check_PROGRAMS += tests/unit/core/test_claim
TESTS += tests/unit/core/test_claim
tests_unit_core_test_claim_SOURCES = tests/unit/core/test_claim.c
tests_unit_core_test_claim_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_claim_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_master_SOURCES = tests/unit/core/test_master.c
tests_unit_core_test_master_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_master_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_fcgi_end_SOURCES = tests/unit/core/test_fcgi_end.c
tests_unit_core_test_fcgi_end_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_fcgi_end_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_log_SOURCES = tests/unit/core/test_log.c
tests_unit_core_test_log_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_log_LDADD = $(CL_UNIT_LIBS)

# The resource kit: column tables, field types, lists, database keys.
CORE_KIT_UNIT_TESTS = tests/unit/core/test_columns \
	tests/unit/core/test_fields tests/unit/core/test_listing \
	tests/unit/core/test_db
check_PROGRAMS += $(CORE_KIT_UNIT_TESTS)
TESTS += $(CORE_KIT_UNIT_TESTS)
tests_unit_core_test_columns_SOURCES = tests/unit/core/test_columns.c
tests_unit_core_test_columns_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_columns_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_fields_SOURCES = tests/unit/core/test_fields.c
tests_unit_core_test_fields_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_fields_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_listing_SOURCES = tests/unit/core/test_listing.c
tests_unit_core_test_listing_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_listing_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_db_SOURCES = tests/unit/core/test_db.c
tests_unit_core_test_db_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_db_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_schema_SOURCES = tests/unit/core/test_schema.c
tests_unit_core_test_schema_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_schema_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_routes_all_SOURCES = tests/unit/core/test_routes_all.c
tests_unit_core_test_routes_all_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_routes_all_LDADD = $(CL_UNIT_LIBS)
tests_unit_core_test_modules_all_SOURCES = tests/unit/core/test_modules_all.c
tests_unit_core_test_modules_all_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_core_test_modules_all_LDADD = $(CL_UNIT_LIBS)
