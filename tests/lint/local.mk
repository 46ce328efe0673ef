# Checks of the tree itself (no server needed).
LINT_TESTS = tests/lint/openapi.py tests/lint/banned.py
TESTS += $(LINT_TESTS)
EXTRA_DIST += $(LINT_TESTS) docs/build-openapi docs/openapi.json \
	$(wildcard $(srcdir)/docs/openapi/*.json)
