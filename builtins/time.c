/* Builtins about the wall clock: time([format]) prints the time when
 * userspace takes its event; strftime(format, ns) is a timestamp value
 * that prints as format says. Both keep the format in userspace, as
 * bpftrace does: the kernel records an event id, a format id and ns. */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

#define DEFAULT_TIME_FORMAT "%H:%M:%S\n"

/* A format given as a string literal, or NULL (reported). */
static const char *format_of(struct checker *c, struct node *n)
{
	struct node *fmt = n->call.args.items[0];
	if (fmt->kind == N_STR)
		return arena_strndup(fmt->string.bytes, (size_t)fmt->string.len);
	check_expr(c, fmt);
	check_error(c, fmt->loc, "%s() needs a string literal as its format", n->call.name);
	return NULL;
}

/* The index of fmt among the program's formats, added if new. */
static int time_format_id(struct program *p, const char *fmt)
{
	for (int i = 0; i < p->ntime_formats; i++)
		if (!strcmp(p->time_formats[i], fmt))
			return i;
	p->time_formats = arena_grow(p->time_formats, p->ntime_formats, &p->time_formats_cap, sizeof(*p->time_formats));
	p->time_formats[p->ntime_formats] = fmt;
	return p->ntime_formats++;
}

static const struct type *check_time(struct checker *c, struct node *n)
{
	if (n->call.args.n)
		format_of(c, n);
	return TYPE_VOID;
}

static void time_event(struct async_call *a, const struct node *call)
{
	const struct node *fmt = call->call.args.n ? call->call.args.items[0] : NULL;
	a->time_format = fmt ? arena_strndup(fmt->string.bytes, (size_t)fmt->string.len) : DEFAULT_TIME_FORMAT;
}

static const struct type *check_strftime(struct checker *c, struct node *n)
{
	const char *fmt = format_of(c, n);
	bool ok = check_int(c, n->call.args.items[1], "strftime()'s time");
	if (!fmt || !ok)
		return TYPE_NONE;
	time_format_id(c->prog, fmt);
	return type_resolved(RESOLVED_TIMESTAMP, 16);
}

#ifndef LANTERN_FRONT_END_ONLY
/* { format id, clock, ns }: userspace adds the clock's offset from the
 * wall clock. The clock is that of nsecs(clock) given straight to
 * strftime; any other number counts as nsecs does. */
static struct cg_value lower_strftime(struct cg *g, struct node *n)
{
	struct node *fmt = n->call.args.items[0], *arg = n->call.args.items[1];
	int id = time_format_id(g->prog, arena_strndup(fmt->string.bytes, (size_t)fmt->string.len));
	const struct builtin *b = arg->kind == N_CALL ? arg->call.builtin : arg->kind == N_IDENT ? arg->ident.builtin : NULL;
	long long clock = b && !strcmp(b->name, "nsecs") ? nsecs_clock(arg) : 0;
	LLVMValueRef ns = cg_expr(g, arg).v;
	LLVMValueRef v = cg_alloca_bytes(g, 16, "timestamp");
	cg_store(g, cg_const(g, id | clock << 32), v);
	cg_store(g, ns, cg_gep(g, v, 8));
	return (struct cg_value){ .v = v, .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "time", .kind = BUILTIN_FUNCTION, .max_args = 1, .signature = "time([format])", .check = check_time,
	  .event = ASYNC_TIME, .event_args = time_event },
	{ .name = "strftime", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "strftime(format, nsecs)", .check = check_strftime, .lower = BACKEND(lower_strftime) },
	{ 0 },
};

const struct builtin_family builtins_time = { "time", rows };
