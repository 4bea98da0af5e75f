/* The registry of built-in variables and functions. An entry names the
 * builtin, its arity and signature, and its type rule; codegen lowers it by
 * id (codegen/lower_builtins.c) and the runtime prints what async ones send.
 * Adding a builtin means one entry here and its cases there. */
#ifndef LANTERN_BUILTINS_H
#define LANTERN_BUILTINS_H
#include <stdbool.h>

#include "ast.h"

enum builtin_id {
	/* variables */
	B_PID, B_TID, B_UID, B_GID, B_COMM, B_NSECS, B_ELAPSED, B_CPU, B_PROBE, B_ARGS,
	/* functions */
	F_PRINTF, F_PRINT, F_STR, F_COUNT, F_SUM, F_AVG, F_MIN, F_MAX, F_STATS,
	F_HIST, F_LHIST, F_DELETE, F_CLEAR, F_ZERO, F_EXIT,
};

struct checker;

struct builtin {
	const char *name;
	enum builtin_id id;
	bool is_function;
	int min_args, max_args;
	const char *signature; /* shown when a call is wrong */
	/* Types the variable or the call (arity already checked); reports
	 * errors through the checker. */
	struct type (*check)(struct checker *c, struct node *n);
};

const struct builtin *builtin_lookup(const char *name);

/* True for the aggregation functions (count, hist...). */
bool builtin_is_aggregation(const struct builtin *b);

#endif
