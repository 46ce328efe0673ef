# The man pages: clientele(8), clientelectl(8) and clientele.conf(5).
# tests/lint/manpages.py holds them to the config and command tables.
dist_man_MANS = man/clientele.8 man/clientelectl.8 man/clientele.conf.5
