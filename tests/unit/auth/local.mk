# cmocka unit tests of src/auth: the route table, the pure rules, password
# hashes and JWTs.
AUTH_UNIT_TESTS = tests/unit/auth/test_routes tests/unit/auth/test_rules \
	tests/unit/auth/test_pwhash tests/unit/auth/test_jwt \
	tests/unit/auth/test_caller_cache
check_PROGRAMS += $(AUTH_UNIT_TESTS)
TESTS += $(AUTH_UNIT_TESTS)

tests_unit_auth_test_routes_SOURCES = tests/unit/auth/test_routes.c
tests_unit_auth_test_routes_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_auth_test_routes_LDADD = $(CL_UNIT_LIBS)
tests_unit_auth_test_rules_SOURCES = tests/unit/auth/test_rules.c
tests_unit_auth_test_rules_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_auth_test_rules_LDADD = $(CL_UNIT_LIBS)
tests_unit_auth_test_pwhash_SOURCES = tests/unit/auth/test_pwhash.c
tests_unit_auth_test_pwhash_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_auth_test_pwhash_LDADD = $(CL_UNIT_LIBS)
tests_unit_auth_test_jwt_SOURCES = tests/unit/auth/test_jwt.c
tests_unit_auth_test_jwt_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_auth_test_jwt_LDADD = $(CL_UNIT_LIBS)
tests_unit_auth_test_caller_cache_SOURCES = tests/unit/auth/test_caller_cache.c
tests_unit_auth_test_caller_cache_CFLAGS = $(CL_UNIT_CFLAGS)
tests_unit_auth_test_caller_cache_LDADD = $(CL_UNIT_LIBS)
