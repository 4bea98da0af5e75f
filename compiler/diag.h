/* Diagnostics: every message the user sees about their script carries a
 * source location and is printed as
 *   file:line:col: error: message
 *   <the source line>
 *        ^~~~
 */
#ifndef LANTERN_DIAG_H
#define LANTERN_DIAG_H
#include <stdio.h>

struct source {
	const char *name; /* "-e", "stdin" or the file path */
	const char *text;
};

/* 1-based lines and columns; end is inclusive and on the same line or later. */
struct loc {
	int line, col;
	int end_line, end_col;
};

void diag_set_source(const struct source *src);
const struct source *diag_source(void);
void diag_set_stream(FILE *out); /* default stderr; tests capture here */
FILE *diag_stream(void);

void diag_error(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warning(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error that belongs to no place in the script (kernel, system). */
void diag_plain_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int diag_error_count(void);
void diag_reset(void);

struct loc loc_span(struct loc from, struct loc to);

#endif
