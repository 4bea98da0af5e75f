/* Builtins that report: errorf and warnf (printf's formats, the text on
 * stderr after the call's place and ERROR: or WARNING:, when the event
 * is taken, as bpftrace's), assert (an error and exit(1) when its
 * condition is false), and those decided when the script is compiled:
 * static_assert, fail, and the type predicates is_str, is_ptr, is_array,
 * is_integer, is_unsigned_integer, is_literal (bool constants, which
 * `if comptime` reads), and typeinfo(x), the tuple (btf id, kind of type,
 * type) whose texts `if comptime` compares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../compiler/comptime.h"
#include "../compiler/diag.h"
#include "../compiler/source.h"
#include "format_args.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

static const struct type *check_errorf(struct checker *c, struct node *n)
{
	check_format_args(c, n, format_arg_as_printf);
	return TYPE_VOID;
}

/* The call's line, then for each macro call it was expanded from, that
 * place's "expanded from" and line, as bpftrace */
static const char *context_with_expansions(const struct node *call, const char *level)
{
	const char *s = diag_context_text(call->loc);
	for (const struct macro_expansion *x = call->expanded_from; x; x = x->outer)
		s = arena_printf("%s%s%sexpanded from\n%s", s, diag_place_text(x->call), level, diag_context_text(x->call));
	return s;
}

static void message_event(struct async_call *a, const struct node *call)
{
	a->fmt = *call->call.format;
	for (int i = 1; i < call->call.args.n; i++)
		async_add_arg(a, call->call.args.items[i]->type, i);
	a->error = call->call.name[0] == 'e';
	const char *level = a->error ? "ERROR: " : "WARNING: ";
	a->located = arena_printf("%s%s", diag_place_text(call->loc), level);
	a->context = context_with_expansions(call, level);
}

/* assert(cond, msg): bpftrace's macro, errorf("assert failed: %s", msg)
 * and exit(1), as one event sent when cond is false */
static const struct type *check_assert(struct checker *c, struct node *n)
{
	check_int(c, n->call.args.items[0], "assert()'s condition");
	struct node *msg = n->call.args.items[1];
	const struct type *t = check_expr(c, msg);
	if (t->kind != TY_STR && t->kind != TY_NONE) {
		check_error(c, msg->loc, "assert()'s message must be a string, not %s", type_name(t));
		return TYPE_VOID;
	}
	static const char fmt[] = "assert failed: %s";
	struct printf_format *parsed = arena_alloc(sizeof(*parsed));
	const char *err;
	int off;
	printf_format_parse(fmt, (int)sizeof(fmt) - 1, parsed, &err, &off);
	n->call.format = parsed;
	return TYPE_VOID;
}

static void assert_event(struct async_call *a, const struct node *call)
{
	a->fmt = *call->call.format;
	async_add_arg(a, call->call.args.items[1]->type, 1);
	a->located = arena_printf("%sERROR: ", diag_place_text(call->loc));
	a->context = context_with_expansions(call, "ERROR: ");
	a->error = true;
	a->exit_code = 1;
}

/* fail(fmt, literals...): the formatted text, an error where the call
 * is, when the code it is in is compiled (a branch `if comptime` drops
 * is not) */
static const struct type *check_fail(struct checker *c, struct node *n)
{
	struct node *fmt = n->call.args.items[0];
	if (!check_format_args(c, n, format_arg_as_printf))
		return TYPE_VOID;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	const struct printf_format *pf = n->call.format;
	for (int i = 0, arg = 1; i < pf->nsegs; i++) {
		const struct printf_segment *seg = &pf->segs[i];
		fwrite(seg->literal, 1, (size_t)seg->literal_len, f);
		if (!seg->has_conv)
			continue;
		struct node *a = n->call.args.items[arg++];
		long long v;
		if (a->kind == N_STR)
			printf_format_str(f, seg, a->string.bytes);
		else if (comptime_value(a, &v))
			printf_format_int(f, seg, v);
		else
			check_error(c, a->loc, "fail()'s arguments must be known when the script is compiled");
	}
	fclose(f);
	(void)fmt;
	check_error(c, n->loc, "%s", text ? text : "");
	free(text);
	return TYPE_VOID;
}

/* static_assert(cond, "msg"): cond known when compiling, and true */
static const struct type *check_static_assert(struct checker *c, struct node *n)
{
	struct node *cond = n->call.args.items[0], *msg = n->call.args.items[1];
	check_int(c, cond, "static_assert()'s condition");
	if (msg->kind != N_STR) {
		check_expr(c, msg);
		check_error(c, msg->loc, "static_assert()'s message must be a string literal");
		return TYPE_VOID;
	}
	long long v;
	if (cond->type->kind == TY_NONE)
		return TYPE_VOID;
	if (!comptime_value(cond, &v))
		check_error(c, cond->loc, "static_assert()'s condition must be known when the script is compiled");
	else if (!v)
		check_error(c, n->loc, "%s", msg->string.bytes);
	return TYPE_VOID;
}

/* ---- type predicates ---- */

static bool is_literal_node(const struct node *n)
{
	return n->kind == N_INT || n->kind == N_STR ||
	       (n->kind == N_UNARY && n->unary.op == OP_NEG && n->unary.operand->kind == N_INT);
}

static bool predicate_value(const struct node *n, long long *v)
{
	const struct node *arg = n->call.args.items[0];
	const struct type *t = arg->type;
	const char *name = n->call.name + 3;
	if (!t || t->kind == TY_NONE)
		return false;
	*v = !strcmp(name, "str")		 ? t->kind == TY_STR
	     : !strcmp(name, "ptr")		 ? t->kind == TY_PTR
	     : !strcmp(name, "array")		 ? t->kind == TY_ARRAY
	     : !strcmp(name, "integer")		 ? t->kind == TY_INT
	     : !strcmp(name, "unsigned_integer") ? t->kind == TY_INT && !t->is_signed
						 : is_literal_node(arg);
	return true;
}

static const struct type *check_predicate(struct checker *c, struct node *n)
{
	check_expr(c, n->call.args.items[0]);
	return TYPE_BOOL;
}

/* ---- typeinfo(x): (btf id, base type, full type), known when compiling ---- */

static const struct type *typeinfo_of(const struct node *n)
{
	const struct node *arg = n->call.args.items[0];
	if (arg->kind == N_MAP && !arg->map.keys.n && arg->map.map)
		return arg->map.map->value;
	return arg->type;
}

/* bpftrace's names of the kinds of type */
static const char *base_type_name(const struct type *t)
{
	switch (t->kind) {
	case TY_NONE: return "none";
	case TY_VOID: return "void";
	case TY_INT: return "int";
	case TY_BOOL: return "bool";
	case TY_STR: case TY_PROBE: return "string";
	case TY_PTR: return "pointer";
	case TY_ARRAY: return "array";
	case TY_TUPLE: return "tuple";
	case TY_RECORD: return "record";
	case TY_STRUCT: case TY_UNION: return "struct";
	case TY_AGG: return arena_printf("%s_t", t->agg->name);
	case TY_RESOLVED:
		switch (t->resolved) {
		case RESOLVED_TIMESTAMP: return "timestamp";
		case RESOLVED_USERNAME: return "username";
		case RESOLVED_BUFFER: return "buffer";
		case RESOLVED_INET: return "inet";
		case RESOLVED_MACADDR: return "mac_address";
		case RESOLVED_CGROUP_PATH: return "cgroup_path_t";
		case RESOLVED_KSTACK: return "kstack_t";
		case RESOLVED_USTACK: return "ustack_t";
		case RESOLVED_KSYM: return "ksym_t";
		case RESOLVED_USYM: return "usym_t";
		}
	}
	return "none";
}

static const char *typeinfo_text(const struct node *n, const char *member)
{
	const struct type *t = typeinfo_of(n);
	if (!t)
		return NULL;
	if (!strcmp(member, "1"))
		return base_type_name(t);
	if (!strcmp(member, "2"))
		return type_name(t);
	return NULL;
}

static const struct type *check_typeinfo(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	if (arg->kind == N_MAP && !arg->map.keys.n)
		check_whole_map(c, arg);
	else
		check_expr(c, arg);
	const struct type *t = typeinfo_of(n);
	if (!t || t->kind == TY_NONE)
		return TYPE_NONE;
	const struct type *members[] = { type_int(true), type_str((int)strlen(base_type_name(t)) + 1),
					 type_str((int)strlen(type_name(t)) + 1) };
	return type_tuple(members, 3);
}

#ifndef LANTERN_FRONT_END_ONLY
/* The tuple, as literals of its texts */
static struct cg_value lower_typeinfo(struct cg *g, struct node *n)
{
	struct node *tuple = node_new(N_TUPLE, n->loc);
	tuple->type = n->type;
	struct node *id = node_new(N_INT, n->loc); /* no BTF id yet, as bpftrace 0.26 */
	id->type = type_int(true);
	node_list_push(&tuple->tuple.elems, id);
	for (int i = 1; i <= 2; i++) {
		struct node *text = node_new(N_STR, n->loc);
		text->string.bytes = typeinfo_text(n, i == 1 ? "1" : "2");
		text->string.len = (int)strlen(text->string.bytes);
		text->type = n->type->members[i].type;
		node_list_push(&tuple->tuple.elems, text);
	}
	return cg_tuple(g, tuple);
}

/* the event, sent when the condition is false */
static struct cg_value lower_assert(struct cg *g, struct node *n)
{
	LLVMBasicBlockRef failed = cg_block(g, "assert_failed"), done = cg_block(g, "assert_done");
	LLVMBuildCondBr(g->b, cg_truth(g, n->call.args.items[0]), done, failed);
	LLVMPositionBuilderAtEnd(g->b, failed);
	cg_scope_enter(g);
	cg_async(g, n);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}

/* warnf under --no-warnings sends nothing */
static struct cg_value lower_warnf(struct cg *g, struct node *n)
{
	if (diag_warnings_on())
		cg_async(g, n);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}

/* decided when compiling: nothing to do when the probe runs */
static struct cg_value lower_nothing(struct cg *g, struct node *n)
{
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}

static struct cg_value lower_predicate(struct cg *g, struct node *n)
{
	long long v = 0;
	predicate_value(n, &v);
	return (struct cg_value){ .v = cg_const(g, v), .type = n->type };
}
#endif

#define PREDICATE(name_)                                                                                             \
	{ .name = name_, .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = name_ "(expression)", \
	  .check = check_predicate, .lower = BACKEND(lower_predicate), .constant = predicate_value }

static const struct builtin rows[] = {
	{ .name = "errorf", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "errorf(format, ...)", .check = check_errorf, .event = ASYNC_PRINTF, .event_args = message_event },
	{ .name = "warnf", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "warnf(format, ...)", .check = check_errorf, .event = ASYNC_PRINTF, .event_args = message_event,
	  .lower = BACKEND(lower_warnf) },
	{ .name = "assert", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "assert(condition, message)", .check = check_assert, .event = ASYNC_PRINTF,
	  .event_args = assert_event, .lower = BACKEND(lower_assert) },
	{ .name = "static_assert", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "static_assert(condition, \"message\")", .check = check_static_assert,
	  .lower = BACKEND(lower_nothing) },
	{ .name = "fail", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "fail(format, ...)", .check = check_fail, .lower = BACKEND(lower_nothing) },
	PREDICATE("is_str"),
	PREDICATE("is_ptr"),
	PREDICATE("is_array"),
	PREDICATE("is_integer"),
	PREDICATE("is_unsigned_integer"),
	PREDICATE("is_literal"),
	{ .name = "typeinfo", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "typeinfo(expression)",
	  .check = check_typeinfo, .lower = BACKEND(lower_typeinfo), .constant_text = typeinfo_text },
	{ 0 },
};

const struct builtin_family builtins_messages = { "messages and compile-time checks", rows };
