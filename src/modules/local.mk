# One include per module; modules.c lists their tables.
libclientele_a_SOURCES += src/modules/modules.c
include src/modules/subscriptions/local.mk
include src/modules/billing/local.mk
include src/modules/collections/local.mk
include src/modules/livestream/local.mk
include src/modules/loyalty/local.mk
