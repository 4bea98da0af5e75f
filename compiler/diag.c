#include "diag.h"

#include <stdarg.h>
#include <string.h>

static const struct source *current;
static FILE *stream;
static int errors;

void diag_set_source(const struct source *src) { current = src; }
const struct source *diag_source(void) { return current; }
void diag_set_stream(FILE *out) { stream = out; }
FILE *diag_stream(void) { return stream ? stream : stderr; }
int diag_error_count(void) { return errors; }
void diag_reset(void) { errors = 0; }

struct loc loc_span(struct loc from, struct loc to)
{
	struct loc l = from;
	l.end_line = to.end_line;
	l.end_col = to.end_col;
	return l;
}

/* Print source line `line` and a caret under columns [col, end_col]. */
static void show_line(FILE *out, struct loc loc)
{
	if (!current || !current->text || loc.line <= 0)
		return;
	const char *p = current->text;
	for (int l = 1; l < loc.line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p || !*p)
		return;
	size_t len = strcspn(p, "\n");
	fprintf(out, "%.*s\n", (int)len, p);
	int end = loc.end_line == loc.line && loc.end_col >= loc.col ? loc.end_col : (int)len;
	if (end > (int)len)
		end = (int)len;
	/* Keep tabs so the caret lines up under tab-indented code. */
	for (int c = 1; c < loc.col && c <= (int)len; c++)
		fputc(p[c - 1] == '\t' ? '\t' : ' ', out);
	fputc('^', out);
	for (int c = loc.col + 1; c <= end; c++)
		fputc('~', out);
	fputc('\n', out);
}

static void report(const char *kind, struct loc loc, const char *fmt, va_list ap)
{
	FILE *out = diag_stream();
	const char *name = current ? current->name : "lantern";
	if (loc.line > 0)
		fprintf(out, "%s:%d:%d: %s: ", name, loc.line, loc.col, kind);
	else
		fprintf(out, "%s: %s: ", name, kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	show_line(out, loc);
}

void diag_error(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("error", loc, fmt, ap);
	va_end(ap);
	errors++;
}

void diag_warning(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("warning", loc, fmt, ap);
	va_end(ap);
}

void diag_note(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("note", loc, fmt, ap);
	va_end(ap);
}

void diag_plain_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	FILE *out = diag_stream();
	fputs("lantern: error: ", out);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	va_end(ap);
	errors++;
}
