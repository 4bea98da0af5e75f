/* Builtins about stacks and symbols: kstack, ustack (the addresses the
 * kernel unwinds, printed as symbols in userspace), ksym(addr),
 * usym(addr) (an address, printed as its symbol's name), kaddr("name"),
 * uaddr("name") (a symbol's address, known when the script is compiled).
 *
 * A stack is kept whole in its value, as bpftrace 0.26 keeps it: the
 * number of frames, then the addresses bpf_get_stack wrote, zeroes after
 * them (the kernel clears the rest), so a stack used as a map key counts
 * once however often it is seen, with no stack map and no hashing of our
 * own. A ustack also records the pid and probe whose addresses they are. */
#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../compiler/config.h"
#include "../probes/elf_symbols.h"
#include "../probes/kernel_symbols.h"
#include "../probes/process_maps.h"
#include "../probes/provider.h"
#include "../probes/target.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

#define DEFAULT_STACK_LIMIT 127 /* bpftrace's, and the kernel's perf_event_max_stack */
#define MAX_STACK_LIMIT 1024

static const char *const mode_names[] = { "bpftrace", "perf", "raw", "build_id" };

static bool is_user_stack(const struct node *n)
{
	const char *name = n->kind == N_IDENT ? n->ident.name : n->call.name;
	return name[0] == 'u';
}

/* kstack(mode), kstack(mode, limit): the mode is a name */
static bool stack_mode_arg(struct checker *c, const char *fn, struct node *arg, enum stack_mode *mode)
{
	for (int i = 0; arg->kind == N_IDENT && i < (int)(sizeof(mode_names) / sizeof(mode_names[0])); i++) {
		if (!strcmp(arg->ident.name, mode_names[i])) {
			*mode = (enum stack_mode)i;
			return true;
		}
	}
	if (arg->kind == N_IDENT)
		check_error(c, arg->loc, "%s: unknown stack mode '%s': expecting bpftrace, perf, raw or build_id", fn,
			    arg->ident.name);
	else
		check_error(c, arg->loc, "%s: expecting a stack mode (bpftrace, perf, raw or build_id) first", fn);
	return false;
}

static bool stack_limit_arg(struct checker *c, const char *fn, struct node *arg, int *limit)
{
	if (arg->kind != N_INT) {
		check_error(c, arg->loc, "%s: the limit must be an integer literal", fn);
		return false;
	}
	long long v = arg->integer.value;
	if (v > MAX_STACK_LIMIT) {
		check_error(c, arg->loc, "%s([int limit]): limit shouldn't exceed %d, %lld given", fn, MAX_STACK_LIMIT, v);
		return false;
	}
	if (v < 1) {
		check_error(c, arg->loc, "%s([int limit]): limit must be at least 1, %lld given", fn, v);
		return false;
	}
	*limit = (int)v;
	return true;
}

/* kstack, kstack(limit), kstack(mode), kstack(mode, limit); the mode
 * unsaid is the stack_mode setting's. */
static const struct type *stack_type(struct checker *c, struct node *n)
{
	bool user = is_user_stack(n);
	const char *fn = user ? "ustack" : "kstack";
	enum stack_mode mode = (enum stack_mode)config_int(CONFIG_STACK_MODE);
	int limit = DEFAULT_STACK_LIMIT;
	int nargs = n->kind == N_CALL ? n->call.args.n : 0;
	struct node **args = n->kind == N_CALL ? n->call.args.items : NULL;
	bool ok = true;
	if (nargs == 1 && args[0]->kind == N_IDENT)
		ok = stack_mode_arg(c, fn, args[0], &mode);
	else if (nargs == 1)
		ok = stack_limit_arg(c, fn, args[0], &limit);
	else if (nargs == 2)
		ok = stack_mode_arg(c, fn, args[0], &mode) && stack_limit_arg(c, fn, args[1], &limit);
	if (!ok)
		return TYPE_NONE;
	if (mode == STACK_BUILD_ID && !user) {
		check_error(c, n->loc, "'build_id' stack mode can only be used for ustack");
		return TYPE_NONE;
	}
	c->prog->user_symbols |= user;
	return type_stack(user, mode, limit);
}

static const struct type *check_address_arg(struct checker *c, struct node *n, enum resolved_kind kind)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	if (!type_is_integer(t)) {
		check_error(c, arg->loc, "%s() needs an address, not %s", n->call.name, type_name(t));
		return TYPE_NONE;
	}
	return type_resolved(kind, kind == RESOLVED_USYM ? 16 : 8);
}

static const struct type *ksym_type(struct checker *c, struct node *n)
{
	return check_address_arg(c, n, RESOLVED_KSYM);
}

static const struct type *usym_type(struct checker *c, struct node *n)
{
	c->prog->user_symbols = true;
	return check_address_arg(c, n, RESOLVED_USYM);
}

/* The symbol name kaddr() and uaddr() take: a string literal of the
 * characters a symbol has, as bpftrace checks it. */
static const char *symbol_arg(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	if (arg->kind != N_STR) {
		check_error(c, arg->loc, "%s() takes the symbol's name as a string literal", n->call.name);
		return NULL;
	}
	for (int i = 0; i < arg->string.len; i++) {
		char ch = arg->string.bytes[i];
		if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') && !strchr("./_-", ch)) {
			check_error(c, arg->loc, "%s() expects a string that is a valid symbol (^[a-zA-Z0-9./_-]+$) as input",
				    n->call.name);
			return NULL;
		}
	}
	if (!arg->string.len) {
		check_error(c, arg->loc, "%s() needs a symbol's name", n->call.name);
		return NULL;
	}
	return arg->string.bytes;
}

static const struct type *kaddr_type(struct checker *c, struct node *n)
{
	const char *name = symbol_arg(c, n);
	if (!name)
		return TYPE_NONE;
	const char *why = NULL;
	if (!kernel_symbol_named(name, &why)) {
		if (why)
			check_error(c, n->loc, "kaddr(\"%s\"): /proc/kallsyms cannot be read: %s", name, why);
		else
			check_error(c, n->loc, "kaddr(\"%s\"): the kernel has no symbol %s", name, name);
		return TYPE_NONE;
	}
	return type_int(false);
}

/* uaddr("name") in the probe's binary: its address in the process. A
 * position-independent binary is loaded where the process put it: known
 * from the -p process's maps, else not at all. Returns 0 after reporting;
 * *type (if given) is a pointer to an integer of the symbol's size. */
static unsigned long long uaddr_value(struct checker *c, struct node *n, const struct type **type)
{
	const char *name = n->call.args.items[0]->string.bytes;
	const struct attach_point *ap = c->inst->ap;
	const char *path = ap && ap->provider->binary ? ap->provider->binary(ap) : NULL;
	if (!path) {
		check_error(c, n->loc, "uaddr can only be used with u(ret)probes and usdt probes");
		return 0;
	}
	const char *why = NULL;
	const struct elf_file *f = elf_file_get(path, &why);
	const struct elf_symbol *s = f ? elf_object_or_function(f, name) : NULL;
	if (!s || !s->addr) {
		check_error(c, n->loc, "Could not resolve symbol: %s:%s", path, name);
		return 0;
	}
	if (type) {
		int size = s->size == 1 || s->size == 2 || s->size == 4 ? (int)s->size : 8;
		*type = type_ptr(type_int_sized(size, false), AS_USER);
	}
	if (f->type != ET_DYN)
		return s->addr;
	/* where the process put the first segment: the load bias (data in
	 * .bss has no bytes in the file to look for) */
	int pid = target_get()->pid;
	struct process_maps *m = pid && f->nsegments ? process_maps_read(pid) : NULL;
	char real[PATH_MAX];
	unsigned long long first = m && realpath(path, real) ? process_address_of(m, real, f->segments[0].offset) : 0;
	unsigned long long addr = first ? first - f->segments[0].vaddr + s->addr : 0;
	process_maps_free(m);
	if (!addr)
		check_error(c, n->loc,
			    "uaddr(\"%s\"): %s is position-independent: its address is known only in a process that "
			    "maps it, given with -p (a -c command is not loaded yet when lantern compiles)",
			    name, path);
	return addr;
}

static const struct type *uaddr_type(struct checker *c, struct node *n)
{
	if (!symbol_arg(c, n))
		return TYPE_NONE;
	const struct type *t = TYPE_NONE;
	if (!uaddr_value(c, n, &t))
		return TYPE_NONE;
	return t;
}

#ifndef LANTERN_FRONT_END_ONLY
/* `probe`'s id: the ustack's, for finding its binary once the process is gone */
static LLVMValueRef probe_id(struct cg *g)
{
	if (g->inst->probe_from_cookie)
		return cg_helper(g, BPF_FUNC_get_attach_cookie, g->i64, &g->ctx_arg, 1);
	return cg_const(g, g->inst->id);
}

/* The frames into dst + header: their count at dst + count_at. size is
 * the slot's, which may hold a longer stack (of another kstack(N) stored
 * there): past what the kernel wrote, zeroes. */
static void get_stack_into(struct cg *g, const struct type *t, LLVMValueRef dst, int size, int header, int count_at,
			   unsigned long long flags)
{
	int frame = type_stack_frame_size(t);
	int bytes = type_stack_limit(t) * frame;
	LLVMValueRef args[] = { g->ctx_arg, cg_gep(g, dst, header), cg_const(g, bytes), cg_const(g, (long long)flags) };
	LLVMValueRef got = cg_helper(g, BPF_FUNC_get_stack, g->i64, args, 4);
	/* bytes written, or a negative error (then the kernel zeroed it all) */
	LLVMValueRef positive = LLVMBuildICmp(g->b, LLVMIntSGT, got, cg_const(g, 0), "");
	LLVMValueRef frames = LLVMBuildUDiv(g->b, LLVMBuildSelect(g->b, positive, got, cg_const(g, 0), ""),
					    cg_const(g, frame), "");
	cg_store(g, frames, cg_gep(g, dst, count_at));
	if (size > header + bytes)
		cg_build_memset(g, g->b, cg_gep(g, dst, header + bytes), size - header - bytes, 8);
}

static void kstack_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	(void)pad;
	get_stack_into(g, n->type, dst, size, KSTACK_HEADER, 0, 0);
}

static void ustack_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	(void)pad;
	LLVMValueRef tgid = LLVMBuildLShr(g->b, cg_helper(g, BPF_FUNC_get_current_pid_tgid, g->i64, NULL, 0),
					  cg_const(g, 32), "");
	LLVMValueRef id = LLVMBuildShl(g->b, probe_id(g), cg_const(g, 32), "");
	cg_store(g, LLVMBuildOr(g->b, tgid, id, ""), dst);
	unsigned long long flags = BPF_F_USER_STACK;
	if (n->type->stack_mode == STACK_BUILD_ID)
		flags |= BPF_F_USER_BUILD_ID;
	get_stack_into(g, n->type, dst, size, USTACK_HEADER, 8, flags);
}

static struct cg_value lower_ksym(struct cg *g, struct node *n)
{
	LLVMValueRef v = cg_alloca_bytes(g, 8, "ksym");
	cg_store(g, cg_expr(g, n->call.args.items[0]).v, v);
	return (struct cg_value){ .v = v, .type = n->type };
}

/* { address, pid | probe id << 32 } */
static struct cg_value lower_usym(struct cg *g, struct node *n)
{
	LLVMValueRef v = cg_alloca_bytes(g, 16, "usym");
	cg_store(g, cg_expr(g, n->call.args.items[0]).v, v);
	LLVMValueRef tgid = LLVMBuildLShr(g->b, cg_helper(g, BPF_FUNC_get_current_pid_tgid, g->i64, NULL, 0),
					  cg_const(g, 32), "");
	LLVMValueRef id = LLVMBuildShl(g->b, probe_id(g), cg_const(g, 32), "");
	cg_store(g, LLVMBuildOr(g->b, tgid, id, ""), cg_gep(g, v, 8));
	return (struct cg_value){ .v = v, .type = n->type };
}

static struct cg_value lower_kaddr(struct cg *g, struct node *n)
{
	const char *why;
	const struct kernel_symbol *s = kernel_symbol_named(n->call.args.items[0]->string.bytes, &why);
	return (struct cg_value){ .v = cg_const(g, s ? (long long)s->addr : 0), .type = n->type };
}

static struct cg_value lower_uaddr(struct cg *g, struct node *n)
{
	struct checker c = { .prog = g->prog, .inst = g->inst };
	return (struct cg_value){ .v = cg_const(g, (long long)uaddr_value(&c, n, NULL)), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	/* the same all through one run of a probe */
	{ .name = "kstack", .kind = BUILTIN_VARIABLE, .max_args = 2, .signature = "kstack or kstack([mode,] [limit])",
	  .flags = BF_STABLE, .check = stack_type, .lower_into = BACKEND(kstack_into) },
	{ .name = "ustack", .kind = BUILTIN_VARIABLE, .max_args = 2, .signature = "ustack or ustack([mode,] [limit])",
	  .flags = BF_STABLE, .check = stack_type, .lower_into = BACKEND(ustack_into) },
	{ .name = "ksym", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "ksym(address)",
	  .check = ksym_type, .lower = BACKEND(lower_ksym) },
	{ .name = "usym", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "usym(address)",
	  .check = usym_type, .lower = BACKEND(lower_usym) },
	{ .name = "kaddr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "kaddr(\"name\")",
	  .check = kaddr_type, .lower = BACKEND(lower_kaddr) },
	{ .name = "uaddr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "uaddr(\"name\")",
	  .check = uaddr_type, .lower = BACKEND(lower_uaddr) },
	{ 0 },
};

const struct builtin_family builtins_stacks = { "stacks and symbols", rows };
