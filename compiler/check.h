/* The type checker's internals, shared with the builtin type rules. */
#ifndef LANTERN_CHECK_H
#define LANTERN_CHECK_H
#include "program.h"

struct checker {
	struct program *prog;
	struct probe_instance *inst;
	bool final;        /* the reporting round: errors printed, async calls registered */
	bool failed;       /* an error happened in this instance */
	bool agg_allowed;  /* checking the right side of `@map = ...` */
	int loop_depth;
	struct var_info **vars;
	int nvars, vars_cap;
};

void check_error(struct checker *c, struct loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
struct type check_expr(struct checker *c, struct node *n);
/* Checks n and requires an integer. */
bool check_int(struct checker *c, struct node *n, const char *what);
/* The value of a constant integer argument, or reports and returns false. */
bool check_const_int(struct checker *c, struct node *n, const char *what, long long *out);
/* The map named by n (an N_MAP), with its keys checked. */
struct map_info *check_map_keys(struct checker *c, struct node *n);
/* The map named by n for print(@m), clear(@m)...: its keys are not used. */
struct map_info *check_whole_map(struct checker *c, struct node *n);
/* Registers an async call in the reporting round; NULL in the first. */
struct async_call *check_new_async(struct checker *c, enum async_kind kind, struct node *call);
void async_add_arg(struct async_call *a, struct type t);

#endif
