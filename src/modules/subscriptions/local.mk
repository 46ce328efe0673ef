# Module subscriptions (API.md §4): one line per file, routes.c first.
libclientele_a_SOURCES += \
	src/modules/subscriptions/routes.c \
	src/modules/subscriptions/plans.c \
	src/modules/subscriptions/purchases.c \
	src/modules/subscriptions/db.c \
	src/modules/subscriptions/render.c \
	src/modules/subscriptions/internal.h \
	src/modules/subscriptions/subscriptions.h
