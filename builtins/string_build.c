/* Builtins that measure, join and compare values' bytes, as bpftrace's
 * stdlib has them: strcap (a string's or char array's capacity),
 * str_concat (two strings as one), memcmp (the first n bytes of two
 * values). Their loops run in the kernel, bounded by the buffers' sizes. */
#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../compiler/config.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

static bool is_char_array(const struct type *t)
{
	return t->kind == TY_ARRAY && t->elem->kind == TY_INT && t->elem->size == 1;
}

static const struct type *check_strcap(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	if (t->kind == TY_PTR && t->pointee->kind == TY_INT && t->pointee->size == 1)
		return type_int(true); /* a pointer's is its string's length, read */
	if (t->kind != TY_STR && !is_char_array(t)) {
		check_error(c, arg->loc, "strcap() takes a string or a char array, not %s", type_name(t));
		return TYPE_NONE;
	}
	return type_int(true);
}

static bool check_concat_arg(struct checker *c, struct node *arg)
{
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return false;
	if (t->kind == TY_STR || is_char_array(t))
		return true;
	check_error(c, arg->loc, "str_concat() takes strings or char arrays, not %s", type_name(t));
	return false;
}

/* Room for both texts and one NUL. */
static const struct type *check_str_concat(struct checker *c, struct node *n)
{
	bool a = check_concat_arg(c, n->call.args.items[0]), b = check_concat_arg(c, n->call.args.items[1]);
	if (!a || !b)
		return TYPE_NONE;
	int size = n->call.args.items[0]->type->size + n->call.args.items[1]->type->size - 1;
	return type_str(size < STR_MAX_SIZE ? size : STR_MAX_SIZE);
}

/* Values held in memory, or integers (their bytes as they lie in memory). */
static bool check_memcmp_arg(struct checker *c, struct node *arg)
{
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return false;
	if (type_in_buffer(t) || t->kind == TY_INT)
		return true;
	check_error(c, arg->loc, "memcmp() compares values held in memory or integers, not %s", type_name(t));
	return false;
}

static int smaller_size(const struct node *n)
{
	int a = n->call.args.items[0]->type->size, b = n->call.args.items[1]->type->size;
	return a < b ? a : b;
}

static const struct type *check_memcmp(struct checker *c, struct node *n)
{
	bool a = check_memcmp_arg(c, n->call.args.items[0]), b = check_memcmp_arg(c, n->call.args.items[1]);
	struct node *count = n->call.args.items[2];
	if (!check_int(c, count, "memcmp()'s count") || !a || !b)
		return TYPE_NONE;
	if (is_const_int(count) && (const_int_value(count) < 0 || const_int_value(count) > smaller_size(n))) {
		check_error(c, count->loc, "memcmp()'s count must be between 0 and %d, the size of the smaller value",
			    smaller_size(n));
		return TYPE_NONE;
	}
	return type_int_sized(4, true);
}

static bool strcap_value(const struct node *n, long long *v)
{
	const struct type *t = n->call.args.items[0]->type;
	*v = t->kind == TY_STR ? t->size : t->count;
	return t->kind != TY_PTR;
}

#ifndef LANTERN_FRONT_END_ONLY
/* A pointer's: the string there read (up to max_strlen), its length
 * the read's count without the NUL, as bpftrace's strlen(p) */
static struct cg_value lower_strcap(struct cg *g, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = arg->type;
	if (t->kind != TY_PTR)
		return (struct cg_value){ .v = cg_const(g, t->kind == TY_STR ? t->size : t->count), .type = n->type };
	int size = config_str_size();
	LLVMValueRef buf = cg_scratch_wanted(g, size) ? cg_scratch_temp(g, size) : cg_alloca_bytes(g, size, "strcap");
	int helper = t->space == AS_USER ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str;
	LLVMValueRef got = cg_probe_read(g, helper, buf, size, cg_expr(g, arg).v, n);
	LLVMValueRef read = LLVMBuildICmp(g->b, LLVMIntSGT, got, cg_const(g, 0), "");
	LLVMValueRef len = LLVMBuildSelect(g->b, read, LLVMBuildSub(g->b, got, cg_const(g, 1), ""), cg_const(g, 0), "");
	return (struct cg_value){ .v = len, .type = n->type };
}

static LLVMValueRef byte_at(struct cg *g, LLVMValueRef s, LLVMValueRef i, int size)
{
	return cg_load(g, g->i8, cg_gep_var(g, s, cg_opaque(g, cg_clamp(g, i, size - 1))));
}

/* Copies src's characters (up to its NUL or its size) into dst from
 * `start` on, stopping before dst's last byte; returns where it stopped. */
static LLVMValueRef copy_text(struct cg *g, LLVMValueRef src, int ssize, LLVMValueRef dst, int dsize, LLVMValueRef start)
{
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), loop = cg_block(g, "concat"), store = cg_block(g, "concat_store"),
			  done = cg_block(g, "concat_done");
	LLVMBuildBr(g->b, loop);
	LLVMPositionBuilderAtEnd(g->b, loop);
	LLVMValueRef j = LLVMBuildPhi(g->b, g->i64, "j"), at = LLVMBuildPhi(g->b, g->i64, "at");
	LLVMValueRef c = byte_at(g, src, j, ssize);
	LLVMValueRef more = LLVMBuildAnd(g->b, LLVMBuildICmp(g->b, LLVMIntNE, c, LLVMConstInt(g->i8, 0, 0), ""),
					 LLVMBuildICmp(g->b, LLVMIntULT, at, cg_const(g, dsize - 1), ""), "");
	LLVMBuildCondBr(g->b, more, store, done);
	LLVMPositionBuilderAtEnd(g->b, store);
	cg_store(g, c, cg_gep_var(g, dst, cg_opaque(g, cg_clamp(g, at, dsize - 1))));
	LLVMValueRef j1 = LLVMBuildAdd(g->b, j, cg_const(g, 1), ""), at1 = LLVMBuildAdd(g->b, at, cg_const(g, 1), "");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntULT, j1, cg_const(g, ssize), ""), loop, done);
	LLVMValueRef zero = cg_const(g, 0);
	LLVMAddIncoming(j, &zero, &from, 1);
	LLVMAddIncoming(j, &j1, &store, 1);
	LLVMAddIncoming(at, &start, &from, 1);
	LLVMAddIncoming(at, &at1, &store, 1);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef end = LLVMBuildPhi(g->b, g->i64, "end");
	LLVMValueRef values[] = { at, at1 };
	LLVMBasicBlockRef blocks[] = { loop, store };
	LLVMAddIncoming(end, values, blocks, 2);
	return end;
}

/* Built apart, zeroed past the NUL, then copied: dst may be where an
 * argument is ($s = str_concat($s, "x")). */
static void str_concat_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	struct cg_value a = cg_expr(g, n->call.args.items[0]), b = cg_expr(g, n->call.args.items[1]);
	LLVMValueRef t = cg_alloca_bytes(g, round8(size), "concat");
	cg_memset(g, t, round8(size));
	LLVMValueRef at = copy_text(g, a.v, a.type->size, t, size, cg_const(g, 0));
	copy_text(g, b.v, b.type->size, t, size, at);
	cg_memcpy(g, dst, t, pad ? round8(size) : size);
}

/* A value's bytes: where it is held, or an integer stored as it lies in memory */
static LLVMValueRef bytes_of(struct cg *g, struct node *arg)
{
	struct cg_value v = cg_expr(g, arg);
	if (type_in_buffer(v.type))
		return v.v;
	LLVMValueRef p = cg_alloca(g, g->i64, "memcmp_int");
	cg_store(g, v.v, p);
	return p;
}

/* The first differing bytes' difference (as signed chars, as bpftrace's
 * C), or 0; count is cut to the smaller value's size. */
static struct cg_value lower_memcmp(struct cg *g, struct node *n)
{
	LLVMValueRef a = bytes_of(g, n->call.args.items[0]), b = bytes_of(g, n->call.args.items[1]);
	int k = smaller_size(n);
	LLVMValueRef count = cg_expr(g, n->call.args.items[2]).v;
	LLVMValueRef in_range = LLVMBuildICmp(g->b, LLVMIntULT, count, cg_const(g, k), "");
	count = LLVMBuildSelect(g->b, in_range, count, cg_const(g, k), "");
	LLVMValueRef zero = cg_const(g, 0);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), loop = cg_block(g, "memcmp"), same = cg_block(g, "memcmp_same"),
			  done = cg_block(g, "memcmp_done");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, count, zero, ""), done, loop);
	LLVMPositionBuilderAtEnd(g->b, loop);
	LLVMValueRef i = LLVMBuildPhi(g->b, g->i64, "i");
	LLVMValueRef ca = LLVMBuildSExt(g->b, byte_at(g, a, i, k), g->i64, "");
	LLVMValueRef cb = LLVMBuildSExt(g->b, byte_at(g, b, i, k), g->i64, "");
	LLVMValueRef diff = LLVMBuildSub(g->b, ca, cb, "");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, diff, zero, ""), done, same);
	LLVMPositionBuilderAtEnd(g->b, same);
	LLVMValueRef i1 = LLVMBuildAdd(g->b, i, cg_const(g, 1), "");
	LLVMValueRef more = LLVMBuildAnd(g->b, LLVMBuildICmp(g->b, LLVMIntULT, i1, count, ""),
					 LLVMBuildICmp(g->b, LLVMIntULT, i1, cg_const(g, k), ""), "");
	LLVMBuildCondBr(g->b, more, loop, done);
	LLVMAddIncoming(i, &zero, &from, 1);
	LLVMAddIncoming(i, &i1, &same, 1);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef r = LLVMBuildPhi(g->b, g->i64, "");
	LLVMValueRef values[] = { zero, diff, zero };
	LLVMBasicBlockRef blocks[] = { from, loop, same };
	LLVMAddIncoming(r, values, blocks, 3);
	return (struct cg_value){ .v = r, .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "strcap", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "strcap(string)",
	  .check = check_strcap, .lower = BACKEND(lower_strcap), .constant = strcap_value },
	{ .name = "str_concat", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "str_concat(string, string)", .check = check_str_concat, .lower_into = BACKEND(str_concat_into) },
	{ .name = "memcmp", .kind = BUILTIN_FUNCTION, .min_args = 3, .max_args = 3, .signature = "memcmp(left, right, count)",
	  .check = check_memcmp, .lower = BACKEND(lower_memcmp) },
	{ 0 },
};

const struct builtin_family builtins_string_build = { "string sizes, joins and bytes", rows };
