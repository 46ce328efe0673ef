# Module collections (API.md §3): one line per file, routes.c first.
libclientele_a_SOURCES += \
	src/modules/collections/routes.c \
	src/modules/collections/status.c \
	src/modules/collections/roles.c \
	src/modules/collections/agents.c \
	src/modules/collections/customers.c \
	src/modules/collections/import.c \
	src/modules/collections/performance.c \
	src/modules/collections/db.c \
	src/modules/collections/render.c \
	src/modules/collections/internal.h \
	src/modules/collections/collections.h
