#include "diag.h"

#include "arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCES 256

static const struct source *sources[MAX_SOURCES];
static int nsources;
static FILE *stream;
static int errors;

/* Held messages (diag_hold): their text, and how many were errors. */
static FILE *held;
static char *held_text;
static size_t held_len;
static int held_errors;

int diag_add_source(const struct source *src)
{
	if (nsources == MAX_SOURCES)
		return 0; /* messages then show the first source's lines: no crash */
	sources[nsources] = src;
	return nsources++;
}

const struct source *diag_source(int id)
{
	return id >= 0 && id < nsources ? sources[id] : NULL;
}

void diag_set_stream(FILE *out) { stream = out; }
FILE *diag_stream(void) { return stream ? stream : stderr; }
int diag_error_count(void) { return errors; }

void diag_reset(void)
{
	errors = 0;
	held_errors = 0;
	nsources = 0;
}

void diag_hold(void)
{
	if (!held) {
		held = open_memstream(&held_text, &held_len);
		held_errors = 0;
	}
}

void diag_release(bool print)
{
	if (!held)
		return;
	fclose(held);
	held = NULL;
	if (print) {
		fwrite(held_text, 1, held_len, diag_stream());
		errors += held_errors;
	}
	held_errors = 0;
	free(held_text);
	held_text = NULL;
	held_len = 0;
}

/* Where messages go now. */
static FILE *sink(void)
{
	return held ? held : diag_stream();
}

struct loc loc_span(struct loc from, struct loc to)
{
	struct loc l = from;
	l.end_line = to.end_line;
	l.end_col = to.end_col;
	return l;
}

#define LINE_WINDOW 80

const char *diag_shown_name(const struct source *src)
{
	return !src ? "lantern" : !strcmp(src->name, "-e") ? "stdin" : src->name;
}

void diag_print_place(FILE *out, struct loc loc)
{
	const char *name = diag_shown_name(diag_source(loc.source));
	int end = (loc.end_col ? loc.end_col : loc.col) + 1; /* bpftrace's end is exclusive */
	if (loc.line <= 0)
		return;
	if (loc.end_line && loc.end_line != loc.line)
		fprintf(out, "%s:%d:%d-%d:%d: ", name, loc.line, loc.col, loc.end_line, end);
	else
		fprintf(out, "%s:%d:%d-%d: ", name, loc.line, loc.col, end);
}

/* Where loc's line starts in its source's text, or NULL */
static const char *line_of(struct loc loc)
{
	const struct source *src = diag_source(loc.source);
	if (!src || !src->text || loc.line <= 0)
		return NULL;
	const char *p = src->text;
	for (int l = 1; l < loc.line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return p && *p ? p : NULL;
}

const char *diag_loc_text(struct loc loc)
{
	const char *p = line_of(loc);
	if (!p || loc.end_line != loc.line || loc.end_col < loc.col || (size_t)loc.end_col > strcspn(p, "\n"))
		return NULL;
	return arena_strndup(p + loc.col - 1, (size_t)(loc.end_col - loc.col + 1));
}

void diag_print_context(FILE *out, struct loc loc)
{
	const char *p = line_of(loc);
	if (!p)
		return;
	int len = (int)strcspn(p, "\n");
	int end = loc.end_line == loc.line && loc.end_col >= loc.col ? loc.end_col : len;
	if (end > len)
		end = len;
	/* A long line (a generated script) shows a window around the place. */
	int from = loc.col - 1 > LINE_WINDOW ? loc.col - 1 - LINE_WINDOW / 2 : 0;
	int to = from + 2 * LINE_WINDOW < len ? from + 2 * LINE_WINDOW : len;
	if (end > to)
		end = to;
	fprintf(out, "%s%.*s%s\n", from ? "..." : "", to - from, p + from, to < len ? "..." : "");
	/* Keep tabs so the underline lines up under tab-indented code. */
	if (from)
		fputs("   ", out);
	for (int c = from + 1; c < loc.col && c <= len; c++)
		fputc(p[c - 1] == '\t' ? '\t' : ' ', out);
	fputc('~', out);
	for (int c = loc.col + 1; c <= end; c++)
		fputc('~', out);
	fputc('\n', out);
}

/* The two above as text that lives as long as the compilation, for a
 * message printed later (errorf(), a located runtime error) */
static const char *as_text(void (*print)(FILE *, struct loc), struct loc loc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return "";
	print(f, loc);
	fclose(f);
	char *s = arena_strndup(buf, len);
	free(buf);
	return s;
}

const char *diag_place_text(struct loc loc) { return as_text(diag_print_place, loc); }
const char *diag_context_text(struct loc loc) { return as_text(diag_print_context, loc); }

/* bpftrace's levels: ERROR, WARNING, and HINT for what goes with them */
static void report(const char *kind, struct loc loc, const char *fmt, va_list ap)
{
	FILE *out = sink();
	diag_print_place(out, loc);
	fprintf(out, "%s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	diag_print_context(out, loc);
}

/* A script with an error on every line (or generated) gets this many
 * shown, then one line saying there are more: output stays bounded. */
#define MAX_SHOWN_ERRORS 20

/* --no-warnings; and whether the last message was a warning left out
 * (a note after it goes with it) */
static bool warnings_off, dropped_warning;

void diag_set_warnings(bool on)
{
	warnings_off = !on;
}

bool diag_warnings_on(void)
{
	return !warnings_off;
}

void diag_verror(struct loc loc, const char *fmt, va_list ap)
{
	dropped_warning = false;
	int before = errors + held_errors;
	if (before < MAX_SHOWN_ERRORS)
		report("ERROR", loc, fmt, ap);
	else if (before == MAX_SHOWN_ERRORS)
		fprintf(sink(), "ERROR: more than %d errors; the rest are not shown\n", MAX_SHOWN_ERRORS);
	if (held)
		held_errors++;
	else
		errors++;
}

void diag_error(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(loc, fmt, ap);
	va_end(ap);
}

void diag_warning(struct loc loc, const char *fmt, ...)
{
	dropped_warning = warnings_off;
	if (warnings_off)
		return;
	va_list ap;
	va_start(ap, fmt);
	report("WARNING", loc, fmt, ap);
	va_end(ap);
}

void diag_note(struct loc loc, const char *fmt, ...)
{
	if (dropped_warning)
		return;
	va_list ap;
	va_start(ap, fmt);
	report("HINT", loc, fmt, ap);
	va_end(ap);
}

static void plain(FILE *out, const char *kind, const char *fmt, va_list ap)
{
	fprintf(out, "%s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
}

void diag_plain_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plain(diag_stream(), "ERROR", fmt, ap);
	va_end(ap);
	errors++;
}

void diag_plain_warning(const char *fmt, ...)
{
	if (warnings_off)
		return;
	va_list ap;
	va_start(ap, fmt);
	plain(sink(), "WARNING", fmt, ap);
	va_end(ap);
}

void diag_plain_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	plain(sink(), "HINT", fmt, ap);
	va_end(ap);
}
