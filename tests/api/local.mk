# API tests: black-box Python scripts (stdlib only) that talk HTTP to nginx
# in front of the pool, against MariaDB. They need the stack script/test
# starts (it exports CLIENTELE_URL and friends); without it they fail with
# "run script/test". One variable per module: add yours below, then
# "TESTS += $(API_<MODULE>_TESTS)" and "EXTRA_DIST += $(API_<MODULE>_TESTS)".
# "make -jN check" runs them side by side through tests/run-locked: a test
# marked "# clientele-test: exclusive" (it stops or restarts part of the
# stack, or counts what every request changes) runs alone. Those are
# listed in API_EXCLUSIVE_TESTS, which Makefile.am adds to TESTS last, so
# that they do not hold a job slot while the others run.
TEST_EXTENSIONS = .py
PY_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/run-locked $(PYTHON3)
AM_PY_LOG_FLAGS = -B
EXTRA_DIST += tests/run-locked

# Shared helpers imported by the tests (add helper modules here).
API_LIB = tests/api/lib/clientele_test.py
EXTRA_DIST += $(API_LIB)

API_CORE_TESTS = \
	tests/api/core/health.py \
	tests/api/core/errors.py \
	tests/api/core/bodies.py \
	tests/api/core/https.py \
	tests/api/core/static.py \
	tests/api/core/links.py \
	tests/api/core/edges.py \
	tests/api/core/transport.py \
	tests/api/core/notify.py \
	tests/api/core/tcp_listen.py
TESTS += $(API_CORE_TESTS)
EXTRA_DIST += $(API_CORE_TESTS)

# Exclusive tests (see above), whatever their module.
API_EXCLUSIVE_TESTS = \
	tests/api/core/metrics.py \
	tests/api/core/ratelimit.py \
	tests/api/core/database.py \
	tests/api/core/workers.py \
	tests/api/core/hosts.py \
	tests/api/loyalty/open.py \
	tests/api/core/keepalive.py \
	tests/api/core/retire.py \
	tests/api/identity/caller_cache.py \
	tests/api/core/logrotate.py \
	tests/api/livestream/delivery.py \
	tests/api/loyalty/import_10k.py \
	tests/api/subscriptions/plans.py
EXTRA_DIST += $(API_EXCLUSIVE_TESTS)

API_SUBSCRIPTIONS_TESTS = \
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
	tests/api/billing/seed004_flow.py \
	tests/api/billing/invoices.py \
	tests/api/billing/payments.py \
	tests/api/billing/customer_money.py
TESTS += $(API_BILLING_TESTS)
EXTRA_DIST += $(API_BILLING_TESTS) tests/api/lib/billing_money.py

API_COLLECTIONS_TESTS = \
	tests/api/collections/agents.py \
	tests/api/collections/customers.py \
	tests/api/collections/performance.py
TESTS += $(API_COLLECTIONS_TESTS)
EXTRA_DIST += $(API_COLLECTIONS_TESTS)

API_LIVESTREAM_TESTS = \
	tests/api/livestream/streams.py \
	tests/api/livestream/expiry.py \
	tests/api/livestream/leads_chat.py \
	tests/api/livestream/vin.py \
	tests/api/livestream/socket_auth.py \
	tests/api/livestream/dashboard.py \
	tests/api/livestream/export.py \
	tests/api/livestream/accounts.py
TESTS += $(API_LIVESTREAM_TESTS)
EXTRA_DIST += $(API_LIVESTREAM_TESTS) tests/api/livestream/live.py
API_LOYALTY_TESTS = \
	tests/api/loyalty/clients.py \
	tests/api/loyalty/credits.py \
	tests/api/loyalty/tickets.py \
	tests/api/loyalty/import.py
TESTS += $(API_LOYALTY_TESTS)
EXTRA_DIST += $(API_LOYALTY_TESTS) tests/api/loyalty/loyalty_lib.py
