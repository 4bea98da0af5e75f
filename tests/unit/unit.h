/* A very small test harness: CHECK records a failure with its line and
 * goes on; each binary's main.c runs its suites and unit_report prints
 * the summary. */
#ifndef LANTERN_UNIT_H
#define LANTERN_UNIT_H
#include <stdio.h>
#include <string.h>

#include "../../compiler/ast.h"

extern int unit_passed, unit_failed;

#define CHECK(cond)                                                                \
	do {                                                                       \
		if (cond) {                                                        \
			unit_passed++;                                             \
		} else {                                                           \
			unit_failed++;                                             \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                  \
	} while (0)

#define CHECK_CONTAINS(haystack, needle)                                                         \
	do {                                                                                     \
		const char *h_ = (haystack), *n_ = (needle);                                     \
		if (h_ && strstr(h_, n_)) {                                                      \
			unit_passed++;                                                           \
		} else {                                                                         \
			unit_failed++;                                                           \
			fprintf(stderr, "FAIL %s:%d: expected to find\n  %s\nin\n%s\n", __FILE__, \
				__LINE__, n_, h_ ? h_ : "(null)");                               \
		}                                                                                \
	} while (0)

/* Runs the front end (parse + semantic passes, no kernel, no codegen) on
 * a -e program; returns the diagnostics printed (static buffer) and sets
 * *ok to whether it compiled. Positional parameters from argv. */
const char *front_end(const char *program, int *ok, int argc, char **argv);
/* A CHECK that program passes the front end (its messages shown if not). */
void check_accepted(const char *program);
/* The same, with the AST after the semantic pass named pass written after
 * the diagnostics. */
const char *front_end_dump(const char *program, const char *pass, int *ok);
/* The AST dump of a program that must parse. */
const char *parse_dump(const char *program);
/* Prints the counts and appends "suite PASSED FAILED 0" to $RESULTS_FILE
 * (tests/check.sh sums them); returns the exit status. */
int unit_report(const char *suite);

void test_lexer(void);
void test_parser(void);
void test_macros(void);
void test_diagnostics(void);
void test_types(void);
void test_printf_format(void);
void test_probes(void);
void test_uprobe(void);
void test_usdt(void);
void test_dwarf(void);
void test_shape(void);
void test_config(void);
void test_cdefs(void);

#endif
