/* override(rc) (--unsafe): the probed kernel function returns rc at once,
 * without running (bpf_override_return), as bpftrace's override. The
 * kernel allows it only in a kprobe at the entry of a function on its
 * error-injection list (ALLOW_ERROR_INJECTION), and only when built with
 * CONFIG_BPF_KPROBE_OVERRIDE; the list is checked here when debugfs shows
 * it, the helper by the verifier (verifier_reasons.c says what it means). */
#include <stdio.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

#define ERROR_INJECTION_LIST "/sys/kernel/debug/error_injection/list"

/* Whether the list has func ("func\tERRNO" lines), or true when it
 * cannot be read (no debugfs: the kernel says at attach time). */
static bool error_injectable(const char *func)
{
	FILE *f = fopen(ERROR_INJECTION_LIST, "r");
	if (!f)
		return true;
	char line[256];
	size_t len = strlen(func);
	bool found = false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, func, len) && (line[len] == '\t' || line[len] == ' ' || line[len] == '\n');
	fclose(f);
	return found;
}

static const struct type *check_override(struct checker *c, struct node *n)
{
	check_int(c, n->call.args.items[0], "override()'s return value");
	const struct attach_point *ap = c->inst->ap;
	if (strcmp(ap->provider->name, "kprobe")) {
		check_error(c, n->loc, "override can only be used with kprobes.");
	} else if (!ap->func || strchr(ap->name, '+') || strstr(ap->name, ":0x")) {
		check_error(c, n->loc, "override() needs a kprobe at a function's entry, not %s", ap->name);
	} else if (!error_injectable(ap->func)) {
		check_error(c, n->loc, "override() cannot be used on %s: the kernel allows it only on the functions of "
			    "its error-injection list (" ERROR_INJECTION_LIST ")", ap->func);
	}
	return TYPE_VOID;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_override(struct cg *g, struct node *n)
{
	LLVMValueRef args[] = { g->ctx_arg, cg_expr(g, n->call.args.items[0]).v };
	cg_helper(g, BPF_FUNC_override_return, g->i64, args, 2);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "override", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "override(rc)",
	  .flags = BF_UNSAFE, .check = check_override, .lower = BACKEND(lower_override) },
	{ 0 },
};

const struct builtin_family builtins_override = { "overriding a kernel function's return", rows };
