/* debugf(fmt, ...): bpf_trace_printk, as bpftrace's debugf: the line goes
 * to the kernel's trace buffer (tracefs trace_pipe), not to lantern's
 * output. The helper takes at most three arguments; integers are passed
 * as 64 bits, so their conversions get the ll length. */
#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "format_args.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>
#include <string.h>

#include "../codegen/cg.h"
#endif

#define MAX_DEBUGF_ARGS 3

static void check_debugf_arg(struct checker *c, struct node *arg, const struct type *t, const struct printf_segment *seg)
{
	if (seg->conv == 'g') {
		check_error(c, arg->loc, "debugf() cannot print %%gr: the kernel's trace_printk has no names for GFP flags");
		return;
	}
	bool ok = seg->kind == CONV_STR ? t->kind == TY_STR : seg->kind != CONV_BUF && type_is_integer(t);
	if (!ok)
		check_error(c, arg->loc, "debugf()'s %%%s cannot print %s", printf_conv_name(seg), type_name(t));
}

static const struct type *check_debugf(struct checker *c, struct node *n)
{
	check_format_args(c, n, check_debugf_arg);
	return TYPE_VOID;
}

#ifndef LANTERN_FRONT_END_ONLY
/* The format as the kernel's trace_printk reads it (a literal % is %%
 * again). */
static const char *kernel_format(const struct printf_format *f)
{
	const char *s = "";
	for (int i = 0; i < f->nsegs; i++) {
		const struct printf_segment *seg = &f->segs[i];
		for (int c = 0; c < seg->literal_len; c++)
			s = arena_printf("%s%s%c", s, seg->literal[c] == '%' ? "%" : "", seg->literal[c]);
		if (!seg->has_conv)
			continue;
		bool integer = seg->kind == CONV_INT && seg->conv != 'c';
		s = arena_printf("%s%s%s%c", s, seg->spec, integer ? "ll" : "", seg->conv);
	}
	return s;
}

static struct cg_value lower_debugf(struct cg *g, struct node *n)
{
	const char *fmt = kernel_format(n->call.format);
	int size = (int)strlen(fmt) + 1;
	LLVMValueRef text = cg_alloca_bytes(g, size, "debugf_fmt");
	for (int off = 0; off < round8(size); off += 8) { /* whole words, NUL-padded */
		unsigned long long w = 0;
		for (int i = 0; i < 8 && off + i < size; i++)
			w |= (unsigned long long)(unsigned char)fmt[off + i] << (8 * i);
		cg_store(g, cg_const(g, (long long)w), cg_gep(g, text, off));
	}
	LLVMValueRef args[2 + MAX_DEBUGF_ARGS] = { text, LLVMConstInt(g->i32, (unsigned)size, 0) };
	int nargs = 2;
	for (int i = 1; i < n->call.args.n; i++)
		args[nargs++] = cg_expr(g, n->call.args.items[i]).v; /* a string: its buffer's address */
	cg_helper(g, BPF_FUNC_trace_printk, g->i64, args, nargs);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "debugf", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1 + MAX_DEBUGF_ARGS,
	  .signature = "debugf(format, ...) with at most 3 arguments", .check = check_debugf,
	  .lower = BACKEND(lower_debugf) },
	{ 0 },
};

const struct builtin_family builtins_debug = { "debugging", rows };
