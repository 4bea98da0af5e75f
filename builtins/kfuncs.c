/* kfunc_exist("name"), kfunc_allowed("name"): whether the kernel has a
 * kfunc (a function its BTF tags bpf_kfunc), and whether the probe's
 * kind of program may call it. Both are known when the script is
 * compiled, as bpftrace answers them: the first from the kernel's BTF,
 * the second by loading a program of the probe's type that calls it and
 * reading what the verifier says ("... is not allowed" when the kfunc is
 * not registered for that program type). */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <unistd.h>

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

/* A tracing program needs a target to load: an iterator's, which this
 * kernel has whenever it has tracing programs. */
static int tracing_target(void)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	int id = vmlinux ? btf__find_by_name_kind(vmlinux, "bpf_iter_task", BTF_KIND_FUNC) : -1;
	btf__free(vmlinux);
	return id;
}

/* Loads `r1..r5 = 0; call kfunc; r0 = 0; exit` as the section's program
 * type. Loaded, or refused for anything but the kfunc's not being allowed
 * (its arguments, say): allowed. */
static bool kfunc_allowed_in(const char *section, int kfunc_id)
{
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	if (kfunc_id <= 0 || libbpf_prog_type_by_name(section, &type, &attach))
		return false;
	struct bpf_insn insns[9];
	for (int r = 1; r <= 5; r++)
		insns[r - 1] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = (unsigned char)r };
	insns[5] = (struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = kfunc_id };
	insns[6] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 };
	insns[7] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	if (type == BPF_PROG_TYPE_TRACING) {
		opts.expected_attach_type = BPF_TRACE_ITER;
		opts.attach_btf_id = (unsigned)tracing_target();
	} else {
		opts.expected_attach_type = attach;
	}
	int fd = bpf_prog_load(type, NULL, "GPL", insns, 8, &opts);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	return log[0] && !strstr(log, "is not allowed");
}

static struct cg_value lower_kfunc_allowed(struct cg *g, struct node *n)
{
	bool known;
	int id = cdefs_kernel_kfunc_id(n->call.args.items[0]->string.bytes, &known);
	bool allowed = kfunc_allowed_in(g->inst->ap->provider->section, id);
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
