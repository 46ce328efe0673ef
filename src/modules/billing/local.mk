# Module billing (API.md §6): one line per file, routes.c first.
libclientele_a_SOURCES += \
	src/modules/billing/routes.c \
	src/modules/billing/kams.c \
	src/modules/billing/customers.c \
	src/modules/billing/entitlements.c \
	src/modules/billing/details.c \
	src/modules/billing/packages.c \
	src/modules/billing/utility.c \
	src/modules/billing/invoices.c \
	src/modules/billing/payments.c \
	src/modules/billing/views.c \
	src/modules/billing/money.c \
	src/modules/billing/common.c \
	src/modules/billing/db.c \
	src/modules/billing/cli.c \
	src/modules/billing/internal.h \
	src/modules/billing/billing.h
