# nginx templates, the static pages and the API docs page; installed under
# $(pkgdatadir) for a production nginx (README, "Running in production").
nginxdir = $(pkgdatadir)/nginx
dist_nginx_DATA = nginx/clientele.conf.in nginx/nginx.conf.in
wwwdir = $(pkgdatadir)/www
dist_www_DATA = www/index.html www/site.css www/favicon.svg \
	www/session.js www/index.js www/import.html www/import.js
apidocsdir = $(pkgdatadir)/docs
dist_apidocs_DATA = docs/index.html docs/docs.js docs/docs.css
# openapi.json is distributed by tests/lint/local.mk (with its fragments).
apidocs_DATA = docs/openapi.json
