# Migrations and demo data are installed with the program so that
# `clientelectl migrate` finds them in $(pkgdatadir)/sql.
sqldir = $(pkgdatadir)/sql
dist_sql_DATA = $(wildcard $(srcdir)/sql/[0-9][0-9][0-9][0-9]_*.sql)
sqldemodir = $(pkgdatadir)/sql/demo
dist_sqldemo_DATA = $(wildcard $(srcdir)/sql/demo/*.sql)
