# API tests: black-box Python scripts (stdlib only) that talk HTTP to nginx
# in front of the pool, against MariaDB. They need the stack script/test
# starts (it exports CLIENTELE_URL and friends); without it they fail with
# "run script/test". One variable per module: add yours below, then
# "TESTS += $(API_<MODULE>_TESTS)" and "EXTRA_DIST += $(API_<MODULE>_TESTS)".
TEST_EXTENSIONS = .py
PY_LOG_COMPILER = $(PYTHON3)
AM_PY_LOG_FLAGS = -B

# Shared helpers imported by the tests (add helper modules here).
API_LIB = tests/api/lib/clientele_test.py
EXTRA_DIST += $(API_LIB)

API_CORE_TESTS = \
	tests/api/core/health.py \
	tests/api/core/errors.py \
	tests/api/core/bodies.py \
	tests/api/core/https.py \
	tests/api/core/static.py \
	tests/api/core/metrics.py \
	tests/api/core/ratelimit.py \
	tests/api/core/database.py \
	tests/api/core/workers.py
TESTS += $(API_CORE_TESTS)
EXTRA_DIST += $(API_CORE_TESTS)

API_SUBSCRIPTIONS_TESTS = \
	tests/api/subscriptions/plans.py \
	tests/api/subscriptions/purchases.py
TESTS += $(API_SUBSCRIPTIONS_TESTS)
EXTRA_DIST += $(API_SUBSCRIPTIONS_TESTS)
