/* The type checker's internals, shared with the builtins' type rules
 * (builtins/). */
#ifndef LANTERN_CHECK_H
#define LANTERN_CHECK_H
#include "program.h"

struct checker {
	struct program *prog;
	struct probe_instance *inst;
	bool failed;             /* an error happened in this instance */
	struct node *agg_site;   /* the value of `@map = ...` being checked: it may aggregate */
	struct aggregate made;   /* what the aggregation at agg_site was given */
	int loop_depth;
	struct var_info **vars; /* in scope */
	int nvars, vars_cap;
	struct var_info **gone; /* out of scope: their blocks ended */
	int ngone, gone_cap;
};

void check_error(struct checker *c, struct loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const struct type *check_expr(struct checker *c, struct node *n);
/* The statements of an N_BLOCK. */
void check_block(struct checker *c, struct node *block);
/* { stmts; value } (check_block_expr.c). */
const struct type *check_block_expr(struct checker *c, struct node *n);
/* Checks n and requires an integer. */
bool check_int(struct checker *c, struct node *n, const char *what);
/* The value of a constant integer argument, or reports and returns false. */
bool check_const_int(struct checker *c, struct node *n, const char *what, long long *out);
/* The value of a constant check_const_int accepted. */
long long const_int_value(const struct node *n);
/* n is a constant integer: a literal, or a negative one. */
bool is_const_int(const struct node *n);
/* The value of a variable in scope, or an error that says why not. */
const struct type *check_var_read(struct checker *c, struct node *n);
/* The builtin probe (or func) n, of type t, becomes the attach point's
 * name (its function) as a string, known when compiling, where a string
 * is wanted; whether it did (a probe held in a map or variable cannot). */
bool check_probe_as_string(struct checker *c, struct node *n, const struct type *t);
/* A value that is one (not a void call); reports if not. */
bool returns_value(struct checker *c, struct node *value, const struct type *t);

/* check_access.c: tuples and records, members, elements, *p, &$x */
const struct type *check_tuple(struct checker *c, struct node *n);
const struct type *check_field(struct checker *c, struct node *n);
const struct type *check_index(struct checker *c, struct node *n);
const struct type *check_deref(struct checker *c, struct node *n);
const struct type *check_address_of(struct checker *c, struct node *n);

/* check_casts.c */
const struct type *check_cast(struct checker *c, struct node *n);
/* The type a type name (and its stars) names: "uint16", "int64 *". */
bool check_type_name(struct checker *c, struct loc at, const char *name, int ptr_depth, const struct type **out);
/* The type an N_TYPE_NAME names (typeof(expr): the expression's, not
 * evaluated); NULL after reporting an error. */
const struct type *check_type_ref(struct checker *c, struct node *n);
/* The map named by n (an N_MAP), with its keys checked. */
struct map_info *check_map_keys(struct checker *c, struct node *n);
/* The map named by n for print(@m), clear(@m)...: its keys are not used. */
struct map_info *check_whole_map(struct checker *c, struct node *n);

#endif
