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
	tests/api/core/workers.py \
	tests/api/core/links.py \
	tests/api/core/edges.py \
	tests/api/core/transport.py \
	tests/api/core/keepalive.py
TESTS += $(API_CORE_TESTS)
EXTRA_DIST += $(API_CORE_TESTS)

API_SUBSCRIPTIONS_TESTS = \
	tests/api/subscriptions/plans.py \
	tests/api/subscriptions/purchases.py \
	tests/api/subscriptions/seed001_flow.py
TESTS += $(API_SUBSCRIPTIONS_TESTS)
EXTRA_DIST += $(API_SUBSCRIPTIONS_TESTS)

# Module identity (API.md §2). limits_ip.py locks a loopback address of its
# own; otp_resend.py waits 61 s. accounts.py is the helper other modules'
# tests use; forge.py signs tokens for the attack tests.
API_IDENTITY_TESTS = \
	tests/api/identity/login.py \
	tests/api/identity/register.py \
	tests/api/identity/otp.py \
	tests/api/identity/otp_resend.py \
	tests/api/identity/tokens.py \
	tests/api/identity/attacks.py \
	tests/api/identity/phones.py \
	tests/api/identity/sessions.py \
	tests/api/identity/rotation.py \
	tests/api/identity/session_routes.py \
	tests/api/identity/passwords.py \
	tests/api/identity/permissions.py \
	tests/api/identity/limits.py \
	tests/api/identity/limits_ip.py \
	tests/api/identity/abuse.py \
	tests/api/identity/cli.py \
	tests/api/identity/logs.py
TESTS += $(API_IDENTITY_TESTS)
EXTRA_DIST += $(API_IDENTITY_TESTS) tests/api/lib/accounts.py \
	tests/api/identity/forge.py

# Module billing (API.md §6, seed 004): KAMs (made with clientelectl kam
# create), customers, and the audit log of customer writes (read back with
# clientelectl audit list).
API_BILLING_TESTS = \
	tests/api/billing/kam.py \
	tests/api/billing/customers.py \
	tests/api/billing/audit.py \
	tests/api/billing/utility.py \
	tests/api/billing/packages.py \
	tests/api/billing/entitlements.py \
	tests/api/billing/entitlement_details.py \
	tests/api/billing/seed004_flow.py
TESTS += $(API_BILLING_TESTS)
EXTRA_DIST += $(API_BILLING_TESTS)

API_COLLECTIONS_TESTS = \
	tests/api/collections/agents.py \
	tests/api/collections/customers.py \
	tests/api/collections/performance.py
TESTS += $(API_COLLECTIONS_TESTS)
EXTRA_DIST += $(API_COLLECTIONS_TESTS)
