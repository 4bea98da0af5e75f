/* Builtins about stacks and symbols: kstack, ustack (the addresses the
 * kernel unwinds, printed as symbols in userspace), ksym(addr),
 * usym(addr) (an address, printed as its symbol's name), kaddr("name"),
 * uaddr("name") (a symbol's address, known when the script is compiled).
 *
 * A stack's value is small: its number of frames and its id, a hash of
 * the frames bpf_get_stack wrote, which are kept in a stack map by that
 * id (as bpftrace 0.26 keeps them), once per distinct stack. So a stack
 * used as a map key costs a hash of a few words per event, not of the
 * kilobyte its frames may take, and its frames are copied only when the
 * stack is new. A ustack also records the pid and probe whose addresses
 * they are (the same frames in two processes are two functions). */
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
#include "../codegen/map_layout.h"
#endif

#define DEFAULT_STACK_LIMIT 127 /* bpftrace's, and the kernel's perf_event_max_stack */
#define MAX_STACK_LIMIT 1024
#define PREALLOCATED_STACKS 16384 /* stack maps up to this many entries are preallocated */

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
	const struct type *t = type_stack(user, mode, limit);
	int *longest = &c->prog->stack_frames_bytes[mode == STACK_BUILD_ID];
	int bytes = type_stack_limit(t) * type_stack_frame_size(t);
	if (bytes > *longest)
		*longest = bytes;
	return t;
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

/* The stack map of 8-byte frames or of build-id frames: a hash of
 * max_map_keys stacks (at most MAX_STACKS) by id, each value as long as
 * the longest stack of its kind the script takes (a shorter one
 * zero-filled). */
static LLVMValueRef stack_map(struct cg *g, bool build_ids)
{
	const char *name = build_ids ? STACK_BUILD_IDS_MAP_NAME : STACK_FRAMES_MAP_NAME;
	LLVMValueRef map = LLVMGetNamedGlobal(g->mod, name);
	if (map)
		return map;
	int entries = g->options->max_map_keys ? g->options->max_map_keys : DEFAULT_MAP_KEYS;
	if (entries > MAX_STACKS)
		entries = MAX_STACKS;
	/* a big max_map_keys would preallocate entries kilobytes: taken as stacks come instead */
	return cg_define_map(g, name, BPF_MAP_TYPE_HASH, 8, g->prog->stack_frames_bytes[build_ids], entries,
			     entries > PREALLOCATED_STACKS ? BPF_F_NO_PREALLOC : 0);
}

/* The id of the first nwords words at buf (nwords at most the stack's
 * limit, clamped so the verifier knows it): a 64-bit hash,
 * each word multiplied in and its high half folded down, then the count
 * and a final mix (murmur3's). Ids of distinct stacks collide with odds of
 * 2^-64 a pair. */
static LLVMValueRef stack_hash(struct cg *g, LLVMValueRef buf, LLVMValueRef nwords)
{
	LLVMBasicBlockRef before = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef test = cg_block(g, "stack_hash"), word = cg_block(g, "stack_hash_word"),
			  done = cg_block(g, "stack_hashed");
	LLVMBuildBr(g->b, test);
	LLVMPositionBuilderAtEnd(g->b, test);
	LLVMValueRef i = LLVMBuildPhi(g->b, g->i64, "i"), h = LLVMBuildPhi(g->b, g->i64, "h");
	/* opaque: LLVM would turn `i < n` into `i != n`, whose end a verifier
	 * older than 6.7 cannot see from n's bounds */
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntULT, cg_opaque(g, i), nwords, ""), word, done);
	LLVMPositionBuilderAtEnd(g->b, word);
	LLVMValueRef w = cg_load(g, g->i64, cg_gep_var(g, buf, LLVMBuildShl(g->b, i, cg_const(g, 3), "")));
	LLVMValueRef m = LLVMBuildMul(g->b, LLVMBuildXor(g->b, h, w, ""), cg_const(g, (long long)0x9e3779b97f4a7c15ULL), "");
	LLVMValueRef next_h = LLVMBuildXor(g->b, m, LLVMBuildLShr(g->b, m, cg_const(g, 32), ""), "");
	LLVMValueRef next_i = LLVMBuildAdd(g->b, i, cg_const(g, 1), "");
	LLVMBuildBr(g->b, test);
	LLVMValueRef i_in[] = { cg_const(g, 0), next_i }, h_in[] = { cg_const(g, 0), next_h };
	LLVMBasicBlockRef from[] = { before, word };
	LLVMAddIncoming(i, i_in, from, 2);
	LLVMAddIncoming(h, h_in, from, 2);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef x = LLVMBuildXor(g->b, h, nwords, "");
	static const unsigned long long mix[] = { 0xff51afd7ed558ccdULL, 0xc4ceb9fe1a85ec53ULL };
	for (int k = 0; k < 2; k++) {
		x = LLVMBuildXor(g->b, x, LLVMBuildLShr(g->b, x, cg_const(g, 33), ""), "");
		x = LLVMBuildMul(g->b, x, cg_const(g, (long long)mix[k]), "");
	}
	return LLVMBuildXor(g->b, x, LLVMBuildLShr(g->b, x, cg_const(g, 33), ""), "");
}

/* The frames under id in the stack map, unless they are there already.
 * Each CPU remembers the id it last found there (a word per kind in a
 * per-CPU array): a process sampled again and again is seen in the same
 * stack, and a per-CPU array's element is cheaper than the hash's lookup.
 * (Stacks are never taken out of the map, so a remembered id stays true.) */
static void keep_frames(struct cg *g, bool build_ids, LLVMValueRef id, LLVMValueRef frames)
{
	LLVMValueRef last_map = LLVMGetNamedGlobal(g->mod, STACK_LAST_MAP_NAME);
	if (!last_map)
		last_map = cg_define_map(g, STACK_LAST_MAP_NAME, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 16, 1, 0);
	LLVMValueRef zero = cg_alloca(g, g->i32, "zero");
	cg_store(g, LLVMConstInt(g->i32, 0, 0), zero);
	LLVMValueRef last = cg_map_lookup(g, last_map, zero);
	LLVMBasicBlockRef have_last = cg_block(g, "stack_last"), look = cg_block(g, "stack_look"),
			  found = cg_block(g, "stack_found"), insert = cg_block(g, "stack_new"),
			  done = cg_block(g, "stack_kept");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, last, ""), done, have_last); /* never null: the verifier asks */
	LLVMPositionBuilderAtEnd(g->b, have_last);
	LLVMValueRef last_id = cg_gep(g, last, build_ids ? 8 : 0);
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, cg_load(g, g->i64, last_id), id, ""), done, look);
	LLVMPositionBuilderAtEnd(g->b, look);
	LLVMValueRef key = cg_alloca(g, g->i64, "stack_id");
	cg_store(g, id, key);
	LLVMValueRef map = stack_map(g, build_ids);
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, cg_map_lookup(g, map, key), ""), insert, found);
	LLVMPositionBuilderAtEnd(g->b, found);
	cg_store(g, id, last_id);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, insert); /* remembered when found the next time */
	cg_map_update(g, map, key, frames, BPF_NOEXIST);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

/* The stack's count of frames into dst + count_at, its id into dst +
 * header; its frames into the stack map. */
static void get_stack_into(struct cg *g, const struct type *t, LLVMValueRef dst, int header, int count_at,
			   unsigned long long flags)
{
	int frame = type_stack_frame_size(t);
	int limit = type_stack_limit(t);
	bool build_ids = frame != 8;
	int bytes = limit * frame, map_bytes = g->prog->stack_frames_bytes[build_ids];
	LLVMValueRef buf = cg_scratch_wanted(g, map_bytes) || map_bytes > 128 ? cg_scratch_temp(g, map_bytes)
									      : cg_alloca_bytes(g, map_bytes, "frames");
	LLVMValueRef args[] = { g->ctx_arg, buf, cg_const(g, bytes), cg_const(g, (long long)flags) };
	LLVMValueRef got = cg_helper(g, BPF_FUNC_get_stack, g->i64, args, 4);
	/* bytes written (the kernel zeroes the rest of bytes), or a negative
	 * error (then all of them) */
	LLVMValueRef positive = LLVMBuildICmp(g->b, LLVMIntSGT, got, cg_const(g, 0), "");
	LLVMValueRef frames = LLVMBuildUDiv(g->b, LLVMBuildSelect(g->b, positive, got, cg_const(g, 0), ""),
					    cg_const(g, frame), "");
	frames = cg_clamp(g, frames, limit);
	if (map_bytes > bytes) /* a longer stack's map */
		cg_build_memset(g, g->b, cg_gep(g, buf, bytes), map_bytes - bytes, 8);
	LLVMValueRef id = stack_hash(g, buf, LLVMBuildMul(g->b, frames, cg_const(g, frame / 8), ""));
	keep_frames(g, build_ids, id, buf);
	cg_store(g, frames, cg_gep(g, dst, count_at));
	cg_store(g, id, cg_gep(g, dst, header));
}

static void kstack_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	(void)pad;
	(void)size; /* every stack's value is the same size */
	get_stack_into(g, n->type, dst, KSTACK_HEADER, 0, 0);
}

static void ustack_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	(void)pad;
	(void)size;
	LLVMValueRef tgid = LLVMBuildLShr(g->b, cg_helper(g, BPF_FUNC_get_current_pid_tgid, g->i64, NULL, 0),
					  cg_const(g, 32), "");
	LLVMValueRef id = LLVMBuildShl(g->b, probe_id(g), cg_const(g, 32), "");
	cg_store(g, LLVMBuildOr(g->b, tgid, id, ""), dst);
	unsigned long long flags = BPF_F_USER_STACK;
	if (n->type->stack_mode == STACK_BUILD_ID)
		flags |= BPF_F_USER_BUILD_ID;
	get_stack_into(g, n->type, dst, USTACK_HEADER, 8, flags);
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
