/* The semantic passes (passes.h), run in order over a parsed program. */
#ifndef LANTERN_SEMA_H
#define LANTERN_SEMA_H
#include <regex.h>
#include <stdio.h>

#include "program.h"

struct params {
	char **argv; /* $1 is argv[0] */
	int argc;
	char **named; /* --name[=value] given after the script (getopt()) */
	int nnamed;
};

/* The arguments after the script: --name[=value] are named parameters,
 * the rest positional, as bpftrace splits them (pass_named.c). */
void params_from_args(struct params *p, char **args, int n);

struct sema_options {
	/* Print the AST to dump_to after each pass named in this
	 * comma-separated list ("expand,types"; NULL: none). */
	const char *dump_after;
	FILE *dump_to;
	bool unsafe; /* --unsafe */
	/* --probe-filter: only attach points whose names match it (POSIX
	 * extended regex, anywhere in the name), compiled by main.c; NULL:
	 * all. quiet (-q): nothing said when it leaves none. */
	const regex_t *probe_filter;
	bool quiet;
};

/* NULL after reporting errors. */
struct program *sema_run(struct node *ast, const struct params *params, const struct sema_options *o);

/* Whether name is a pass -d can dump after; names lists them for help. */
bool sema_is_pass(const char *name);
const char *sema_pass_names(void);
const char *sema_last_pass(void);

/* The AST of every expanded probe (the program as parsed before expand). */
void sema_dump(FILE *out, const struct program *p);

#endif
