/* Builtins about the running task, the machine and the probe: pid, tid
 * (of lantern's pid namespace or the initial one),
 * uid, gid, username, comm, cgroup, cpu, numaid, ncpus, nsecs, elapsed,
 * jiffies, rand, probe, func, cpid. */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"
#include "../probes/provider.h"
#include "../probes/target.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <linux/bpf.h>

#include "../codegen/cg.h"

#define PROC_PID_INIT_INO 0xEFFFFFFCU /* the initial pid namespace's inode */
#endif

static const struct type *unsigned_int(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return type_int(false);
}

/* pid(ns), tid(ns): the ids seen from lantern's pid namespace (curr_ns,
 * the default, as bpftrace) or from the initial one (init). */
static bool in_init_ns(const struct node *n)
{
	if (n->kind != N_CALL || n->call.args.n == 0)
		return false;
	const struct node *a = n->call.args.items[0];
	return a->kind == N_IDENT && !strcmp(a->ident.name, "init");
}

static const struct type *id_type(struct checker *c, struct node *n)
{
	if (n->kind == N_CALL && n->call.args.n == 1) {
		const struct node *a = n->call.args.items[0];
		if (a->kind != N_IDENT || (strcmp(a->ident.name, "init") && strcmp(a->ident.name, "curr_ns"))) {
			check_error(c, a->loc, "%s() takes a pid namespace: curr_ns or init", n->call.name);
			return TYPE_NONE;
		}
	}
	return type_int_sized(4, false);
}

/* comm(pid): the comm of another process, found through the kfunc
 * bpf_task_from_pid as bpftrace does (the probe's program type must be
 * one the kernel lets call it: codegen asks). */
static const struct type *comm_type(struct checker *c, struct node *n)
{
	if (n->kind == N_CALL && n->call.args.n == 1) {
		const struct type *t = check_expr(c, n->call.args.items[0]);
		if (t->kind != TY_NONE && !type_is_integer(t)) {
			check_error(c, n->call.args.items[0]->loc, "comm() takes a pid, not %s", type_name(t));
			return TYPE_NONE;
		}
	}
	return type_str(COMM_SIZE);
}

/* The current task's struct task_struct, in kernel memory: the script's
 * C definition, or the kernel's, read from BTF when a field is used. */
static const struct type *curtask_type(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	static const struct type task_struct = { .kind = TY_VOID, .name = "struct task_struct" };
	const struct type *t = cdefs_declared_type(CDEFS_STRUCT, "task_struct");
	return type_ptr(t ? t : &task_struct, AS_KERNEL);
}

/* The uid, shown as its user's name when printed (in userspace). */
static const struct type *username_type(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return type_resolved(RESOLVED_USERNAME, 8);
}

/* nsecs(clock): which clock, as bpftrace names them; -1 when n names none
 * (reported). The first is nsecs's own: the boot clock, as bpftrace's
 * (it counts time suspended too). */
static const char *const clock_names[] = { "boot", "monotonic", "tai", "sw_tai" };

int nsecs_clock(const struct node *n)
{
	if (n->kind != N_CALL || n->call.args.n == 0)
		return 0;
	const struct node *a = n->call.args.items[0];
	for (int i = 0; a->kind == N_IDENT && i < (int)(sizeof(clock_names) / sizeof(clock_names[0])); i++)
		if (!strcmp(a->ident.name, clock_names[i]))
			return i;
	return -1;
}

static const struct type *nsecs_type(struct checker *c, struct node *n)
{
	if (nsecs_clock(n) < 0)
		check_error(c, n->call.args.items[0]->loc, "nsecs() takes a clock: monotonic, boot, tai or sw_tai");
	return type_int(false);
}

/* The probe's type as bpftrace names it: "special" for BEGIN and END,
 * "benchmark" for bench. */
static const char *probetype_name(const struct probe_instance *inst)
{
	const struct provider *p = inst->ap->provider;
	if (p->special == SPECIAL_BEGIN || p->special == SPECIAL_END)
		return "special";
	return p->special == SPECIAL_BENCH ? "benchmark" : p->name;
}

static const struct type *probetype_type(struct checker *c, struct node *n)
{
	(void)n;
	return type_str((int)strlen(probetype_name(c->inst)) + 1);
}

static const struct type *probe_type(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return TYPE_PROBE;
}

/* func: the function the attach point probes, known when lantern
 * compiles; the value is the attach point, as for `probe`. */
static const struct type *func_type(struct checker *c, struct node *n)
{
	const struct attach_point *ap = c->inst->ap;
	if (ap->func)
		return TYPE_FUNC;
	check_error(c, n->loc, "func is not available in %s probes: they are in no function", ap->provider->name);
	return TYPE_NONE;
}

/* cpid: the pid of the command -c runs, started before compiling;
 * without -c 0, with a warning, as current bpftrace (has_cpid tells). */
static const struct type *cpid_type(struct checker *c, struct node *n)
{
	if (!target_get()->is_command)
		diag_warning(n->loc, "cpid is 0: it is the pid of the command that -c runs, and there is no -c");
	return type_int(false);
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value int_value(struct node *n, LLVMValueRef v)
{
	return (struct cg_value){ .v = v, .type = n->type };
}

static LLVMValueRef helper0(struct cg *g, int id)
{
	return cg_helper(g, id, g->i64, NULL, 0);
}

static LLVMValueRef high32(struct cg *g, int helper)
{
	return LLVMBuildLShr(g->b, helper0(g, helper), cg_const(g, 32), "");
}

static LLVMValueRef low32(struct cg *g, int helper)
{
	return LLVMBuildAnd(g->b, helper0(g, helper), cg_const(g, 0xffffffff), "");
}

/* lantern's pid namespace, as bpf_get_ns_current_pid_tgid wants it (the
 * kernel's encoding of the nsfs device), or false in the initial one,
 * whose ids get_current_pid_tgid gives. */
static bool own_pid_ns(unsigned long long *dev, unsigned long long *ino)
{
	struct stat st;
	if (stat("/proc/self/ns/pid", &st) || st.st_ino == PROC_PID_INIT_INO)
		return false;
	*dev = (unsigned long long)major(st.st_dev) << 20 | minor(st.st_dev);
	*ino = st.st_ino;
	return true;
}

/* { pid, tgid } in lantern's namespace, as an i64 of tgid << 32 | pid */
static LLVMValueRef pid_tgid(struct cg *g, struct node *n)
{
	unsigned long long dev, ino;
	if (in_init_ns(n) || !own_pid_ns(&dev, &ino))
		return helper0(g, BPF_FUNC_get_current_pid_tgid);
	LLVMValueRef info = cg_alloca(g, g->i64, "pidns_info");
	cg_store(g, cg_const(g, 0), info);
	LLVMValueRef args[] = { cg_const(g, (long long)dev), cg_const(g, (long long)ino), info, cg_const(g, 8) };
	cg_helper(g, BPF_FUNC_get_ns_current_pid_tgid, g->i64, args, 4);
	LLVMValueRef v = cg_load(g, g->i64, info); /* pid in the low word, tgid in the high */
	return v;
}

static struct cg_value lower_pid(struct cg *g, struct node *n)
{
	return int_value(n, LLVMBuildLShr(g->b, pid_tgid(g, n), cg_const(g, 32), ""));
}

static struct cg_value lower_tid(struct cg *g, struct node *n)
{
	return int_value(n, LLVMBuildAnd(g->b, pid_tgid(g, n), cg_const(g, 0xffffffff), ""));
}

static struct cg_value lower_uid(struct cg *g, struct node *n)
{
	return int_value(n, low32(g, BPF_FUNC_get_current_uid_gid));
}

static struct cg_value lower_username(struct cg *g, struct node *n)
{
	LLVMValueRef v = cg_alloca_bytes(g, 8, "username");
	cg_store(g, low32(g, BPF_FUNC_get_current_uid_gid), v);
	return int_value(n, v);
}

static struct cg_value lower_gid(struct cg *g, struct node *n)
{
	return int_value(n, high32(g, BPF_FUNC_get_current_uid_gid));
}

/* sw_tai is TAI too: this kernel has its helper */
static struct cg_value lower_nsecs(struct cg *g, struct node *n)
{
	static const int helpers[] = { BPF_FUNC_ktime_get_boot_ns, BPF_FUNC_ktime_get_ns, BPF_FUNC_ktime_get_tai_ns,
				       BPF_FUNC_ktime_get_tai_ns };
	return int_value(n, helper0(g, helpers[nsecs_clock(n)]));
}

static struct cg_value lower_elapsed(struct cg *g, struct node *n)
{
	LLVMValueRef start = cg_load(g, g->i64, g->start_time);
	LLVMSetVolatile(start, 1);
	return int_value(n, LLVMBuildSub(g->b, helper0(g, BPF_FUNC_ktime_get_ns), start, ""));
}

static struct cg_value lower_cgroup(struct cg *g, struct node *n)
{
	return int_value(n, helper0(g, BPF_FUNC_get_current_cgroup_id));
}

static struct cg_value lower_curtask(struct cg *g, struct node *n)
{
	return int_value(n, helper0(g, BPF_FUNC_get_current_task));
}

static struct cg_value lower_numaid(struct cg *g, struct node *n)
{
	return int_value(n, helper0(g, BPF_FUNC_get_numa_node_id));
}

/* The CPUs that may run, known when lantern compiles. */
static struct cg_value lower_ncpus(struct cg *g, struct node *n)
{
	return int_value(n, cg_const(g, g->options->ncpus));
}

static struct cg_value lower_jiffies(struct cg *g, struct node *n)
{
	return int_value(n, helper0(g, BPF_FUNC_jiffies64));
}

/* 32 random bits, as bpftrace's rand */
static struct cg_value lower_rand(struct cg *g, struct node *n)
{
	LLVMValueRef r = cg_helper(g, BPF_FUNC_get_prandom_u32, g->i32, NULL, 0);
	return int_value(n, LLVMBuildZExt(g->b, r, g->i64, ""));
}

static struct cg_value lower_cpu(struct cg *g, struct node *n)
{
	LLVMValueRef cpu = cg_helper(g, BPF_FUNC_get_smp_processor_id, g->i32, NULL, 0);
	return int_value(n, LLVMBuildZExt(g->b, cpu, g->i64, ""));
}

/* probe and func: an instance's id (name_id, func_id), a constant, or
 * from the attach cookie, which lets one program serve every attach point
 * of a probe: it holds func's in its high half and probe's in its low one
 * (runtime/run.c). A routed attach point's is its instance's. */
static struct cg_value lower_probe(struct cg *g, struct node *n)
{
	bool of_func = n->type->of_func;
	if (g->inst->ap->route) /* recomputed where used: also right in a loop's callback */
		return int_value(n, cg_routed_instance(g, of_func));
	if (!g->inst->probe_from_cookie)
		return int_value(n, cg_const(g, of_func ? g->inst->func_id : g->inst->name_id));
	LLVMValueRef cookie = cg_helper(g, BPF_FUNC_get_attach_cookie, g->i64, &g->ctx_arg, 1);
	return int_value(n, of_func ? LLVMBuildLShr(g->b, cookie, cg_const(g, 32), "")
				    : LLVMBuildAnd(g->b, cookie, cg_const(g, 0xffffffff), ""));
}

/* A constant of the instance, written as a literal would be */
static void probetype_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	const char *name = probetype_name(g->inst);
	struct node literal = { .kind = N_STR, .loc = n->loc, .type = n->type };
	literal.string.bytes = name;
	literal.string.len = (int)strlen(name);
	cg_str_into(g, &literal, dst, size, pad);
}

static struct cg_value lower_cpid(struct cg *g, struct node *n)
{
	return int_value(n, cg_const(g, target_get()->pid));
}

/* comm(pid) into dst (zeroed): the task's comm when there is a task of
 * that pid (in the probe's pid namespace), else the empty string. The
 * task is held from bpf_task_from_pid to bpf_task_release. */
static void comm_of_pid_into(struct cg *g, struct node *n, LLVMValueRef dst, int size)
{
	const struct type *task = cdefs_type("struct task_struct");
	const struct type_member *comm = task ? type_member(type_complete(task), "comm") : NULL;
	if (!comm) {
		diag_error(n->loc, "comm(pid) needs struct task_struct's comm from the kernel's BTF, which it does not have");
		g->failed = true;
		return;
	}
	if (!cg_kfunc_allowed(g, "bpf_task_from_pid")) {
		diag_error(n->loc, "comm(pid) cannot be used in %s probes on this kernel: it calls the kfunc "
				   "bpf_task_from_pid, which the kernel does not let their programs call",
			   g->inst->ap->provider->name);
		g->failed = true;
		return;
	}
	LLVMMetadataRef task_ptr = cg_di_struct_pointer(g, "task_struct"), pid_t = g->di_int;
	LLVMValueRef pid = LLVMBuildTrunc(g->b, cg_expr(g, n->call.args.items[0]).v, g->i32, "");
	LLVMValueRef t = cg_kfunc_call(g, "bpf_task_from_pid", task_ptr, &pid_t, &pid, 1);
	LLVMBasicBlockRef found = cg_block(g, "task_found"), done = cg_block(g, "task_done");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, t, ""), done, found);
	LLVMPositionBuilderAtEnd(g->b, found);
	LLVMValueRef args[] = { dst, cg_const(g, size), cg_gep(g, t, comm->offset) };
	cg_helper(g, BPF_FUNC_probe_read_kernel, g->i64, args, 3);
	cg_kfunc_call(g, "bpf_task_release", NULL, &task_ptr, &t, 1);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

/* Newer kernels' get_current_comm pads with zeroes up to the size it is
 * given; 6.1's stops at the NUL (seen in the QEMU lane: map keys of one
 * comm differed past it). A padded destination (a map key) is zeroed
 * first: two stores. */
static void comm_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	int n_comm = size < COMM_SIZE ? size : COMM_SIZE;
	bool of_pid = n->kind == N_CALL && n->call.args.n == 1;
	if (pad || of_pid)
		cg_memset(g, dst, round8(size));
	if (of_pid) {
		comm_of_pid_into(g, n, dst, n_comm);
		return;
	}
	LLVMValueRef args[] = { dst, cg_const(g, n_comm) };
	cg_helper(g, BPF_FUNC_get_current_comm, g->i64, args, 2);
}
#endif

/* flags: BF_STABLE for what stays the same through one run of a probe */
#define VARIABLE(name_, type_, lowering, flags_)                                                    \
	{ .name = name_, .kind = BUILTIN_VARIABLE, .signature = name_, .flags = flags_, .check = type_, \
	  .lower = BACKEND(lowering) }

static const struct builtin rows[] = {
	{ .name = "pid", .kind = BUILTIN_VARIABLE, .max_args = 1, .signature = "pid or pid(curr_ns|init)",
	  .flags = BF_STABLE, .check = id_type, .lower = BACKEND(lower_pid) },
	{ .name = "tid", .kind = BUILTIN_VARIABLE, .max_args = 1, .signature = "tid or tid(curr_ns|init)",
	  .flags = BF_STABLE, .check = id_type, .lower = BACKEND(lower_tid) },
	VARIABLE("uid", unsigned_int, lower_uid, BF_STABLE),
	VARIABLE("gid", unsigned_int, lower_gid, BF_STABLE),
	VARIABLE("username", username_type, lower_username, BF_STABLE),
	VARIABLE("cpu", unsigned_int, lower_cpu, BF_STABLE),
	VARIABLE("numaid", unsigned_int, lower_numaid, BF_STABLE),
	VARIABLE("ncpus", unsigned_int, lower_ncpus, BF_STABLE),
	VARIABLE("cgroup", unsigned_int, lower_cgroup, BF_STABLE),
	VARIABLE("curtask", curtask_type, lower_curtask, BF_STABLE),
	VARIABLE("probe", probe_type, lower_probe, BF_STABLE),
	VARIABLE("func", func_type, lower_probe, BF_STABLE),
	VARIABLE("cpid", cpid_type, lower_cpid, BF_STABLE),
	{ .name = "comm", .kind = BUILTIN_VARIABLE, .max_args = 1, .signature = "comm", .flags = BF_STABLE, .check = comm_type,
	  .lower_into = BACKEND(comm_into) },
	{ .name = "probetype", .kind = BUILTIN_VARIABLE, .signature = "probetype", .flags = BF_STABLE,
	  .check = probetype_type, .lower_into = BACKEND(probetype_into) },
	/* new every time they are read */
	{ .name = "nsecs", .kind = BUILTIN_VARIABLE, .max_args = 1, .signature = "nsecs or nsecs(clock)",
	  .check = nsecs_type, .lower = BACKEND(lower_nsecs) },
	VARIABLE("elapsed", unsigned_int, lower_elapsed, 0),
	VARIABLE("jiffies", unsigned_int, lower_jiffies, 0),
	VARIABLE("rand", unsigned_int, lower_rand, 0),
	{ 0 },
};

const struct builtin_family builtins_process = { "process and probe", rows };
