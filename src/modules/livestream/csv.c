/* Module livestream: one CSV cell (RFC 4180) for the dashboard's exports,
 * with the formula-injection guard spreadsheets need (OWASP "CSV
 * Injection"): pure, tests/unit/livestream/test_csv.c. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <string.h>

#include "core/banned.h"

size_t
live_csv_escape(const char *s, char *out)
{
	size_t n = 0;
	bool quote;

	if (s == NULL)
		return 0;
	/* A leading ' makes a spreadsheet show the text instead of running
	 * it; inside quotes as well, since the quotes are not part of the
	 * cell's value. */
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		out[n++] = '"';
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		out[n++] = '\'';
	for (; *s; s++) {
		if (*s == '"')
			out[n++] = '"';
		out[n++] = *s;
	}
	if (quote)
		out[n++] = '"';
	return n;
}
