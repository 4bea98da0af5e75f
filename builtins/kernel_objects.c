/* Builtins on the kernel's own objects, through helpers that take them
 * typed by the kernel's BTF: path(p [, size]), the path of a struct path
 * (bpf_d_path); socket_cookie(sk), a socket's cookie
 * (bpf_get_socket_cookie); percpu_kaddr("name" [, cpu]), where a CPU's
 * copy of a per-CPU variable is (bpf_this_cpu_ptr, bpf_per_cpu_ptr). The
 * objects path and socket_cookie take must be ones the verifier knows the
 * type of: a probe's typed argument or context, or a member of one
 * (codegen's cg_kernel_object_begin). */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"
#include "../compiler/config.h"
#include "../probes/kernel_symbols.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

/* Whether the probe is one of bpftrace's BTF-typed ones that can pass a
 * kernel object to a helper: fentry, fexit, iter (BPF_PROG_TYPE_TRACING). */
static bool in_tracing_probe(struct checker *c)
{
	const char *p = c->inst->ap->provider->name;
	return !strcmp(p, "fentry") || !strcmp(p, "fexit") || !strcmp(p, "iter");
}

/* A struct in kernel memory (*p, p->member, p->a.b), not a copy of one
 * ($s.member of a variable or map holding one) */
static bool names_kernel_memory(const struct node *n)
{
	if (n->kind == N_UNARY && n->unary.op == OP_DEREF)
		return true;
	if (n->kind != N_FIELD)
		return false;
	return n->field.base->type->kind == TY_PTR || names_kernel_memory(n->field.base);
}

/* path(struct path *p [, size]), path(file->f_path [, size]): a string of
 * size bytes (max_strlen's by default); a longer path loses its front, as
 * bpf_d_path cuts it. */
static const struct type *check_path(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (!in_tracing_probe(c))
		check_error(c, n->loc, "The path function can only be used with 'fentry', 'fexit', 'iter' probes");
	int size = config_str_size();
	if (n->call.args.n > 1) {
		struct node *len = n->call.args.items[1];
		check_expr(c, len);
		if (len->kind != N_INT || len->integer.value < 1 || len->integer.value > STR_MAX_SIZE)
			check_error(c, len->loc, "path: invalid size value, need a literal from 1 to %d", STR_MAX_SIZE);
		else
			size = (int)len->integer.value;
	}
	if (t->kind == TY_NONE)
		return type_str(size);
	const struct type *object = t->kind == TY_PTR ? t->pointee : t;
	if (t->kind != TY_PTR && t->kind != TY_STRUCT)
		check_error(c, arg->loc, "path() only supports pointer or record argument (%s provided)", type_name(t));
	else if (!type_is_struct(object, "path"))
		check_error(c, arg->loc, "path() takes a struct path or a pointer to one, not %s", type_name(t));
	else if (t->kind == TY_STRUCT && !names_kernel_memory(arg))
		check_error(c, arg->loc, "path() takes a struct path in kernel memory (as args.file->f_path), not a copy");
	return type_str(size);
}

/* socket_cookie(sk): sk a struct sock * (or the struct sock_common * it
 * starts with, which the helper takes); 0 for NULL. */
static const struct type *check_socket_cookie(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (!in_tracing_probe(c))
		check_error(c, n->loc, "socket_cookie() can only be used with 'fentry', 'fexit', 'iter' probes");
	if (t->kind != TY_NONE && (t->kind != TY_PTR || (!type_is_struct(t->pointee, "sock") &&
							 !type_is_struct(t->pointee, "sock_common"))))
		check_error(c, arg->loc, "socket_cookie() only supports 'struct sock *' as the argument (%s provided)",
			    type_name(t));
	return type_int(false);
}

/* percpu_kaddr("name" [, cpu]): a pointer to the variable's copy of this
 * CPU (of cpu: NULL past the last CPU), typed as the kernel's BTF types
 * the variable. */
static const struct type *check_percpu_kaddr(struct checker *c, struct node *n)
{
	struct node *name = n->call.args.items[0];
	if (n->call.args.n > 1)
		check_int(c, n->call.args.items[1], "percpu_kaddr()'s cpu");
	if (name->kind != N_STR || !name->string.len) {
		check_error(c, name->loc, "percpu_kaddr() takes the variable's name as a string literal");
		return TYPE_NONE;
	}
	bool known;
	const struct type *t = cdefs_kernel_percpu_variable(name->string.bytes, &known);
	if (known && !t) {
		check_error(c, name->loc, "the kernel has no per-CPU variable '%s' (none in its BTF's .data..percpu)",
			    name->string.bytes);
		return TYPE_NONE;
	}
	/* the verifier finds the variable by its kallsyms name */
	const char *why = NULL;
	if (t && !kernel_symbol_named(name->string.bytes, &why) && !why)
		check_error(c, name->loc, "the kernel's kallsyms has no '%s', where the verifier looks for it (a kernel "
			    "built without CONFIG_KALLSYMS_ALL lists no variables)", name->string.bytes);
	return type_ptr(t ? t : TYPE_VOID, AS_KERNEL);
}

#ifndef LANTERN_FRONT_END_ONLY
/* Zeroed first: a failed bpf_d_path leaves "" (and equal paths stay
 * equal map keys past their NUL). */
static void path_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	int len = n->type->size < size ? n->type->size : size;
	cg_memset(g, dst, pad ? round8(size) : len);
	struct cg_kernel_use use;
	LLVMValueRef args[] = { cg_kernel_object_begin(g, n, n->call.args.items[0], &use), dst,
				LLVMConstInt(g->i32, (unsigned)len, 0) };
	cg_helper(g, BPF_FUNC_d_path, g->i64, args, 3);
	cg_kernel_object_end(g, &use);
}

static struct cg_value lower_socket_cookie(struct cg *g, struct node *n)
{
	LLVMValueRef cookie = cg_alloca(g, g->i64, "cookie");
	cg_store(g, cg_const(g, 0), cookie);
	struct cg_kernel_use use;
	LLVMValueRef args[] = { cg_kernel_object_begin(g, n, n->call.args.items[0], &use) };
	cg_store(g, cg_helper(g, BPF_FUNC_get_socket_cookie, g->i64, args, 1), cookie);
	cg_kernel_object_end(g, &use);
	return (struct cg_value){ .v = cg_load(g, g->i64, cookie), .type = n->type };
}

static struct cg_value lower_percpu_kaddr(struct cg *g, struct node *n)
{
	LLVMValueRef var = cg_ksym_variable(g, n->call.args.items[0]->string.bytes, n->type->pointee);
	if (!var) {
		diag_error(n->loc, "percpu_kaddr(\"%s\") cannot be used: lantern's own program has a map or global of "
				   "that name",
			   n->call.args.items[0]->string.bytes);
		g->failed = true;
		return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
	}
	LLVMValueRef p;
	if (n->call.args.n > 1) {
		LLVMValueRef args[] = { var, LLVMBuildTrunc(g->b, cg_expr(g, n->call.args.items[1]).v, g->i32, "") };
		p = cg_helper(g, BPF_FUNC_per_cpu_ptr, g->ptr, args, 2);
	} else {
		LLVMValueRef args[] = { var };
		p = cg_helper(g, BPF_FUNC_this_cpu_ptr, g->ptr, args, 1);
	}
	return (struct cg_value){ .v = LLVMBuildPtrToInt(g->b, p, g->i64, ""), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "path", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2,
	  .signature = "path(struct path *path [, size])", .check = check_path, .lower_into = BACKEND(path_into) },
	{ .name = "socket_cookie", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "socket_cookie(struct sock *sk)", .check = check_socket_cookie,
	  .lower = BACKEND(lower_socket_cookie) },
	{ .name = "percpu_kaddr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2,
	  .signature = "percpu_kaddr(\"name\" [, cpu])", .check = check_percpu_kaddr,
	  .lower = BACKEND(lower_percpu_kaddr) },
	{ 0 },
};

const struct builtin_family builtins_kernel_objects = { "the kernel's objects (paths, sockets, per-CPU variables)",
							rows };
