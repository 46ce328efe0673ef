/* bench/ref/ref.c: the bare FastCGI references bench/speed measures
 * Clientele against. Not part of the product. Built with the project's
 * libraries (libfcgi, libmysqlclient, cJSON) and warnings:
 *
 *   ref const  -s SOCKET [-n PROCS]            a constant JSON answer
 *   ref select -s SOCKET [-n PROCS] -c CONF    one prepared SELECT of the
 *                                              first three plans, rendered
 *                                              with cJSON in Clientele's
 *                                              list envelope
 *
 * PROCS blocking libfcgi processes (default 4) accept on one Unix socket,
 * each serving one connection at a time: the plain libfcgi model. CONF is
 * a clientele.conf; its [database] socket, user, password and name are
 * used. The parent waits for SIGTERM and then ends its children. */
#define _POSIX_C_SOURCE 200809L

#include <cJSON.h>
#include <errno.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

struct dbconf {
	char socket[512], user[128], password[256], name[128];
};

static void
die(const char *what)
{
	fprintf(stderr, "bench/ref: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
	    s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* The [database] section of a clientele.conf: key = value lines. */
static void
read_conf(const char *path, struct dbconf *c)
{
	char line[1024], *eq, *key, *val;
	int in_db = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die(path);
	memset(c, 0, sizeof(*c));
	while (fgets(line, sizeof(line), f) != NULL) {
		trim(line);
		if (line[0] == '[') {
			in_db = strcmp(line, "[database]") == 0;
			continue;
		}
		if (!in_db || (eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		key = line;
		val = eq + 1;
		trim(key);
		while (*val == ' ')
			val++;
		if (strcmp(key, "socket") == 0)
			snprintf(c->socket, sizeof(c->socket), "%s", val);
		else if (strcmp(key, "user") == 0)
			snprintf(c->user, sizeof(c->user), "%s", val);
		else if (strcmp(key, "password") == 0)
			snprintf(c->password, sizeof(c->password), "%s", val);
		else if (strcmp(key, "name") == 0)
			snprintf(c->name, sizeof(c->name), "%s", val);
	}
	fclose(f);
}

static const char SELECT_SQL[] =
    "SELECT id, name, amount, payment_cycle, total_valid_months, "
    "is_cancellable FROM plans ORDER BY id LIMIT 3";

struct selector {
	MYSQL *my;
	MYSQL_STMT *st;
	MYSQL_BIND out[6];
	long long id;
	char name[101], amount[32];
	unsigned long name_len, amount_len;
	int cycle, months;
	signed char cancellable;
};

static void
selector_open(struct selector *s, const struct dbconf *c)
{
	memset(s, 0, sizeof(*s));
	s->my = mysql_init(NULL);
	if (s->my == NULL ||
	    mysql_real_connect(s->my, NULL, c->user, c->password, c->name, 0,
	    c->socket, 0) == NULL) {
		fprintf(stderr, "bench/ref: connect: %s\n", mysql_error(s->my));
		exit(1);
	}
	mysql_set_character_set(s->my, "utf8mb4");
	s->st = mysql_stmt_init(s->my);
	if (s->st == NULL ||
	    mysql_stmt_prepare(s->st, SELECT_SQL, sizeof(SELECT_SQL) - 1) != 0) {
		fprintf(stderr, "bench/ref: prepare: %s\n", mysql_error(s->my));
		exit(1);
	}
	s->out[0].buffer_type = MYSQL_TYPE_LONGLONG;
	s->out[0].buffer = &s->id;
	s->out[1].buffer_type = MYSQL_TYPE_STRING;
	s->out[1].buffer = s->name;
	s->out[1].buffer_length = sizeof(s->name);
	s->out[1].length = &s->name_len;
	s->out[2].buffer_type = MYSQL_TYPE_STRING;
	s->out[2].buffer = s->amount;
	s->out[2].buffer_length = sizeof(s->amount);
	s->out[2].length = &s->amount_len;
	s->out[3].buffer_type = MYSQL_TYPE_LONG;
	s->out[3].buffer = &s->cycle;
	s->out[4].buffer_type = MYSQL_TYPE_LONG;
	s->out[4].buffer = &s->months;
	s->out[5].buffer_type = MYSQL_TYPE_TINY;
	s->out[5].buffer = &s->cancellable;
	if (mysql_stmt_bind_result(s->st, s->out) != 0) {
		fprintf(stderr, "bench/ref: bind: %s\n", mysql_stmt_error(s->st));
		exit(1);
	}
}

/* The page as Clientele renders it; NULL on a database error. */
static char *
selector_page(struct selector *s)
{
	cJSON *root, *results, *row;
	char *out;
	int n = 0, rc;

	if (mysql_stmt_execute(s->st) != 0)
		return NULL;
	root = cJSON_CreateObject();
	results = cJSON_CreateArray();
	while ((rc = mysql_stmt_fetch(s->st)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		row = cJSON_CreateObject();
		cJSON_AddNumberToObject(row, "id", (double)s->id);
		s->name[s->name_len < sizeof(s->name) ? s->name_len :
		    sizeof(s->name) - 1] = '\0';
		cJSON_AddStringToObject(row, "name", s->name);
		s->amount[s->amount_len < sizeof(s->amount) ? s->amount_len :
		    sizeof(s->amount) - 1] = '\0';
		cJSON_AddStringToObject(row, "amount", s->amount);
		cJSON_AddNumberToObject(row, "payment_cycle", s->cycle);
		cJSON_AddNumberToObject(row, "total_valid_months", s->months);
		cJSON_AddBoolToObject(row, "is_cancellable", s->cancellable);
		cJSON_AddItemToArray(results, row);
		n++;
	}
	mysql_stmt_free_result(s->st);
	cJSON_AddNumberToObject(root, "count", n);
	cJSON_AddNullToObject(root, "next");
	cJSON_AddNullToObject(root, "previous");
	cJSON_AddItemToObject(root, "results", results);
	out = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return out;
}

static const char CONST_BODY[] = "{\"status\":\"ok\"}\n";

static void
child(int listen_fd, int selecting, const struct dbconf *c)
{
	struct selector s;
	FCGX_Request f;

	if (FCGX_Init() != 0 || FCGX_InitRequest(&f, listen_fd, 0) != 0)
		die("libfcgi");
	if (selecting)
		selector_open(&s, c);
	while (FCGX_Accept_r(&f) >= 0) {
		char *body = NULL, head[128];
		size_t len;
		int hlen;

		if (selecting && (body = selector_page(&s)) == NULL) {
			FCGX_FPrintF(f.out, "Status: 500\r\n"
			    "Content-Type: application/json\r\n\r\n{}\n");
			continue;
		}
		len = body ? strlen(body) : sizeof(CONST_BODY) - 1;
		/* libfcgi's own printf knows no %zu: format here. */
		hlen = snprintf(head, sizeof(head), "Content-Type: application/json; "
		    "charset=utf-8\r\nContent-Length: %zu\r\n\r\n", len);
		FCGX_PutStr(head, hlen, f.out);
		FCGX_PutStr(body ? body : CONST_BODY, (int)len, f.out);
		free(body);
	}
	exit(0);
}

static int
listen_unix(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		die(path);
	}
	unlink(path);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		die(path);
	if (chmod(path, 0666) != 0 || listen(fd, 1024) != 0)
		die("listen");
	return fd;
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

int
main(int argc, char **argv)
{
	const char *sock = NULL, *conf = NULL;
	struct dbconf c;
	struct sigaction sa;
	int procs = 4, selecting, opt, fd, i;
	pid_t *kids;

	if (argc < 2 || (strcmp(argv[1], "const") != 0 &&
	    strcmp(argv[1], "select") != 0)) {
		fprintf(stderr, "usage: ref const|select -s SOCKET [-n PROCS] "
		    "[-c CONF]\n");
		return 2;
	}
	selecting = strcmp(argv[1], "select") == 0;
	optind = 2;
	while ((opt = getopt(argc, argv, "s:n:c:")) != -1) {
		switch (opt) {
		case 's': sock = optarg; break;
		case 'n': procs = atoi(optarg); break;
		case 'c': conf = optarg; break;
		default: return 2;
		}
	}
	if (sock == NULL || procs < 1 || (selecting && conf == NULL)) {
		fprintf(stderr, "bench/ref: -s SOCKET (and -c CONF for select)\n");
		return 2;
	}
	memset(&c, 0, sizeof(c));
	if (selecting)
		read_conf(conf, &c);
	fd = listen_unix(sock);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	kids = calloc((size_t)procs, sizeof(*kids));
	if (kids == NULL)
		die("calloc");
	for (i = 0; i < procs; i++) {
		if ((kids[i] = fork()) < 0)
			die("fork");
		if (kids[i] == 0) {
			sa.sa_handler = SIG_DFL;
			sigaction(SIGTERM, &sa, NULL);
			child(fd, selecting, &c);
		}
	}
	while (!stopping)
		pause();
	for (i = 0; i < procs; i++)
		kill(kids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(sock);
	free(kids);
	return 0;
}
