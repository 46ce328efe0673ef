# Browser tests: Node scripts driving Debian's chromium with playwright-core
# (tests/browser/lib.mjs), against the stack script/test starts. The
# package is installed into tests/browser/node_modules by script/bootstrap.
TEST_EXTENSIONS += .mjs
MJS_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/run-locked $(NODE)

BROWSER_LIB = tests/browser/lib.mjs tests/browser/package.json \
	tests/browser/package-lock.json
EXTRA_DIST += $(BROWSER_LIB)

BROWSER_TESTS = \
	tests/browser/home.mjs \
	tests/browser/loyalty.mjs
TESTS += $(BROWSER_TESTS)
EXTRA_DIST += $(BROWSER_TESTS)
