# cmocka unit tests of src/auth: the pure rules, password hashes, JWTs.
AUTH_UNIT_TESTS = tests/unit/auth/test_rules tests/unit/auth/test_pwhash \
	tests/unit/auth/test_jwt
check_PROGRAMS += $(AUTH_UNIT_TESTS)
TESTS += $(AUTH_UNIT_TESTS)

tests_unit_auth_test_rules_SOURCES = tests/unit/auth/test_rules.c
tests_unit_auth_test_rules_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_auth_test_rules_LDADD = $(CL_LIBS) $(CMOCKA_LIBS)
tests_unit_auth_test_pwhash_SOURCES = tests/unit/auth/test_pwhash.c
tests_unit_auth_test_pwhash_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_auth_test_pwhash_LDADD = $(CL_LIBS) $(CMOCKA_LIBS)
tests_unit_auth_test_jwt_SOURCES = tests/unit/auth/test_jwt.c
tests_unit_auth_test_jwt_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_auth_test_jwt_LDADD = $(CL_LIBS) $(CMOCKA_LIBS)
