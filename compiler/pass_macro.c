/* The macro pass: every call of a user macro, `name(args)` or a bare
 * `name` for one without parameters, is replaced by a copy of the macro's
 * body, an N_BLOCK_EXPR whose value is the call's. bpftrace 0.26's rules:
 *
 *  - a parameter `$x` takes a variable, by reference: the body's $x is
 *    the caller's variable; `@m` takes a map, by name; a bare `x` takes
 *    any expression, put in place of each x;
 *  - every other variable of the body is the expansion's own (renamed,
 *    so it never meets the caller's), and a map not passed in is an
 *    error: a macro reaches the caller's state only through parameters;
 *  - macros may share a name when their parameters differ; a call takes
 *    the one its arguments fit exactly. One named like a builtin replaces
 *    it only where it fits: elsewhere the call stays the builtin's, and
 *    `__builtin_cpu` is always the builtin's;
 *  - macros expand in the bodies of macros; a call to one being expanded
 *    is an error, with the chain of calls.
 *
 * It runs first, so $1 in a macro's body is substituted where it lands. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "builtin.h"
#include "passes.h"

/* Guards against macros that call others many times over, levels deep,
 * or use a parameter many times, passed calls of themselves: such a
 * script grows exponentially, with no recursion to see. */
#define MAX_EXPANSIONS 10000
#define MAX_EXPANDED_NODES 1000000

/* What a call's argument is, as a parameter sees it. */
enum arg_kind {
	ARG_VAR,  /* $x */
	ARG_MAP,  /* @m, no keys */
	ARG_EXPR, /* anything else */
};

/* One expansion in progress: the macro, its call and what its parameters
 * are bound to. The innermost is first. */
struct frame {
	const struct node *macro;
	const struct node *call;
	struct node_list *args; /* already expanded, in the caller's names */
	int serial;             /* the expansion's number, in its variables' names */
	const struct frame *outer;
};

struct expander {
	struct node_list macros; /* those defined without error */
	const struct frame *frame; /* NULL in a probe */
	int expansions;
	int nodes; /* made by expansions */
	int depth; /* of the walk: expansions make trees deeper than parsed */
	bool too_large; /* reported */
	bool failed;
};

/* ---- reporting ---- */

/* Where the expansions being walked were called, innermost first; a long
 * chain shows its first few. */
#define MAX_CHAIN_NOTES 8

static void report_chain(const struct expander *e)
{
	int shown = 0;
	for (const struct frame *f = e->frame; f && shown < MAX_CHAIN_NOTES; f = f->outer, shown++)
		diag_note(f->call->loc, "in the expansion of %s(), called here", f->macro->macro.name);
}

/* An error; its notes follow, then report_chain's. */
static void __attribute__((format(printf, 3, 4))) fail(struct expander *e, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(loc, fmt, ap);
	va_end(ap);
	e->failed = true;
}

/* ---- matching calls to definitions ---- */

static enum arg_kind arg_kind(const struct node *arg)
{
	if (arg->kind == N_VAR)
		return ARG_VAR;
	if (arg->kind == N_MAP && !arg->map.keys.n)
		return ARG_MAP;
	return ARG_EXPR;
}

/* A parameter as an argument, to compare definitions with each other. */
static enum arg_kind param_kind(const struct node *param)
{
	return param->kind == N_VAR ? ARG_VAR : param->kind == N_MAP ? ARG_MAP : ARG_EXPR;
}

static bool fits(const struct node *param, enum arg_kind kind)
{
	return param->kind == N_IDENT || param_kind(param) == kind;
}

/* How far a call is from a definition: a missing or extra argument
 * outweighs any number of arguments of the wrong kind. 0 is a fit. */
static int distance(const struct node *macro, const enum arg_kind *kinds, int nargs)
{
	const struct node_list *params = &macro->macro.params;
	int d = 1024 * abs(params->n - nargs);
	for (int i = 0; i < params->n && i < nargs; i++)
		d += !fits(params->items[i], kinds[i]);
	return d;
}

/* The definition of name the arguments fit, or NULL; *closest is the
 * nearest definition (NULL when no macro has that name). */
static const struct node *lookup(const struct expander *e, const char *name, const enum arg_kind *kinds, int nargs,
				 const struct node **closest)
{
	int best = -1;
	*closest = NULL;
	for (int i = 0; i < e->macros.n; i++) {
		const struct node *m = e->macros.items[i];
		if (strcmp(m->macro.name, name))
			continue;
		int d = distance(m, kinds, nargs);
		if (best < 0 || d < best) {
			best = d;
			*closest = m;
		}
	}
	return best == 0 ? *closest : NULL;
}

static const char *kind_name(enum arg_kind kind)
{
	return kind == ARG_VAR ? "a variable" : kind == ARG_MAP ? "a map" : "an expression";
}

/* Why the arguments do not fit the nearest definition. */
static void report_mismatch(struct expander *e, const struct node *call, const struct node *macro,
			    const struct node_list *args, const enum arg_kind *kinds)
{
	const struct node_list *params = &macro->macro.params;
	const char *name = macro->macro.name;
	if (params->n != args->n) {
		fail(e, call->loc, "macro %s() takes %d argument%s, %d given", name, params->n, params->n == 1 ? "" : "s",
		     args->n);
		diag_note(macro->loc, "%s() is defined here", name);
		report_chain(e);
		return;
	}
	for (int i = 0; i < params->n; i++) {
		const struct node *param = params->items[i];
		if (fits(param, kinds[i]))
			continue;
		fail(e, args->items[i]->loc, "macro %s() takes %s as %s, not %s", name, kind_name(param_kind(param)),
		     node_name(param), kind_name(kinds[i]));
		diag_note(param->loc, "%s is declared here", node_name(param));
		report_chain(e);
	}
}

/* ---- expansion ---- */

static void expand(struct expander *e, struct node **slot, bool as_statement);

/* A copy of n (a body, or an argument put in place) for an expansion, or
 * NULL past the budget (reported). */
static struct node *copy(struct expander *e, const struct node *n, const struct node *call, bool body)
{
	if (e->too_large)
		return NULL;
	e->nodes += ast_count_nodes((struct node *)n, MAX_EXPANDED_NODES + 1);
	e->expansions += body;
	if (e->expansions > MAX_EXPANSIONS || e->nodes > MAX_EXPANDED_NODES) {
		fail(e, call->loc, "macro expansion makes the script too large here (more than %d expansions or %d nodes)",
		     MAX_EXPANSIONS, MAX_EXPANDED_NODES);
		report_chain(e);
		e->too_large = true;
		return NULL;
	}
	return node_clone(n);
}

static void expand_child(struct node **slot, void *ctx)
{
	expand(ctx, slot, false);
}

/* { value }: a variable or a map passed for a bare parameter is a value
 * there, not the variable or map itself, to pass on to a $ or @
 * parameter (which could change it). Unwrapped once all is expanded. */
static struct node *value_only(struct node *value, struct loc loc)
{
	struct node *block = node_new(N_BLOCK_EXPR, loc);
	block->block_expr.body = node_new(N_BLOCK, loc);
	block->block_expr.value = value;
	return block;
}

/* Block expressions without statements become their values: printf
 * then sees fmt()'s literal, delete() the map a bare parameter took. */
static void unwrap_values(struct node **slot, void *ctx)
{
	struct node *n = *slot;
	while (n->kind == N_BLOCK_EXPR && n->block_expr.value && !n->block_expr.body->block.stmts.n)
		n = *slot = n->block_expr.value;
	node_for_each_child(n, unwrap_values, ctx);
}

/* The argument a parameter of the expansion being walked is bound to. */
static struct node *bound_arg(const struct expander *e, enum node_kind param, const char *name)
{
	const struct node_list *params = &e->frame->macro->macro.params;
	for (int i = 0; i < params->n; i++)
		if (params->items[i]->kind == param && !strcmp(node_name(params->items[i]), name))
			return e->frame->args->items[i];
	return NULL;
}

/* In a body: $x is the caller's variable it was passed, or the
 * expansion's own. */
static void rename_var(struct expander *e, struct node *var)
{
	if (!e->frame)
		return;
	const struct node *arg = bound_arg(e, N_VAR, var->var.name);
	if (arg)
		var->var.name = arg->var.name;
	else
		var->var.name = arena_printf("$$%s_%d_%s", e->frame->macro->macro.name, e->frame->serial,
					     var->var.name + 1);
}

static void rename_map(struct expander *e, struct node *map)
{
	if (!e->frame)
		return;
	const struct node *arg = bound_arg(e, N_MAP, map->map.name);
	if (arg) {
		map->map.name = arg->map.name;
		return;
	}
	fail(e, map->loc, "macro %s() uses %s, which it was not passed: maps reach a macro as @ parameters",
	     e->frame->macro->macro.name, map->map.name);
	report_chain(e);
}

/* `__builtin_cpu` names the builtin whatever macros are called cpu. */
static bool builtin_by_full_name(struct node *n)
{
	static const char prefix[] = "__builtin_";
	const char *name = node_name(n);
	if (strncmp(name, prefix, sizeof(prefix) - 1))
		return false;
	const struct builtin *b = builtin_lookup(name + sizeof(prefix) - 1);
	if (!b || b->kind != BUILTIN_VARIABLE)
		return false;
	if (n->kind == N_IDENT)
		n->ident.name = b->name;
	else
		n->call.name = b->name;
	return true;
}

/* A call of a macro being expanded: reported with the chain of calls. */
static bool is_recursive(struct expander *e, const struct node *call, const struct node *macro)
{
	const struct frame *f = e->frame;
	while (f && f->macro != macro)
		f = f->outer;
	if (!f)
		return false;
	/* the chain from that expansion inward, then this call */
	char *chain = arena_printf("%s()", macro->macro.name);
	for (const struct frame *g = e->frame; g != f; g = g->outer)
		chain = arena_printf("%s() > %s", g->macro->macro.name, chain);
	fail(e, call->loc, "recursive macro call: %s() > %s", macro->macro.name, chain);
	report_chain(e);
	return true;
}

/* The body's nodes were copied in by this call (arguments put in place
 * later keep their own). */
static void mark_expanded(struct node **slot, void *ctx)
{
	(*slot)->expanded_from = ctx;
	node_for_each_child(*slot, mark_expanded, ctx);
}

/* *slot, an N_CALL or N_IDENT, becomes the body of the macro it calls,
 * if it calls one. */
static void expand_call(struct expander *e, struct node **slot, bool as_statement)
{
	struct node *n = *slot;
	if (builtin_by_full_name(n))
		return;
	static struct node_list no_args;
	struct node_list *args = n->kind == N_CALL ? &n->call.args : &no_args;
	enum arg_kind *kinds = arena_alloc(sizeof(*kinds) * (size_t)(args->n + 1));
	for (int i = 0; i < args->n; i++)
		kinds[i] = arg_kind(args->items[i]);
	const struct node *closest;
	const struct node *macro = lookup(e, node_name(n), kinds, args->n, &closest);
	if (!closest)
		return; /* no macro of that name */
	if (!macro) {
		/* a builtin keeps the calls its namesake macros do not fit */
		if (!builtin_lookup(node_name(n)))
			report_mismatch(e, n, closest, args, kinds);
		return;
	}
	if (is_recursive(e, n, macro))
		return;
	struct node *body = copy(e, macro->macro.body, n, true);
	if (!body)
		return;
	struct macro_expansion *from = arena_alloc(sizeof(*from));
	*from = (struct macro_expansion){ n->loc, n->expanded_from };
	mark_expanded(&body, from);

	struct frame frame = { macro, n, args, e->expansions, e->frame };
	e->frame = &frame;
	node_for_each_child(body, expand_child, e);
	e->frame = frame.outer;

	if (!body->block_expr.value && !as_statement) {
		fail(e, n->loc, "macro %s() has no value: its body ends with a statement (an expression last, "
				"without a ';', is its value)", macro->macro.name);
		diag_note(macro->loc, "%s() is defined here", macro->macro.name);
		report_chain(e);
		return;
	}
	body->loc = n->loc; /* the block stands where the call was */
	*slot = body;
}

static void expand_node(struct expander *e, struct node **slot, bool as_statement);

static void expand(struct expander *e, struct node **slot, bool as_statement)
{
	if (e->depth >= MAX_AST_DEPTH) {
		if (!e->too_large) {
			fail(e, (*slot)->loc, "macro expansion nests the script too deeply here (more than %d levels)",
			     MAX_AST_DEPTH);
			report_chain(e);
		}
		e->too_large = true;
		return;
	}
	e->depth++;
	expand_node(e, slot, as_statement);
	e->depth--;
}

/* A type named by a bare parameter, (x *)-1 or sizeof(x *) in a body:
 * the type the argument, typeof(...), is, pointed to as many times more.
 * false (reported) if the argument is a value. */
static bool param_type(struct expander *e, const char **name, int *ptr_depth, struct node **of, struct loc at)
{
	struct node *arg = e->frame && *name ? bound_arg(e, N_IDENT, *name) : NULL;
	if (!arg)
		return true;
	if (arg->kind != N_TYPE_NAME) {
		fail(e, at, "%s is used as a type here, but the argument given for it is a value (pass typeof(...))",
		     *name);
		report_chain(e);
		return false;
	}
	*name = arg->typeref.name;
	*ptr_depth += arg->typeref.ptr_depth;
	if (arg->typeref.of)
		*of = copy(e, arg->typeref.of, e->frame->call, false);
	return true;
}

static void expand_node(struct expander *e, struct node **slot, bool as_statement)
{
	struct node *n = *slot;
	switch (n->kind) {
	case N_EXPR_STMT:
		/* a macro called as a statement may have no value */
		expand(e, &n->expr_stmt.expr, true);
		return;
	case N_VAR:
		rename_var(e, n);
		return;
	case N_MAP:
		rename_map(e, n);
		node_for_each_child(n, expand_child, e);
		return;
	case N_IDENT: {
		/* a bare parameter: the argument, as the caller wrote it */
		struct node *arg = e->frame ? bound_arg(e, N_IDENT, n->ident.name) : NULL;
		struct node *arg_copy = arg ? copy(e, arg, n, false) : NULL;
		if (arg_copy)
			*slot = arg_kind(arg) == ARG_EXPR ? arg_copy : value_only(arg_copy, n->loc);
		else if (!arg)
			expand_call(e, slot, as_statement);
		return;
	}
	case N_CALL:
		/* arguments first, in the caller's names */
		node_for_each_child(n, expand_child, e);
		expand_call(e, slot, as_statement);
		return;
	case N_TYPE_NAME:
		if (!n->typeref.of) {
			param_type(e, &n->typeref.name, &n->typeref.ptr_depth, &n->typeref.of, n->loc);
			return; /* a typeof's expression is the caller's, expanded */
		}
		node_for_each_child(n, expand_child, e);
		return;
	case N_CAST: {
		struct node *of = NULL; /* a typeof(expr) argument: (typeof(expr) *...)v */
		if (!param_type(e, &n->cast.type_name, &n->cast.ptr_depth, &of, n->loc))
			return;
		node_for_each_child(n, expand_child, e);
		if (of) {
			n->cast.type_of = node_new(N_TYPE_NAME, n->loc);
			n->cast.type_of->typeref.of = of;
			n->cast.type_of->typeref.ptr_depth = n->cast.ptr_depth;
			n->cast.ptr_depth = 0;
		}
		return;
	}
	default:
		node_for_each_child(n, expand_child, e);
	}
}

/* ---- definitions ---- */

/* A definition whose parameters repeat a name, or that another one
 * already covers, is reported and left out. */
static bool well_defined(struct expander *e, const struct node *macro)
{
	const struct node_list *params = &macro->macro.params;
	for (int i = 0; i < params->n; i++) {
		for (int j = 0; j < i; j++) {
			if (!strcmp(node_name(params->items[i]), node_name(params->items[j]))) {
				fail(e, params->items[i]->loc, "%s is already a parameter of %s()",
				     node_name(params->items[i]), macro->macro.name);
				return false;
			}
		}
	}
	enum arg_kind *kinds = arena_alloc(sizeof(*kinds) * (size_t)(params->n + 1));
	for (int i = 0; i < params->n; i++)
		kinds[i] = param_kind(params->items[i]);
	const struct node *closest;
	const struct node *same = lookup(e, macro->macro.name, kinds, params->n, &closest);
	if (same) {
		fail(e, macro->loc, "macro %s() is defined again, with parameters its first definition already takes",
		     macro->macro.name);
		diag_note(same->loc, "%s() is first defined here", macro->macro.name);
		return false;
	}
	return true;
}

int pass_macro(struct program *p)
{
	struct expander e = { 0 };
	struct node_list *defined = &p->ast->program.macros;
	for (int i = 0; i < defined->n; i++)
		if (well_defined(&e, defined->items[i]))
			node_list_push(&e.macros, defined->items[i]);
	struct node_list *probes = &p->ast->program.probes;
	for (int i = 0; i < probes->n && !e.too_large; i++) {
		struct node *probe = probes->items[i];
		if (probe->probe.pred)
			expand(&e, &probe->probe.pred, false);
		expand(&e, &probe->probe.body, false);
		/* arguments put in place were not walked: they can still be deeper
		 * than later passes go */
		const struct node *deep = e.expansions ? ast_deeper_than(probe, MAX_AST_DEPTH) : NULL;
		if (deep && !e.failed)
			fail(&e, deep->loc, "macro expansion nests the script too deeply here (more than %d levels)",
			     MAX_AST_DEPTH);
		if (!e.failed)
			unwrap_values(&probes->items[i], NULL);
	}
	defined->n = 0; /* expanded: later passes and dumps see probes only */
	return e.failed ? -1 : 0;
}
