/* kfunc_exist("name"), kfunc_allowed("name"): whether the kernel has a
 * kfunc (a function its BTF tags bpf_kfunc), and whether the probe's
 * kind of program may call it. Both are known when the script is
 * compiled, as bpftrace answers them: the first from the kernel's BTF,
 * the second from the verifier (codegen/kfuncs.c). */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

static const struct type *check_kfunc_name(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	if (arg->kind != N_STR || !arg->string.len) {
		check_error(c, arg->loc, "%s() takes the kfunc's name as a string literal", n->call.name);
		return TYPE_NONE;
	}
	return TYPE_BOOL;
}

static bool kfunc_exist_value(const struct node *n, long long *v)
{
	bool known;
	*v = cdefs_kernel_kfunc_id(n->call.args.items[0]->string.bytes, &known) > 0;
	return known;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_kfunc_exist(struct cg *g, struct node *n)
{
	long long v = 0;
	kfunc_exist_value(n, &v);
	return (struct cg_value){ .v = cg_const(g, v), .type = n->type };
}

static struct cg_value lower_kfunc_allowed(struct cg *g, struct node *n)
{
	bool allowed = cg_kfunc_allowed(g, n->call.args.items[0]->string.bytes);
	return (struct cg_value){ .v = cg_const(g, allowed), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "kfunc_exist", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "kfunc_exist(\"name\")", .check = check_kfunc_name, .lower = BACKEND(lower_kfunc_exist),
	  .constant = kfunc_exist_value },
	{ .name = "kfunc_allowed", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "kfunc_allowed(\"name\")", .check = check_kfunc_name, .lower = BACKEND(lower_kfunc_allowed) },
	{ 0 },
};

const struct builtin_family builtins_kfuncs = { "kernel functions (kfuncs)", rows };
