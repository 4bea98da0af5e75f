/* Builtins about the current task's relatives, read from its struct
 * task_struct (the kernel's BTF gives the members' places, when the
 * script is compiled): ppid and pcomm (the real parent's pid and comm),
 * leader_tid and leader_comm (the thread-group leader's), each of
 * curtask or of the task given (ppid(task)); and usermode, has_cpid, ctx. */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"
#include "../probes/arch.h"
#include "../probes/provider.h"
#include "../probes/target.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

/* What a builtin reads: the relative (a task_struct pointer member) and
 * the member of it. */
struct relation {
	const char *name, *relative, *member;
};

static const struct relation relations[] = {
	{ "ppid", "real_parent", "pid" },
	{ "pcomm", "real_parent", "comm" },
	{ "leader_tid", "group_leader", "pid" },
	{ "leader_comm", "group_leader", "comm" },
};

static const struct relation *relation_of(const char *name)
{
	for (size_t i = 0; i < sizeof(relations) / sizeof(relations[0]); i++)
		if (!strcmp(relations[i].name, name))
			return &relations[i];
	return NULL;
}

static const char *name_of(const struct node *n)
{
	return n->kind == N_IDENT ? n->ident.name : n->call.name;
}

/* The member's place in struct task_struct, or NULL. */
static const struct type_member *task_member(const char *member)
{
	const struct type *task = cdefs_type("struct task_struct");
	return task ? type_member(type_complete(task), member) : NULL;
}

static const struct type *check_relation(struct checker *c, struct node *n)
{
	const struct relation *r = relation_of(name_of(n));
	if (n->kind == N_CALL && n->call.args.n == 1) {
		struct node *task = n->call.args.items[0];
		const struct type *t = check_expr(c, task);
		if (t->kind != TY_NONE && !type_is_integer(t)) {
			check_error(c, task->loc, "%s() takes a task (struct task_struct *), not %s", r->name, type_name(t));
			return TYPE_NONE;
		}
	}
	const struct type_member *rel = task_member(r->relative), *m = task_member(r->member);
	if (!rel || !m) {
		check_error(c, n->loc, "%s needs struct task_struct's %s and %s, from the kernel's BTF, and there are none",
			    r->name, r->relative, r->member);
		return TYPE_NONE;
	}
	return !strcmp(r->member, "comm") ? type_str(COMM_SIZE) : type_int_sized(4, false);
}

/* usermode: the probed code's privilege level, from the saved cs (x86_64)
 * of the registers, which uprobes get and perf events (profile, interval)
 * begin with; BEGIN and END stand for lantern's own call, made in user
 * mode (bpftrace's are uprobes on itself: 1). */
static bool usermode_from_regs(const struct provider *p)
{
	return p->regs || !strcmp(p->section, "perf_event");
}

static const struct type *check_usermode(struct checker *c, struct node *n)
{
	if (arch_reg_offset("cs") < 0) {
		check_error(c, n->loc, "usermode is only supported on x86_64");
		return TYPE_NONE;
	}
	const struct provider *p = c->inst->ap->provider;
	if (!p->special && !usermode_from_regs(p)) {
		check_error(c, n->loc, "usermode is not available in %s probes: their context is not the registers",
			    c->inst->ap->provider->name);
		return TYPE_NONE;
	}
	return type_int_sized(1, false);
}

static const struct type *check_has_cpid(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return TYPE_BOOL;
}

/* The program's context: the registers in uprobes, else its own kind */
static const struct type *check_ctx(struct checker *c, struct node *n)
{
	(void)n;
	static const struct type any = { .kind = TY_VOID, .name = "void" };
	const struct provider *pr = c->inst->ap->provider;
	const struct type *t = pr->ctx_type ? pr->ctx_type(c->inst->ap) : NULL;
	if (!t && pr->regs)
		t = cdefs_type("struct pt_regs");
	return type_ptr(t ? t : &any, AS_KERNEL);
}

static bool has_cpid_value(const struct node *n, long long *v)
{
	(void)n;
	*v = target_get()->is_command;
	return true;
}

#ifndef LANTERN_FRONT_END_ONLY
/* The task the relation is of: the argument, or the current task. */
static LLVMValueRef task_of(struct cg *g, struct node *n)
{
	if (n->kind == N_CALL && n->call.args.n == 1)
		return cg_expr(g, n->call.args.items[0]).v;
	return cg_helper(g, BPF_FUNC_get_current_task, g->i64, NULL, 0);
}

/* The relative's address: task->relative */
static LLVMValueRef relative_of(struct cg *g, struct node *n)
{
	const struct relation *r = relation_of(name_of(n));
	LLVMValueRef slot = cg_alloca(g, g->i64, "relative");
	cg_store(g, cg_const(g, 0), slot);
	LLVMValueRef at = LLVMBuildAdd(g->b, task_of(g, n), cg_const(g, task_member(r->relative)->offset), "");
	cg_probe_read(g, BPF_FUNC_probe_read_kernel, slot, 8, at, n);
	return LLVMBuildAdd(g->b, cg_load(g, g->i64, slot), cg_const(g, task_member(r->member)->offset), "");
}

static struct cg_value lower_relation_pid(struct cg *g, struct node *n)
{
	LLVMValueRef slot = cg_alloca(g, g->i32, "pid");
	cg_store(g, LLVMConstInt(g->i32, 0, 0), slot);
	cg_probe_read(g, BPF_FUNC_probe_read_kernel, slot, 4, relative_of(g, n), n);
	return (struct cg_value){ .v = LLVMBuildZExt(g->b, cg_load(g, g->i32, slot), g->i64, ""), .type = n->type };
}

static void relation_comm_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	int len = size < COMM_SIZE ? size : COMM_SIZE;
	if (pad)
		cg_memset(g, dst, round8(size));
	else
		cg_store(g, LLVMConstInt(g->i8, 0, 0), dst); /* "" if the read fails */
	cg_probe_read(g, BPF_FUNC_probe_read_kernel_str, dst, len, relative_of(g, n), n);
}

static struct cg_value relation_value(struct cg *g, struct node *n)
{
	if (n->type->kind != TY_STR)
		return lower_relation_pid(g, n);
	struct cg_value r = { .type = n->type };
	r.v = cg_alloca_bytes(g, n->type->size, "comm");
	relation_comm_into(g, n, r.v, n->type->size, false);
	return r;
}

/* ring 3 is user mode */
static struct cg_value lower_usermode(struct cg *g, struct node *n)
{
	if (g->inst->ap->provider->special)
		return (struct cg_value){ .v = cg_const(g, 1), .type = n->type };
	LLVMValueRef cs = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, arch_reg_offset("cs")));
	LLVMValueRef user = LLVMBuildICmp(g->b, LLVMIntEQ, LLVMBuildAnd(g->b, cs, cg_const(g, 3), ""), cg_const(g, 3), "");
	return (struct cg_value){ .v = LLVMBuildZExt(g->b, user, g->i64, ""), .type = n->type };
}

static struct cg_value lower_has_cpid(struct cg *g, struct node *n)
{
	return (struct cg_value){ .v = cg_const(g, target_get()->is_command), .type = n->type };
}

static struct cg_value lower_ctx(struct cg *g, struct node *n)
{
	return (struct cg_value){ .v = LLVMBuildPtrToInt(g->b, g->ctx_arg, g->i64, ""), .type = n->type };
}
#endif

#define RELATION(name_, sig)                                                                                       \
	{ .name = name_, .kind = BUILTIN_VARIABLE, .max_args = 1, .signature = sig, .flags = BF_STABLE,            \
	  .check = check_relation, .lower = BACKEND(relation_value), .lower_into = BACKEND(relation_comm_into) }

static const struct builtin rows[] = {
	RELATION("ppid", "ppid or ppid(task)"),
	RELATION("pcomm", "pcomm or pcomm(task)"),
	RELATION("leader_tid", "leader_tid or leader_tid(task)"),
	RELATION("leader_comm", "leader_comm or leader_comm(task)"),
	{ .name = "usermode", .kind = BUILTIN_VARIABLE, .signature = "usermode", .flags = BF_STABLE,
	  .check = check_usermode, .lower = BACKEND(lower_usermode) },
	{ .name = "has_cpid", .kind = BUILTIN_VARIABLE, .signature = "has_cpid", .flags = BF_STABLE,
	  .check = check_has_cpid, .lower = BACKEND(lower_has_cpid), .constant = has_cpid_value },
	{ .name = "ctx", .kind = BUILTIN_VARIABLE, .signature = "ctx", .flags = BF_STABLE, .check = check_ctx,
	  .lower = BACKEND(lower_ctx) },
	{ 0 },
};

const struct builtin_family builtins_task = { "task relatives and context", rows };
