# The developer scripts, CI entry point and benchmarks travel with the
# source (make dist) but are not installed.
EXTRA_DIST += script/bootstrap script/build script/server script/stack \
	script/test script/package-test script/lsan.supp .ci/run \
	bench/run bench/README.md bench/report.lua bench/lib.sh bench/plans.sh \
	bench/customers.sh bench/gen_customers.py bench/packages.sh bench/crm.sh \
	bench/gen_crm.py bench/payments.sh bench/payments.lua bench/loyalty.sh \
	bench/live_export_rss.py bench/live_export_ttfb.py bench/speed bench/ref/ref.c bench/ref/ref.mk \
	bench/plans-growth.sh
# bench/speed's framework references and memory run (issue #10).
EXTRA_DIST += bench/setup bench/count.lua bench/php/select.php \
	bench/node/select.js bench/node/package.json bench/node/package-lock.json \
	bench/drf/benchdrf/__init__.py bench/drf/benchdrf/settings.py \
	bench/drf/benchdrf/models.py bench/drf/benchdrf/urls.py \
	bench/drf/benchdrf/wsgi.py

# The multi-host harness (root, network namespaces): script/test --full
# runs it after the suite.
EXTRA_DIST += script/cluster-test tests/cluster/scenarios.py
