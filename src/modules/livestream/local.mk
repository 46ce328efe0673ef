# Module livestream (API.md §7): one line per file, routes.c first.
libclientele_a_SOURCES += \
	src/modules/livestream/routes.c \
	src/modules/livestream/dashboard.c \
	src/modules/livestream/streams.c \
	src/modules/livestream/leads.c \
	src/modules/livestream/vin.c \
	src/modules/livestream/pusher.c \
	src/modules/livestream/filters.c \
	src/modules/livestream/csv.c \
	src/modules/livestream/render.c \
	src/modules/livestream/jobs.c \
	src/modules/livestream/db.c \
	src/modules/livestream/cli.c \
	src/modules/livestream/internal.h \
	src/modules/livestream/livestream.h
