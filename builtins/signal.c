/* signal(sig), signal_thread(sig): bpf_send_signal (the probed task's
 * process) and bpf_send_signal_thread (the task alone). Unsafe, as in
 * bpftrace: they need --unsafe. A signal is a name ("SIGKILL") or a
 * number, 1 to 64; a literal is checked when lantern compiles. */
#include <signal.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

#define MAX_SIGNAL 64

/* "SIGKILL" → 9; 0 if no signal has that name. */
static int signal_number(const char *name)
{
	if (strncmp(name, "SIG", 3))
		return 0;
	for (int i = 1; i < NSIG && i <= 31; i++) {
		const char *abbrev = sigabbrev_np(i);
		if (abbrev && !strcmp(abbrev, name + 3))
			return i;
	}
	return 0;
}

static const struct type *check_signal(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	/* BEGIN, END, test: and bench: run in lantern itself: it would be the one signalled */
	if (c->inst->ap->provider->special)
		check_error(c, n->loc, "%s() cannot be used in %s probes", n->call.name, c->inst->ap->provider->name);
	if (arg->kind == N_STR) {
		if (!signal_number(arg->string.bytes))
			check_error(c, arg->loc, "%s is not a valid signal", arg->string.bytes);
	} else if (is_const_int(arg)) {
		long long v = const_int_value(arg);
		if (v < 1 || v > MAX_SIGNAL)
			check_error(c, arg->loc, "%lld is not a valid signal, allowed range: [1,%d]", v, MAX_SIGNAL);
	} else if (t->kind != TY_NONE && !type_is_integer(t)) {
		check_error(c, arg->loc, "%s() only accepts string literals or integers", n->call.name);
	}
	return TYPE_VOID;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_signal(struct cg *g, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	LLVMValueRef sig = arg->kind == N_STR ? LLVMConstInt(g->i32, (unsigned)signal_number(arg->string.bytes), 0)
					      : LLVMBuildTrunc(g->b, cg_expr(g, arg).v, g->i32, "");
	bool thread = !strcmp(n->call.name, "signal_thread");
	LLVMValueRef args[] = { sig };
	cg_helper(g, thread ? BPF_FUNC_send_signal_thread : BPF_FUNC_send_signal, g->i64, args, 1);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "signal", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "signal(sig)",
	  .flags = BF_UNSAFE, .check = check_signal, .lower = BACKEND(lower_signal) },
	{ .name = "signal_thread", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "signal_thread(sig)", .flags = BF_UNSAFE, .check = check_signal, .lower = BACKEND(lower_signal) },
	{ 0 },
};

const struct builtin_family builtins_signal = { "signals", rows };
