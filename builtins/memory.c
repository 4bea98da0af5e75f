/* Builtins that read memory or say where it is: str, buf, kptr, uptr. */
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../compiler/comptime.h"
#include "../compiler/config.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

static const struct type *check_str(struct checker *c, struct node *n)
{
	struct node *src = n->call.args.items[0];
	const struct type *t = check_expr(c, src);
	int size = config_str_size(); /* max_strlen */
	if (n->call.args.n > 1 && n->call.args.items[1]->kind != N_INT) {
		/* a length known when the probe runs: up to max_strlen */
		check_int(c, n->call.args.items[1], "str()'s length");
	} else if (n->call.args.n > 1) {
		struct node *len_arg = n->call.args.items[1];
		long long len;
		if (!check_const_int(c, len_arg, "str()'s length", &len))
			return type_str(size);
		/* as bpftrace 0.26: the length counts the NUL (str(p, 5) is 4
		 * characters at most) */
		if (len < 1 || len > STR_MAX_SIZE) {
			check_error(c, len_arg->loc, "str()'s length must be between 1 and %d", STR_MAX_SIZE);
			return type_str(size);
		}
		size = (int)len;
	}
	if (t->kind == TY_STR)
		return t->size < size ? t : type_str(size);
	if (!type_is_integer(t) && t->kind != TY_NONE)
		check_error(c, src->loc, "str() needs a pointer or a string, not %s", type_name(t));
	return type_str(size);
}

/* buf(src [, n]): n bytes of memory (src a pointer), of a string or of an
 * array, kept with their length and printed with unprintable bytes
 * escaped. A length known only when the probe runs reads up to max_strlen
 * bytes; an array's default length is its size. */
static const struct type *check_buf(struct checker *c, struct node *n)
{
	struct node *src = n->call.args.items[0];
	const struct type *t = check_expr(c, src);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	bool bytes = t->kind == TY_STR || t->kind == TY_ARRAY;
	if (!bytes && !type_is_integer(t)) {
		check_error(c, src->loc, "buf() needs a pointer, a string or an array, not %s", type_name(t));
		return TYPE_NONE;
	}
	int cap = bytes ? t->size : config_str_size() - 1;
	if (n->call.args.n > 1) {
		struct node *len_arg = n->call.args.items[1];
		if (len_arg->kind == N_INT) {
			long long len = len_arg->integer.value;
			check_expr(c, len_arg);
			if (len < 1 || len >= STR_MAX_SIZE) {
				check_error(c, len_arg->loc, "buf()'s length must be between 1 and %d", STR_MAX_SIZE - 1);
				return TYPE_NONE;
			}
			cap = bytes && cap < len ? cap : (int)len;
		} else if (!check_int(c, len_arg, "buf()'s length")) {
			return TYPE_NONE;
		}
	} else if (!bytes) {
		check_error(c, n->loc, "buf() of a pointer needs a length, as in buf(p, 16)");
		return TYPE_NONE;
	}
	return type_resolved(RESOLVED_BUFFER, BUFFER_HEADER + cap);
}

/* kptr(p), uptr(p): p is an address in kernel (user) memory, whatever
 * its type said; str() and pointer reads then use that address space. */
static const struct type *check_address_space(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return t;
	if (!type_is_integer(t)) {
		check_error(c, arg->loc, "%s() needs an address, not %s", n->call.name, type_name(t));
		return TYPE_NONE;
	}
	enum address_space space = n->call.name[0] == 'u' ? AS_USER : AS_KERNEL;
	return type_ptr(t->kind == TY_PTR ? t->pointee : TYPE_VOID, space);
}

/* write_user(dst, src, len) (--unsafe): len bytes of src (a string, an
 * array, a tuple or an integer) written at user address dst, through
 * bpf_probe_write_user; len is a literal, src's size at most. */
static const struct type *check_write_user(struct checker *c, struct node *n)
{
	struct node *dst = n->call.args.items[0], *src = n->call.args.items[1], *len = n->call.args.items[2];
	if (!check_int(c, dst, "write_user()'s destination"))
		return TYPE_VOID;
	const struct type *t = check_expr(c, src);
	if (t->kind == TY_NONE)
		return TYPE_VOID;
	if (!type_in_buffer(t) && !type_is_integer(t)) {
		check_error(c, src->loc, "write_user() writes a string, an array, a tuple or an integer, not %s",
			    type_name(t));
		return TYPE_VOID;
	}
	long long bytes;
	check_expr(c, len);
	if (!comptime_value(len, &bytes) || bytes < 1 || bytes > t->size) {
		check_error(c, len->loc, "write_user()'s length must be a number from 1 to the size of what it writes (%d)",
			    t->size);
		return TYPE_VOID;
	}
	return TYPE_VOID;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_write_user(struct cg *g, struct node *n)
{
	struct node *src = n->call.args.items[1];
	LLVMValueRef dst = cg_expr(g, n->call.args.items[0]).v;
	struct cg_value v = cg_expr(g, src);
	LLVMValueRef from = v.v;
	if (!type_in_buffer(src->type)) { /* an integer: its bytes, from the stack */
		from = cg_alloca(g, g->i64, "write_user");
		cg_store(g, v.v, from);
	}
	long long len;
	comptime_value(n->call.args.items[2], &len);
	LLVMValueRef args[] = { LLVMBuildIntToPtr(g->b, dst, g->ptr, ""), from, LLVMConstInt(g->i32, (unsigned long long)len, 0) };
	cg_check_helper(g, cg_helper(g, BPF_FUNC_probe_write_user, g->i64, args, 3), BPF_FUNC_probe_write_user, n);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}

/* The address itself: only its type changed. */
static struct cg_value lower_address_space(struct cg *g, struct node *n)
{
	return (struct cg_value){ .v = cg_expr(g, n->call.args.items[0]).v, .type = n->type };
}

/* str(ptr [, len]): a string is cut to len; a pointer is read up to the
 * first NUL, from user or kernel memory as its type says (an integer: as
 * the probe type says). */
/* str(p, len) with len known when the probe runs: len - 1 characters (up
 * to the buffer's), then a NUL. */
static void str_run_time_length_into(struct cg *g, struct node *n, LLVMValueRef dst, int read, bool pad, int size)
{
	struct node *src = n->call.args.items[0];
	/* the length counts the NUL, as a constant one does */
	LLVMValueRef given = cg_expr(g, n->call.args.items[1]).v;
	LLVMValueRef positive = LLVMBuildICmp(g->b, LLVMIntSGT, given, cg_const(g, 0), "");
	LLVMValueRef chars = LLVMBuildSelect(g->b, positive, LLVMBuildSub(g->b, given, cg_const(g, 1), ""), cg_const(g, 0), "");
	LLVMValueRef len = cg_clamp(g, chars, read - 1);
	if (src->type->kind == TY_STR) {
		cg_str_into(g, src, dst, read, pad);
	} else {
		if (pad)
			cg_memset(g, dst, round8(size));
		else
			cg_store(g, LLVMConstInt(g->i8, 0, 0), dst);
		int helper = src->type->space == AS_USER ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str;
		LLVMValueRef args[] = { dst, LLVMBuildAdd(g->b, len, cg_const(g, 1), ""), cg_expr(g, src).v };
		cg_check_helper(g, cg_helper(g, helper, g->i64, args, 3), helper, n);
	}
	cg_store(g, LLVMConstInt(g->i8, 0, 0), cg_gep_var(g, dst, cg_opaque(g, len)));
	if (pad)
		cg_zero_tail(g, dst, read, size);
}

static void str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	struct node *src = n->call.args.items[0];
	int read = n->type->size < size ? n->type->size : size;
	if (n->call.args.n > 1 && n->call.args.items[1]->kind != N_INT) {
		str_run_time_length_into(g, n, dst, read, pad, size);
		return;
	}
	if (src->type->kind == TY_STR) {
		cg_str_into(g, src, dst, read, pad);
		if (pad)
			cg_zero_tail(g, dst, read, size);
		return;
	}
	if (pad)
		cg_memset(g, dst, round8(size));
	else
		cg_store(g, LLVMConstInt(g->i8, 0, 0), dst); /* "" if the read fails */
	LLVMValueRef ptr = cg_expr(g, src).v;
	/* a plain integer points where the probe type's addresses do */
	enum address_space space = src->type->kind == TY_PTR ? src->type->space : provider_pointer_space(g->inst->ap);
	int helper = space == AS_USER ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str;
	cg_probe_read(g, helper, dst, read, ptr, n);
}

/* { length, bytes }: the bytes past the length stay zero, so equal
 * buffers are equal map keys */
static struct cg_value lower_buf(struct cg *g, struct node *n)
{
	struct node *src = n->call.args.items[0];
	int cap = n->type->size - BUFFER_HEADER;
	LLVMValueRef v = cg_alloca_bytes(g, n->type->size, "buf");
	cg_memset(g, v, round8(n->type->size));
	LLVMValueRef data = cg_gep(g, v, BUFFER_HEADER);
	bool constant = n->call.args.n < 2 || n->call.args.items[1]->kind == N_INT;
	LLVMValueRef len = constant ? cg_const(g, cap) : cg_clamp(g, cg_expr(g, n->call.args.items[1]).v, cap);
	if (src->type->kind == TY_STR || src->type->kind == TY_ARRAY) {
		struct cg_value s = cg_expr(g, src);
		cg_memcpy(g, data, s.v, cap < s.type->size ? cap : s.type->size);
	} else {
		LLVMValueRef ptr = cg_expr(g, src).v;
		int helper = src->type->kind == TY_PTR && src->type->space == AS_USER ? BPF_FUNC_probe_read_user
										      : BPF_FUNC_probe_read_kernel;
		LLVMValueRef args[] = { data, len, ptr };
		cg_check_helper(g, cg_helper(g, helper, g->i64, args, 3), helper, n);
	}
	cg_store(g, len, v);
	return (struct cg_value){ .v = v, .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "str", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "str(pointer [, length])",
	  .flags = BF_POSITIONAL_TEXT, .check = check_str, .lower_into = BACKEND(str_into) },
	{ .name = "buf", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "buf(pointer, length)",
	  .check = check_buf, .lower = BACKEND(lower_buf) },
	{ .name = "kptr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "kptr(address)",
	  .check = check_address_space, .lower = BACKEND(lower_address_space) },
	{ .name = "uptr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "uptr(address)",
	  .check = check_address_space, .lower = BACKEND(lower_address_space) },
	{ .name = "write_user", .kind = BUILTIN_FUNCTION, .min_args = 3, .max_args = 3,
	  .signature = "write_user(user_address, value, length)", .flags = BF_UNSAFE, .check = check_write_user,
	  .lower = BACKEND(lower_write_user) },
	{ 0 },
};

const struct builtin_family builtins_memory = { "memory and strings", rows };
