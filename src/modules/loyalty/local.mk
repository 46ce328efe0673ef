# Module loyalty (API.md §5): one line per file, routes.c first.
libclientele_a_SOURCES += \
	src/modules/loyalty/routes.c \
	src/modules/loyalty/clients.c \
	src/modules/loyalty/import.c \
	src/modules/loyalty/credits.c \
	src/modules/loyalty/tickets.c \
	src/modules/loyalty/db.c \
	src/modules/loyalty/internal.h \
	src/modules/loyalty/loyalty.h
