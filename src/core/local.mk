libclientele_a_SOURCES += \
	src/core/arena.c src/core/arena.h \
	src/core/audit.c src/core/audit.h \
	src/core/banned.h \
	src/core/claim.c src/core/claim.h \
	src/core/columns.c src/core/columns.h \
	src/core/command.c src/core/command.h \
	src/core/conf.c src/core/conf.h \
	src/core/db.c src/core/db.h \
	src/core/dispatch.c src/core/dispatch.h \
	src/core/errors.h \
	src/core/fcgi_end.c src/core/fcgi_end.h \
	src/core/fields.c src/core/fields.h \
	src/core/idempotency.c src/core/idempotency.h \
	src/core/json.c src/core/json.h \
	src/core/listing.c src/core/listing.h \
	src/core/log.c src/core/log.h \
	src/core/master.c src/core/master.h \
	src/core/metrics.c src/core/metrics.h \
	src/core/money.c src/core/money.h \
	src/core/notify.c src/core/notify.h \
	src/core/page.c src/core/page.h \
	src/core/query.c src/core/query.h \
	src/core/request.c src/core/request.h \
	src/core/resource.c src/core/resource.h \
	src/core/response.c src/core/response.h \
	src/core/router.c src/core/router.h \
	src/core/schema.c src/core/schema.h \
	src/core/service.c src/core/service.h \
	src/core/timeutil.c src/core/timeutil.h \
	src/core/worker.c src/core/worker.h
# Headers of the resource kit, ahead of their .c files: schema.c reads
# their structs already, so the tarball must carry them.
noinst_HEADERS = src/core/listing.h src/core/resource.h

sbin_PROGRAMS += clientele
clientele_SOURCES = src/core/main.c
clientele_LDADD = $(CL_LIBS)
