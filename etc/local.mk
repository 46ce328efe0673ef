# What a production install adds around the binaries: the sample
# configuration (installed as $(sysconfdir)/clientele/clientele.conf, mode
# 0640, unless one is there: make install never overwrites a
# configuration), the systemd unit and the logrotate file. Their paths are
# filled in at make time, so "make install prefix=..." stays consistent.
cl_edit = sed \
	-e 's|@bindir[@]|$(bindir)|g' \
	-e 's|@sbindir[@]|$(sbindir)|g' \
	-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@localstatedir[@]|$(localstatedir)|g' \
	-e 's|@runstatedir[@]|$(runstatedir)|g' \
	-e 's|@pkgdatadir[@]|$(pkgdatadir)|g'

dist_noinst_DATA = etc/clientele.conf.in etc/logrotate.in \
	systemd/clientele.service.in

nodist_pkgdata_DATA = etc/clientele.conf.sample
logrotatedir = $(sysconfdir)/logrotate.d
nodist_logrotate_DATA = etc/logrotate.d/clientele
# configure --with-systemdsystemunitdir (Debian: /lib/systemd/system).
nodist_systemdsystemunit_DATA = systemd/clientele.service
CLEANFILES += $(nodist_pkgdata_DATA) $(nodist_logrotate_DATA) \
	$(nodist_systemdsystemunit_DATA)

etc/clientele.conf.sample: etc/clientele.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc && $(cl_edit) $(srcdir)/etc/clientele.conf.in >$@.tmp && mv $@.tmp $@
etc/logrotate.d/clientele: etc/logrotate.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc/logrotate.d && $(cl_edit) $(srcdir)/etc/logrotate.in >$@.tmp && mv $@.tmp $@
systemd/clientele.service: systemd/clientele.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd && $(cl_edit) $(srcdir)/systemd/clientele.service.in >$@.tmp && mv $@.tmp $@

confdir = $(sysconfdir)/clientele
install-data-local: install-docs-viewer
	$(MKDIR_P) $(DESTDIR)$(confdir)
	@if test -f $(DESTDIR)$(confdir)/clientele.conf; then \
		echo " keeping $(DESTDIR)$(confdir)/clientele.conf"; \
	else \
		echo " $(INSTALL) -m 0640 etc/clientele.conf.sample $(DESTDIR)$(confdir)/clientele.conf"; \
		$(INSTALL) -m 0640 etc/clientele.conf.sample $(DESTDIR)$(confdir)/clientele.conf || exit 1; \
		if test -z "$(DESTDIR)" && getent group clientele >/dev/null 2>&1; then \
			chgrp clientele $(confdir)/clientele.conf; \
		fi; \
	fi

# The configuration goes only when it is still the sample: an edited one
# is the administrator's.
uninstall-local: uninstall-docs-viewer
	@if cmp -s etc/clientele.conf.sample $(DESTDIR)$(confdir)/clientele.conf; then \
		echo " rm -f $(DESTDIR)$(confdir)/clientele.conf"; \
		rm -f $(DESTDIR)$(confdir)/clientele.conf; \
	fi
	rmdir $(DESTDIR)$(confdir) 2>/dev/null || :

# The directories this build installs to, for tests/lint/install.py.
print-install-dirs:
	@echo "bindir=$(bindir)"
	@echo "sbindir=$(sbindir)"
	@echo "sysconfdir=$(sysconfdir)"
	@echo "pkgdatadir=$(pkgdatadir)"
	@echo "mandir=$(mandir)"
	@echo "systemdsystemunitdir=$(systemdsystemunitdir)"
	@echo "localstatedir=$(localstatedir)"
	@echo "runstatedir=$(runstatedir)"
	@echo "srcdir=$(abs_srcdir)"
.PHONY: install-docs-viewer uninstall-docs-viewer print-install-dirs

# The Debian packaging travels with the tarball (script/package-test
# builds it from the tree).
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/clientele.postinst debian/clientele.postrm
