# nginx: the templates (for a stack of your own), and for a production
# install the snippet of the site's locations and a sample site, filled in
# with this build's paths (README, "Installing on a server"). The static
# pages go to $(pkgdatadir)/www and the API docs to
# $(pkgdatadir)/www/api/docs, the layout nginx/snippet.conf.in serves.
nginxdir = $(pkgdatadir)/nginx
dist_nginx_DATA = nginx/clientele.conf.in nginx/nginx.conf.in \
	nginx/snippet.conf.in nginx/unknown-hosts.conf.in
wwwdir = $(pkgdatadir)/www
dist_www_DATA = www/index.html www/site.css www/favicon.svg \
	www/session.js www/index.js www/import.html www/import.js
apidocsdir = $(pkgdatadir)/www/api/docs
dist_apidocs_DATA = docs/index.html docs/docs.js docs/docs.css
# openapi.json is distributed by tests/lint/local.mk (with its fragments).
apidocs_DATA = docs/openapi.json

# Where nginx reads its configuration: $(sysconfdir)/nginx, so /etc/nginx
# for --sysconfdir=/etc (the Debian package), and inside the prefix for a
# make install that only stages.
nginxconfdir = $(sysconfdir)/nginx
nginxsnippetsdir = $(nginxconfdir)/snippets
nodist_nginxsnippets_DATA = nginx/snippets/clientele.conf \
	nginx/snippets/clientele-unknown-hosts.conf
nginxsitesdir = $(nginxconfdir)/sites-available
nodist_nginxsites_DATA = nginx/sites-available/clientele
CLEANFILES += $(nodist_nginxsnippets_DATA) $(nodist_nginxsites_DATA)

nginx/snippets/clientele.conf: nginx/snippet.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) nginx/snippets && sed \
		-e 's|@WWW[@]|$(wwwdir)|g' -e 's|@DOCS[@]|$(apidocsdir)|g' \
		-e 's|@AUTH_BURST[@]|20|g' \
		$(srcdir)/nginx/snippet.conf.in >$@.tmp && mv $@.tmp $@

# The default server refusing other host names, for a site whose
# server_name names its hosts (the sample site includes it, commented out).
nginx/snippets/clientele-unknown-hosts.conf: nginx/unknown-hosts.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) nginx/snippets && sed \
		-e 's|@HTTP_PORT[@]|80|g' -e 's|@HTTPS_PORT[@]|443|g' \
		-e 's|@HTTP_LISTEN_V6_DEFAULT[@]|listen [::1]:80 default_server;|g' \
		-e 's|@TLS_CERT[@]|/etc/ssl/certs/ssl-cert-snakeoil.pem|g' \
		-e 's|@TLS_KEY[@]|/etc/ssl/private/ssl-cert-snakeoil.key|g' \
		-e 's|@ACCESS_LOG[@]|$(localstatedir)/log/nginx/clientele-access.log|g' \
		$(srcdir)/nginx/unknown-hosts.conf.in >$@.tmp && mv $@.tmp $@

# The sample site: ports 80 and 443, Debian's snakeoil certificate
# (package ssl-cert) until a real one replaces it.
nginx/sites-available/clientele: nginx/clientele.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) nginx/sites-available && { \
		echo "# Clientele's site, installed by make install (edit server_name,"; \
		echo "# the certificate, and public_url in clientele.conf to match)."; \
		echo "# Enable: ln -s ../sites-available/clientele $(nginxconfdir)/sites-enabled/"; \
		echo "# On a host without IPv6 loopback, delete the \"listen [::1]:80;\" line."; \
		echo; \
		sed -e 's|@HTTP_PORT[@]|80|g' -e 's|@HTTPS_PORT[@]|443|g' \
		-e 's|@HTTP_LISTEN_V6[@]|listen [::1]:80;|g' \
		-e 's|@SERVER_NAME[@]|_|g' \
		-e 's|@UNKNOWN_HOSTS[@]|# With server_name set to your host names, refuse all others:\n# include $(nginxsnippetsdir)/clientele-unknown-hosts.conf;|g' \
		-e 's|@SOCKET[@]|$(runstatedir)/clientele/clientele.sock|g' \
		-e 's|@SNIPPET[@]|$(nginxsnippetsdir)/clientele.conf|g' \
		-e 's|@TLS_CERT[@]|/etc/ssl/certs/ssl-cert-snakeoil.pem|g' \
		-e 's|@TLS_KEY[@]|/etc/ssl/private/ssl-cert-snakeoil.key|g' \
		-e 's|@AUTH_RATE[@]|10r/s|g' \
		-e 's|@ACCESS_LOG[@]|$(localstatedir)/log/nginx/clientele-access.log|g' \
		$(srcdir)/nginx/clientele.conf.in; } >$@.tmp && mv $@.tmp $@

# Swagger UI (npm swagger-ui-dist, fetched into docs/viewer/node_modules
# by script/bootstrap, never committed) is installed as
# $(apidocsdir)/viewer when present; without it /api/docs/ is the plain
# list (docs/index.html). The tarball carries only our own files.
viewerdir = $(apidocsdir)/viewer
VIEWER_OWN = docs/viewer/index.html docs/viewer/init.js docs/viewer/viewer.css
VIEWER_UI = swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE
SWAGGER_UI = $(srcdir)/docs/viewer/node_modules/swagger-ui-dist
EXTRA_DIST += $(VIEWER_OWN) docs/viewer/package.json \
	docs/viewer/package-lock.json

install-docs-viewer:
	@if test -f $(SWAGGER_UI)/swagger-ui-bundle.js; then \
		echo " installing Swagger UI in $(viewerdir)"; \
		$(MKDIR_P) $(DESTDIR)$(viewerdir) || exit 1; \
		for f in $(VIEWER_OWN); do \
			$(INSTALL_DATA) $(srcdir)/$$f $(DESTDIR)$(viewerdir)/ || exit 1; \
		done; \
		for f in $(VIEWER_UI); do \
			$(INSTALL_DATA) $(SWAGGER_UI)/$$f $(DESTDIR)$(viewerdir)/ || exit 1; \
		done; \
	else \
		echo "note: no Swagger UI in $(SWAGGER_UI) (script/bootstrap fetches it): /api/docs/ is the plain list"; \
	fi

uninstall-docs-viewer:
	for f in $(VIEWER_OWN); do rm -f $(DESTDIR)$(viewerdir)/`basename $$f`; done
	for f in $(VIEWER_UI); do rm -f $(DESTDIR)$(viewerdir)/$$f; done
	rmdir $(DESTDIR)$(viewerdir) 2>/dev/null || :
