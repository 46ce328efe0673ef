# Fuzz targets replayed over their corpus on every make check; the
# fuzzing itself is tests/fuzz/run (clang's libFuzzer).
FUZZ_REPLAYS = tests/fuzz/replay_query tests/fuzz/replay_conf \
	tests/fuzz/replay_router tests/fuzz/replay_body tests/fuzz/replay_jwt \
	tests/fuzz/replay_authorization tests/fuzz/replay_listing
check_PROGRAMS += $(FUZZ_REPLAYS)
tests_fuzz_replay_query_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_query.c
tests_fuzz_replay_query_LDADD = $(CL_LIBS)
tests_fuzz_replay_conf_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_conf.c
tests_fuzz_replay_conf_LDADD = $(CL_LIBS)
tests_fuzz_replay_router_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_router.c
tests_fuzz_replay_router_LDADD = $(CL_LIBS)
tests_fuzz_replay_body_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_body.c
tests_fuzz_replay_body_LDADD = $(CL_LIBS)
tests_fuzz_replay_jwt_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_jwt.c
tests_fuzz_replay_jwt_LDADD = $(CL_LIBS)
tests_fuzz_replay_authorization_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_authorization.c
tests_fuzz_replay_authorization_LDADD = $(CL_LIBS)
tests_fuzz_replay_listing_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_listing.c
tests_fuzz_replay_listing_LDADD = $(CL_LIBS)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/run tests/fuzz/corpus
