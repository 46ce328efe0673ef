bin_PROGRAMS += clientelectl
clientelectl_SOURCES = src/cli/clientelectl.c src/cli/cli.h \
	src/cli/migrate.c src/cli/audit.c
clientelectl_LDADD = $(CL_LIBS)
