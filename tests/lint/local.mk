# Checks of the tree itself (no server needed). openapi.py also asks the
# server built here for its schema dump (clientele -S), and the unit test
# test_schema for the dump of its fake module, by these absolute paths:
# make check runs tests from the build tree, and under distcheck that is
# not where the sources are.
LINT_TESTS = tests/lint/openapi.py tests/lint/banned.py tests/lint/manpages.py \
	tests/lint/install.py
TESTS += $(LINT_TESTS)
AM_TESTS_ENVIRONMENT += \
	CLIENTELE_BIN='$(abs_top_builddir)/clientele$(EXEEXT)'; \
	CLIENTELE_SCHEMA_SAMPLE='$(abs_top_builddir)/tests/unit/core/test_schema$(EXEEXT)'; \
	CLIENTELE_BUILDDIR='$(abs_top_builddir)'; \
	export CLIENTELE_BIN CLIENTELE_SCHEMA_SAMPLE CLIENTELE_BUILDDIR;
EXTRA_DIST += $(LINT_TESTS) docs/build-openapi docs/openapi.json \
	$(wildcard $(srcdir)/docs/openapi/*.json)
