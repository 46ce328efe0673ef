# Module identity (API.md §2): accounts, passwords, tokens, apikeys,
# permissions, and the admin CLI commands clientelectl runs (cli.c).
libclientele_a_SOURCES += \
	src/auth/auth.h src/auth/internal.h \
	src/auth/routes.c \
	src/auth/accounts.c \
	src/auth/caller.c \
	src/auth/caller_cache.c \
	src/auth/cli.c \
	src/auth/credentials.c \
	src/auth/db.c \
	src/auth/jobs.c \
	src/auth/jwt.c \
	src/auth/limits.c \
	src/auth/login.c \
	src/auth/otp.c \
	src/auth/passwords.c \
	src/auth/phones.c \
	src/auth/presence.c \
	src/auth/pwhash.c \
	src/auth/register.c \
	src/auth/render.c \
	src/auth/rules.c \
	src/auth/secrets.c \
	src/auth/sessions.c \
	src/auth/tokens.c
