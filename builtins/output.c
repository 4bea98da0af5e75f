/* Builtins that send an event to userspace, which prints it or acts on
 * it: printf, print, exit, cat, system, join. Their lowering is the event
 * itself (codegen's lower_async.c writes the record the event's arguments
 * describe; join fills its own). */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../probes/provider.h"
#include "format_args.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

static const struct type *check_printf(struct checker *c, struct node *n)
{
	check_format_args(c, n, format_arg_as_printf);
	return TYPE_VOID;
}

static void printf_event(struct async_call *a, const struct node *call)
{
	a->fmt = *call->call.format;
	for (int i = 1; i < call->call.args.n; i++)
		async_add_arg(a, call->call.args.items[i]->type, i);
}

static bool is_whole_map(const struct node *n)
{
	return n->kind == N_MAP && n->map.keys.n == 0;
}

static const struct type *check_print(struct checker *c, struct node *n)
{
	struct node *what = n->call.args.items[0];
	if (is_whole_map(what)) {
		check_whole_map(c, what);
		long long top = 0, div = 0;
		if (n->call.args.n > 1 && !check_const_int(c, n->call.args.items[1], "print()'s top", &top))
			return TYPE_VOID;
		if (n->call.args.n > 2 && !check_const_int(c, n->call.args.items[2], "print()'s divisor", &div))
			return TYPE_VOID;
		if (top < 0 || div < 0)
			check_error(c, n->loc, "print()'s top and divisor cannot be negative");
		return TYPE_VOID;
	}
	if (n->call.args.n > 1) {
		check_error(c, n->loc, "print() takes top and divisor only for whole maps");
		return TYPE_VOID;
	}
	const struct type *t = check_expr(c, what);
	if (t->kind == TY_VOID || t->kind == TY_AGG)
		check_error(c, what->loc, "print() cannot print %s", type_name(t));
	return TYPE_VOID;
}

/* print(@m [, top [, div]]) prints a map; print(expr) a value. */
static void print_event(struct async_call *a, const struct node *call)
{
	struct node *what = call->call.args.items[0];
	if (!is_whole_map(what)) {
		a->kind = ASYNC_PRINT_VALUE;
		async_add_arg(a, what->type, 0);
		return;
	}
	a->map = what->map.map;
	if (call->call.args.n > 1)
		a->top = const_int_value(call->call.args.items[1]);
	if (call->call.args.n > 2)
		a->div = const_int_value(call->call.args.items[2]);
}

static const struct type *check_exit(struct checker *c, struct node *n)
{
	c->prog->uses_exit = true;
	if (n->call.args.n)
		check_int(c, n->call.args.items[0], "exit()'s code");
	return TYPE_VOID;
}

static void exit_event(struct async_call *a, const struct node *call)
{
	async_add_arg(a, type_int(true), call->call.args.n ? 0 : ASYNC_ARG_ZERO);
}

/* unwatch(addr): the watchpoints on addr are detached by userspace when
 * it takes the event (hits meanwhile still count, as in bpftrace). */
static const struct type *check_unwatch(struct checker *c, struct node *n)
{
	check_int(c, n->call.args.items[0], "unwatch()'s address");
	return TYPE_VOID;
}

static void unwatch_event(struct async_call *a, const struct node *call)
{
	(void)call;
	async_add_arg(a, type_int(false), 0);
}

/* join(arr [, sep]): arr is a char *[] (an address), sep a literal. */
static const struct type *check_join(struct checker *c, struct node *n)
{
	struct node *arr = n->call.args.items[0];
	const struct type *t = check_expr(c, arr);
	if (t->kind != TY_NONE && !type_is_integer(t))
		check_error(c, arr->loc, "join() needs an array of strings (char *[]), not %s", type_name(t));
	if (n->call.args.n > 1) {
		struct node *sep = n->call.args.items[1];
		check_expr(c, sep);
		if (sep->kind != N_STR)
			check_error(c, sep->loc, "join()'s separator must be a string literal");
	}
	return TYPE_VOID;
}

static void join_event(struct async_call *a, const struct node *call)
{
	const struct node *sep = call->call.args.n > 1 ? call->call.args.items[1] : NULL;
	a->join_sep = sep && sep->kind == N_STR ? arena_strndup(sep->string.bytes, (size_t)sep->string.len) : " ";
	a->size += JOIN_ARGS * JOIN_ARG_SIZE;
}

#ifndef LANTERN_FRONT_END_ONLY
/* The array's pointers one by one, each string read straight into the
 * record, up to a NULL pointer (or one that cannot be read): an empty
 * first byte then ends the list for userspace. */
static void join_record(struct cg *g, struct node *n, const struct async_call *a, LLVMValueRef rec)
{
	(void)a;
	struct node *arr = n->call.args.items[0];
	enum address_space space = arr->type->kind == TY_PTR ? arr->type->space : provider_pointer_space(g->inst->ap);
	bool user = space == AS_USER;
	LLVMValueRef base = cg_expr(g, arr).v, slot = cg_alloca(g, g->i64, "join_ptr");
	LLVMBasicBlockRef done = cg_block(g, "join_done");
	for (int i = 0; i < JOIN_ARGS; i++) {
		LLVMValueRef dst = cg_gep(g, rec, ASYNC_HEADER_SIZE + i * JOIN_ARG_SIZE);
		cg_store(g, LLVMConstInt(g->i8, 0, 0), dst);
		cg_store(g, cg_const(g, 0), slot);
		cg_probe_read(g, user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel, slot, 8,
			      LLVMBuildAdd(g->b, base, cg_const(g, 8 * i), ""), n);
		LLVMValueRef ptr = cg_load(g, g->i64, slot);
		LLVMBasicBlockRef read = cg_block(g, "join_arg");
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, ptr, cg_const(g, 0), ""), done, read);
		LLVMPositionBuilderAtEnd(g->b, read);
		cg_probe_read(g, user ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str, dst,
			      JOIN_ARG_SIZE, ptr, n);
	}
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

/* exit() ends the probe where it is, as bpftrace 0.26's does: the flag
 * that keeps every probe from running again (until lantern has detached
 * them, a 1 ms interval fires again), its event, then the program's
 * return (a loop body's callback returns through it) */
static struct cg_value lower_exit(struct cg *g, struct node *n)
{
	cg_store(g, cg_const(g, 1), g->exited);
	cg_async(g, n);
	LLVMBuildBr(g->b, g->exit);
	LLVMPositionBuilderAtEnd(g->b, cg_block(g, "after_exit"));
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "printf", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "printf(format, ...)", .check = check_printf, .event = ASYNC_PRINTF,
	  .event_args = printf_event },
	{ .name = "print", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 3,
	  .signature = "print(@map [, top [, divisor]]) or print(value)", .check = check_print,
	  .event = ASYNC_PRINT_MAP, .event_args = print_event },
	{ .name = "exit", .kind = BUILTIN_FUNCTION, .max_args = 1, .signature = "exit([code])", .check = check_exit,
	  .event = ASYNC_EXIT, .event_args = exit_event, .lower = BACKEND(lower_exit) },
	{ .name = "unwatch", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "unwatch(address)",
	  .check = check_unwatch, .event = ASYNC_UNWATCH, .event_args = unwatch_event },
	{ .name = "cat", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "cat(path_format, ...)", .check = check_printf, .event = ASYNC_CAT, .event_args = printf_event },
	{ .name = "system", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_ASYNC_ARGS,
	  .signature = "system(command_format, ...)", .flags = BF_UNSAFE, .check = check_printf,
	  .event = ASYNC_SYSTEM, .event_args = printf_event },
	{ .name = "join", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "join(char *arr[] [, sep])",
	  .check = check_join, .event = ASYNC_JOIN, .event_args = join_event, .lower_record = BACKEND(join_record) },
	{ 0 },
};

const struct builtin_family builtins_output = { "output and control", rows };
