/* Diagnostics: every message the user sees about their script carries a
 * source location and is printed as bpftrace prints it:
 *   file:line:col-end: ERROR: message
 *   <the source line>
 *        ~~~~
 * (end is the column after the place; a -e program is "stdin"). Levels
 * are bpftrace's: ERROR, WARNING, and HINT for what goes with them.
 */
#ifndef LANTERN_DIAG_H
#define LANTERN_DIAG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct source {
	const char *name; /* "-e", "stdin" or the file path */
	const char *text;
};

/* 1-based lines and columns; end is inclusive and on the same line or
 * later. source is the id diag_add_source gave the text it is in (the
 * script, an imported file...); line 0 means no place. */
struct loc {
	int source;
	int line, col;
	int end_line, end_col;
};

/* Registers a source (which must outlive the diagnostics) and returns its
 * id for struct loc. */
int diag_add_source(const struct source *src);
const struct source *diag_source(int id);
void diag_set_stream(FILE *out); /* default stderr; tests capture here */
FILE *diag_stream(void);

void diag_error(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_verror(struct loc loc, const char *fmt, va_list ap);
void diag_warning(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error that belongs to no place in the script (kernel, system). */
void diag_plain_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_plain_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_plain_note(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* HINT: */

/* The name messages give a source: a -e program is "stdin", as bpftrace
 * names it */
const char *diag_shown_name(const struct source *src);
/* "file:line:col-end: " and the line with ~ under the place, printed or
 * as arena text (nothing when loc has no line) */
void diag_print_place(FILE *out, struct loc loc);
void diag_print_context(FILE *out, struct loc loc);
const char *diag_place_text(struct loc loc);
/* The text at a place on one line, as the script has it; NULL otherwise */
const char *diag_loc_text(struct loc loc);
const char *diag_context_text(struct loc loc);

/* --no-warnings: warnings (and their notes) are not printed. */
void diag_set_warnings(bool on);
bool diag_warnings_on(void);

int diag_error_count(void);
void diag_reset(void); /* forgets the errors and the sources */

/* A pass that runs until its results settle reports only its last round:
 * between diag_hold and diag_release, messages are kept back, then printed
 * (and errors counted) or dropped. */
void diag_hold(void);
void diag_release(bool print);

struct loc loc_span(struct loc from, struct loc to);

#endif
