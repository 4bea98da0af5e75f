/* A very small test harness: CHECK records a failure with its line and
 * goes on; main.c runs every suite and prints the summary. */
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
/* The AST dump of a program that must parse. */
const char *parse_dump(const char *program);

void test_lexer(void);
void test_parser(void);
void test_diagnostics(void);
void test_types(void);
void test_printf_format(void);
void test_map_layout(void);
void test_btf_scan(void);

/* Whether map_name of a -e program that must compile is laid out in task
 * storage where the kernel allows (1 or 0); -1 if there is no such map. */
int task_local(const char *program, const char *map_name);
/* The layout of one map of a program that must compile, chosen and placed
 * among all its maps; returns the map's id, or -1. */
struct layout_options;
struct map_layout;
int map_layout_of(const char *program, const char *map_name, const struct layout_options *o, struct map_layout *out);

#endif
