# cmocka unit tests of pure code, mirroring the source tree.
CL_UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
CL_UNIT_LIBS = $(CL_LIBS) $(CMOCKA_LIBS)

include tests/unit/core/local.mk
include tests/unit/auth/local.mk
include tests/unit/subscriptions/local.mk
include tests/unit/billing/local.mk
include tests/unit/collections/local.mk
include tests/unit/livestream/local.mk
include tests/unit/loyalty/local.mk
