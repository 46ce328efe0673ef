# bench/ref/ref.mk (make -f ref.mk): the bare references of bench/speed (not installed).
# The project's warning flags, with -O2 like a default build.
CC ?= cc
CFLAGS ?= -g -O2
WARN = -std=c11 -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter \
	-Wmissing-prototypes -Wstrict-prototypes -Wpointer-arith -Wvla -Werror
MYSQL_CFLAGS := $(shell mysql_config --cflags 2>/dev/null || echo -I/usr/include/mariadb)
MYSQL_LIBS := $(shell mysql_config --libs 2>/dev/null || echo -lmariadb)

ref: ref.c
	$(CC) $(CFLAGS) $(WARN) $(MYSQL_CFLAGS) -I/usr/include/cjson -o $@ ref.c \
		-lfcgi $(MYSQL_LIBS) -lcjson

clean:
	rm -f ref

.PHONY: clean
