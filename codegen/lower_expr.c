/* Expressions. Integers are i64 values; strings live in buffers, and
 * cg_str_into writes one straight into its destination (a map key, a
 * ring buffer record) so it is not copied twice. */
#include <linux/bpf.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/check.h"
#include "../probes/arch.h"
#include "cg.h"

/* ---- strings ---- */

static void literal_into(struct cg *g, const char *s, int len, LLVMValueRef dst, int size, bool pad)
{
	/* Destinations have room for size rounded up to 8: store whole words. */
	int used = len + 1 < size ? len + 1 : size;
	int end = pad ? round8(size) : round8(used);
	for (int off = 0; off < end; off += 8) {
		unsigned long long word = 0;
		for (int i = 0; i < 8; i++) {
			int at = off + i;
			unsigned char c = at < len && at < size - 1 ? (unsigned char)s[at] : 0;
			word |= (unsigned long long)c << (8 * i);
		}
		cg_store(g, LLVMConstInt(g->i64, word, 0), cg_gep(g, dst, off));
	}
}

/* A string in the probe's context (N_CONTEXT). */
static void context_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	if (pad)
		cg_memset(g, dst, round8(size));
	if (n->context.access == CTX_DATA_LOC_STR) {
		/* __data_loc: low 16 bits are the offset of the data in the record */
		LLVMValueRef loc = cg_load(g, g->i32, cg_gep(g, g->ctx_arg, n->context.offset));
		LLVMValueRef off = LLVMBuildZExt(g->b, LLVMBuildAnd(g->b, loc, LLVMConstInt(g->i32, 0xffff, 0), ""), g->i64, "");
		LLVMValueRef src = LLVMBuildAdd(g->b, LLVMBuildPtrToInt(g->b, g->ctx_arg, g->i64, ""), off, "");
		cg_probe_read(g, BPF_FUNC_probe_read_kernel_str, dst, size, src, NULL);
		return;
	}
	int len = n->context.size < size ? n->context.size : size;
	cg_probe_read(g, BPF_FUNC_probe_read_kernel, dst, len, cg_gep(g, g->ctx_arg, n->context.offset), NULL);
}

void cg_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	switch (n->kind) {
	case N_STR:
		literal_into(g, n->string.bytes, n->string.len, dst, size, pad);
		return;
	case N_IDENT:
	case N_CALL:
		cg_builtin_str_into(g, n, dst, size, pad);
		return;
	case N_CONTEXT:
		context_str_into(g, n, dst, size, pad);
		return;
	case N_BLOCK_EXPR:
		cg_block_expr_str_into(g, n, dst, size, pad);
		return;
	case N_TERNARY: {
		LLVMBasicBlockRef yes = cg_block(g, "str_yes"), no = cg_block(g, "str_no"), done = cg_block(g, "str_done");
		LLVMBuildCondBr(g->b, cg_truth(g, n->ternary.cond), yes, no);
		LLVMPositionBuilderAtEnd(g->b, yes);
		cg_scope_enter(g);
		cg_str_into(g, n->ternary.then, dst, size, pad);
		cg_scope_leave(g);
		LLVMBuildBr(g->b, done);
		LLVMPositionBuilderAtEnd(g->b, no);
		cg_scope_enter(g);
		cg_str_into(g, n->ternary.other, dst, size, pad);
		cg_scope_leave(g);
		LLVMBuildBr(g->b, done);
		LLVMPositionBuilderAtEnd(g->b, done);
		return;
	}
	default: {
		/* variables and map values: copy their buffer */
		struct cg_value v = cg_expr(g, n);
		int copy = v.type->size < size ? v.type->size : size;
		cg_memcpy(g, dst, v.v, copy);
		if (pad)
			cg_zero_tail(g, dst, copy, size);
		return;
	}
	}
}

/* a == "literal": compare len+1 bytes (the NUL included) in words, without
 * branches. */
static LLVMValueRef equals_literal(struct cg *g, LLVMValueRef s, int s_size, const char *lit, int len)
{
	if (len + 1 > s_size)
		return LLVMConstInt(g->i1, 0, 0);
	LLVMValueRef diff = cg_const(g, 0);
	int n = len + 1;
	for (int off = 0; off < n;) {
		int w = n - off >= 8 ? 8 : n - off >= 4 ? 4 : n - off >= 2 ? 2 : 1;
		LLVMTypeRef t = LLVMIntTypeInContext(g->ctx, (unsigned)(8 * w));
		unsigned long long want = 0;
		for (int i = 0; i < w; i++)
			want |= (unsigned long long)(unsigned char)(off + i < len ? lit[off + i] : 0) << (8 * i);
		LLVMValueRef got = cg_load(g, t, cg_gep(g, s, off));
		LLVMSetAlignment(got, 1);
		LLVMValueRef x = LLVMBuildXor(g->b, got, LLVMConstInt(t, want, 0), "");
		diff = LLVMBuildOr(g->b, diff, LLVMBuildZExt(g->b, x, g->i64, ""), "");
		off += w;
	}
	return LLVMBuildICmp(g->b, LLVMIntEQ, diff, cg_const(g, 0), "");
}

/* Two string buffers: equal up to and including the first NUL. */
static LLVMValueRef equals_buffers(struct cg *g, struct cg_value a, struct cg_value b)
{
	int n = a.type->size < b.type->size ? a.type->size : b.type->size;
	LLVMBasicBlockRef done = cg_block(g, "streq_done");
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef result = LLVMBuildPhi(g->b, g->i1, "streq");
	LLVMPositionBuilderAtEnd(g->b, from);
	LLVMValueRef f = LLVMConstInt(g->i1, 0, 0), t = LLVMConstInt(g->i1, 1, 0);
	for (int i = 0; i < n; i++) {
		LLVMValueRef ca = cg_load(g, g->i8, cg_gep(g, a.v, i));
		LLVMValueRef cb = cg_load(g, g->i8, cg_gep(g, b.v, i));
		LLVMBasicBlockRef same = cg_block(g, "streq_same"), next = cg_block(g, "streq_next");
		LLVMBasicBlockRef here = LLVMGetInsertBlock(g->b);
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, ca, cb, ""), same, done);
		LLVMAddIncoming(result, &f, &here, 1);
		LLVMPositionBuilderAtEnd(g->b, same);
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, ca, LLVMConstInt(g->i8, 0, 0), ""), done, next);
		LLVMAddIncoming(result, &t, &same, 1);
		LLVMPositionBuilderAtEnd(g->b, next);
	}
	/* No NUL within the shorter buffer: equal only if the longer one ends there. */
	LLVMValueRef end;
	if (a.type->size == b.type->size) {
		end = t;
	} else {
		LLVMValueRef longer = a.type->size > b.type->size ? a.v : b.v;
		LLVMValueRef c = cg_load(g, g->i8, cg_gep(g, longer, n));
		end = LLVMBuildICmp(g->b, LLVMIntEQ, c, LLVMConstInt(g->i8, 0, 0), "");
	}
	LLVMBasicBlockRef last = LLVMGetInsertBlock(g->b);
	LLVMBuildBr(g->b, done);
	LLVMAddIncoming(result, &end, &last, 1);
	LLVMPositionBuilderAtEnd(g->b, done);
	return result;
}

static LLVMValueRef string_equal(struct cg *g, struct node *a, struct node *b)
{
	if (a->kind == N_STR && b->kind != N_STR) {
		struct node *t = a;
		a = b;
		b = t;
	}
	if (b->kind == N_STR && a->kind != N_STR) {
		struct cg_value va = cg_expr(g, a);
		return equals_literal(g, va.v, va.type->size, b->string.bytes, b->string.len);
	}
	return equals_buffers(g, cg_expr(g, a), cg_expr(g, b));
}

/* ---- integers ---- */

static LLVMValueRef bool_to_i64(struct cg *g, LLVMValueRef i1)
{
	return LLVMBuildZExt(g->b, i1, g->i64, "");
}

static LLVMValueRef logical(struct cg *g, struct node *n)
{
	/* a && b, a || b with short-circuit */
	bool is_and = n->binary.op == OP_LAND;
	LLVMValueRef a = cg_truth(g, n->binary.left);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef rhs = cg_block(g, "rhs"), done = cg_block(g, "logic_done");
	if (is_and)
		LLVMBuildCondBr(g->b, a, rhs, done);
	else
		LLVMBuildCondBr(g->b, a, done, rhs);
	LLVMPositionBuilderAtEnd(g->b, rhs);
	cg_scope_enter(g);
	LLVMValueRef b = cg_truth(g, n->binary.right);
	cg_scope_leave(g);
	LLVMBasicBlockRef rhs_end = LLVMGetInsertBlock(g->b);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i1, "");
	LLVMValueRef short_value = LLVMConstInt(g->i1, is_and ? 0 : 1, 0);
	LLVMValueRef values[] = { short_value, b };
	LLVMBasicBlockRef blocks[] = { from, rhs_end };
	LLVMAddIncoming(phi, values, blocks, 2);
	return bool_to_i64(g, phi);
}

/* Two buffers of size bytes, equal byte for byte: words xor'ed and or'ed,
 * without branches. */
static LLVMValueRef equals_bytes(struct cg *g, LLVMValueRef a, LLVMValueRef b, int size)
{
	LLVMValueRef diff = cg_const(g, 0);
	for (int off = 0; off < size;) {
		int w = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;
		LLVMTypeRef t = LLVMIntTypeInContext(g->ctx, (unsigned)(8 * w));
		LLVMValueRef x = cg_load(g, t, cg_gep(g, a, off)), y = cg_load(g, t, cg_gep(g, b, off));
		LLVMSetAlignment(x, 1);
		LLVMSetAlignment(y, 1);
		diff = LLVMBuildOr(g->b, diff, LLVMBuildZExt(g->b, LLVMBuildXor(g->b, x, y, ""), g->i64, ""), "");
		off += w;
	}
	return LLVMBuildICmp(g->b, LLVMIntEQ, diff, cg_const(g, 0), "");
}

static LLVMValueRef compare(struct cg *g, struct node *n)
{
	struct node *left = n->binary.left, *right = n->binary.right;
	if (left->type->kind == TY_ARRAY) {
		LLVMValueRef eq = equals_bytes(g, cg_expr(g, left).v, cg_expr(g, right).v, left->type->size);
		return bool_to_i64(g, n->binary.op == OP_EQ ? eq : LLVMBuildNot(g->b, eq, ""));
	}
	if (left->type->kind == TY_STR) {
		LLVMValueRef eq = string_equal(g, left, right);
		return bool_to_i64(g, n->binary.op == OP_EQ ? eq : LLVMBuildNot(g->b, eq, ""));
	}
	bool s = left->type->is_signed && right->type->is_signed;
	LLVMIntPredicate pred;
	switch (n->binary.op) {
	case OP_EQ: pred = LLVMIntEQ; break;
	case OP_NE: pred = LLVMIntNE; break;
	case OP_LT: pred = s ? LLVMIntSLT : LLVMIntULT; break;
	case OP_LE: pred = s ? LLVMIntSLE : LLVMIntULE; break;
	case OP_GT: pred = s ? LLVMIntSGT : LLVMIntUGT; break;
	default: pred = s ? LLVMIntSGE : LLVMIntUGE; break;
	}
	LLVMValueRef a = cg_expr(g, left).v;
	LLVMValueRef b = cg_expr(g, right).v;
	return bool_to_i64(g, LLVMBuildICmp(g->b, pred, a, b, ""));
}

static LLVMValueRef binary(struct cg *g, struct node *n)
{
	switch (n->binary.op) {
	case OP_LAND:
	case OP_LOR:
		return logical(g, n);
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return compare(g, n);
	default: {
		LLVMValueRef a = cg_expr(g, n->binary.left).v;
		LLVMValueRef b = cg_expr(g, n->binary.right).v;
		bool ptr = n->binary.left->type->kind == TY_PTR || n->binary.right->type->kind == TY_PTR;
		if (ptr && (n->binary.op == OP_ADD || n->binary.op == OP_SUB))
			return cg_pointer_arith(g, n, a, b);
		return cg_arith(g, n->binary.op, a, b, n->type->is_signed);
	}
	}
}

/* An integer in the probe's context: programs may read it directly. */
/* The address a CTX_USER_MEMORY value is at: base register + displacement
 * (+ index register * scale), as the x86 operand "-16(%rbp,%rax,8)" says. */
static LLVMValueRef user_memory_address(struct cg *g, struct node *n)
{
	LLVMValueRef at = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, n->context.offset));
	at = LLVMBuildAdd(g->b, at, cg_const(g, n->context.value), "");
	if (n->context.index < 0)
		return at;
	LLVMValueRef index = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, n->context.index));
	return LLVMBuildAdd(g->b, at, LLVMBuildMul(g->b, index, cg_const(g, n->context.scale), ""), "");
}

static LLVMValueRef context_int(struct cg *g, struct node *n)
{
	int size = n->context.size;
	if (n->context.access == CTX_CONST)
		return cg_const(g, n->context.value);
	LLVMTypeRef t = LLVMIntTypeInContext(g->ctx, (unsigned)(8 * size));
	LLVMValueRef v;
	if (n->context.access == CTX_USER_MEMORY) {
		/* on a failed read the helper zeroes the buffer */
		LLVMValueRef buf = cg_alloca_bytes(g, 8, "user_arg");
		cg_probe_read(g, BPF_FUNC_probe_read_user, buf, size, user_memory_address(g, n), n);
		v = cg_load(g, t, buf);
	} else {
		v = cg_load(g, t, cg_gep(g, g->ctx_arg, n->context.offset));
	}
	if (size == 8)
		return v;
	return n->type->is_signed ? LLVMBuildSExt(g->b, v, g->i64, "") : LLVMBuildZExt(g->b, v, g->i64, "");
}

/* A function's integer arguments at its entry from the one `value`
 * says on, one 8-byte slot each, in order: the registers', then the
 * stack's. */
static LLVMValueRef context_arg_registers(struct cg *g, struct node *n)
{
	LLVMValueRef buf = cg_alloca_bytes(g, n->context.size, "args");
	for (int i = 0; i < n->context.size / 8; i++) {
		int arg = (int)n->context.value + i;
		if (arg < arch_host.nargs) {
			cg_store(g, cg_load(g, g->i64, cg_gep(g, g->ctx_arg, arch_arg_offset(arg))), cg_gep(g, buf, i * 8));
			continue;
		}
		LLVMValueRef sp = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, arch_host.sp));
		LLVMValueRef at = LLVMBuildAdd(g->b, sp, cg_const(g, arch_host.stack_arg0 + 8 * (arg - arch_host.nargs)), "");
		cg_probe_read(g, BPF_FUNC_probe_read_user, cg_gep(g, buf, i * 8), 8, at, n);
	}
	return buf;
}

static LLVMValueRef cast(struct cg *g, struct node *n)
{
	struct cg_value v = cg_expr(g, n->cast.operand);
	if (v.type->kind == TY_ARRAY) /* (uint32)arr: the array's bytes */
		return cg_load_member_int(g, v.v, n->type);
	/* an integer of fewer bytes becomes an address as its bits, zero
	 * extended, as bpftrace: (uint8 *)-1 is 0xff */
	if (n->type->kind == TY_PTR && v.type->kind == TY_INT && v.type->size < 8)
		return cg_fit_int(g, v.v, type_int_sized(v.type->size, false));
	return cg_fit_int(g, v.v, n->type);
}

/* (uint8[8])x: x's 8 bytes, as an array in a buffer */
static struct cg_value cast_to_array(struct cg *g, struct node *n)
{
	struct cg_value r = { .type = n->type };
	r.v = cg_alloca_bytes(g, 8, "as_array");
	cg_store(g, cg_expr(g, n->cast.operand).v, r.v);
	return r;
}

static LLVMValueRef incdec(struct cg *g, struct node *n)
{
	struct node *target = n->incdec.target;
	LLVMValueRef one = cg_const(g, n->incdec.op == OP_INC ? 1 : -1);
	if (target->type->kind == TY_PTR) /* p++ moves one pointee */
		one = cg_pointer_step(g, one, target->type);
	if (target->kind == N_VAR) {
		LLVMValueRef slot = cg_var_slot(g, target->var.var);
		LLVMValueRef old = cg_load(g, g->i64, slot);
		LLVMValueRef new = LLVMBuildAdd(g->b, old, one, "");
		cg_store(g, new, slot);
		return n->incdec.prefix ? new : old;
	}
	LLVMValueRef key = cg_map_key(g, target);
	LLVMValueRef old = cg_map_read(g, target).v;
	LLVMValueRef new = LLVMBuildAdd(g->b, old, one, "");
	cg_map_store_int(g, target, key, new);
	return n->incdec.prefix ? new : old;
}

/* One arm of a ?: in its own block and scope; *end is where it finishes. */
static LLVMValueRef ternary_arm(struct cg *g, LLVMBasicBlockRef start, struct node *n, LLVMBasicBlockRef done,
				LLVMBasicBlockRef *end)
{
	LLVMPositionBuilderAtEnd(g->b, start);
	cg_scope_enter(g);
	LLVMValueRef v = cg_expr(g, n).v;
	cg_scope_leave(g);
	*end = LLVMGetInsertBlock(g->b);
	LLVMBuildBr(g->b, done);
	return v;
}

static LLVMValueRef ternary_int(struct cg *g, struct node *n)
{
	LLVMBasicBlockRef yes = cg_block(g, "yes"), no = cg_block(g, "no"), done = cg_block(g, "ternary");
	LLVMBasicBlockRef blocks[2];
	LLVMValueRef values[2];
	if (!n->ternary.then) { /* a ?: b: a, computed once */
		values[0] = cg_expr(g, n->ternary.cond).v;
		blocks[0] = LLVMGetInsertBlock(g->b);
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, values[0], cg_const(g, 0), ""), done, no);
		LLVMDeleteBasicBlock(yes);
		values[1] = ternary_arm(g, no, n->ternary.other, done, &blocks[1]);
		LLVMPositionBuilderAtEnd(g->b, done);
		LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "");
		LLVMAddIncoming(phi, values, blocks, 2);
		return phi;
	}
	LLVMBuildCondBr(g->b, cg_truth(g, n->ternary.cond), yes, no);
	values[0] = ternary_arm(g, yes, n->ternary.then, done, &blocks[0]);
	values[1] = ternary_arm(g, no, n->ternary.other, done, &blocks[1]);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "");
	LLVMAddIncoming(phi, values, blocks, 2);
	return phi;
}

/* c ? printf(..) : exit(): run one arm, no value */
static void ternary_void(struct cg *g, struct node *n)
{
	LLVMBasicBlockRef yes = cg_block(g, "yes"), no = cg_block(g, "no"), done = cg_block(g, "ternary");
	LLVMBasicBlockRef end;
	LLVMBuildCondBr(g->b, cg_truth(g, n->ternary.cond), yes, no);
	ternary_arm(g, yes, n->ternary.then, done, &end);
	ternary_arm(g, no, n->ternary.other, done, &end);
	LLVMPositionBuilderAtEnd(g->b, done);
}

struct cg_value cg_expr(struct cg *g, struct node *n)
{
	struct cg_value r = { .type = n->type };
	if (cg_in_memory(n))
		return cg_read_memory(g, n);
	if (n->kind == N_FIELD) /* of a tuple, a record or a struct value */
		return cg_member(g, n->field.base, n->field.name);
	if (n->kind == N_INDEX && n->index.base->type->kind == TY_ARRAY)
		return cg_array_element(g, n);
	if (n->kind == N_INDEX && n->index.base->type->kind == TY_STR)
		return cg_string_char(g, n);
	if (n->kind == N_CAST && n->type->kind == TY_ARRAY)
		return cast_to_array(g, n);
	if (n->kind == N_INDEX && n->index.base->type->kind == TY_TUPLE)
		return cg_member(g, n->index.base, arena_printf("%lld", const_int_value(n->index.index)));
	if (n->kind == N_TUPLE || (n->kind == N_TERNARY && type_is_tuple(n->type)))
		return cg_tuple(g, n);
	if (n->type->kind == TY_STR && n->kind != N_VAR) {
		/* strings other than variables get a buffer of their own */
		if (n->kind == N_MAP)
			return cg_map_read(g, n);
		r.v = cg_alloca_bytes(g, n->type->size, "str");
		cg_str_into(g, n, r.v, n->type->size, false);
		return r;
	}
	switch (n->kind) {
	case N_INT:
		r.v = cg_const(g, n->integer.value);
		break;
	case N_IDENT:
	case N_CALL:
		return cg_builtin(g, n);
	case N_VAR: {
		LLVMValueRef slot = cg_var_slot(g, n->var.var);
		r.v = type_in_buffer(n->var.var->type) ? slot : cg_load(g, g->i64, slot);
		r.type = n->var.var->type;
		break;
	}
	case N_MAP:
		return cg_map_read(g, n);
	case N_BINARY:
		r.v = binary(g, n);
		break;
	case N_UNARY: {
		if (n->unary.op == OP_ADDR) {
			r.v = cg_address_of(g, n);
			break;
		}
		LLVMValueRef a = cg_expr(g, n->unary.operand).v;
		if (n->unary.op == OP_NEG)
			r.v = LLVMBuildNeg(g->b, a, "");
		else if (n->unary.op == OP_BNOT)
			r.v = LLVMBuildNot(g->b, a, "");
		else
			r.v = bool_to_i64(g, LLVMBuildICmp(g->b, LLVMIntEQ, a, cg_const(g, 0), ""));
		break;
	}
	case N_TERNARY:
		if (n->type->kind == TY_VOID) {
			ternary_void(g, n);
			break;
		}
		r.v = ternary_int(g, n);
		break;
	case N_CONTEXT:
		if (n->context.access == CTX_IN_PLACE) { /* a struct: its bytes, copied */
			r.v = cg_alloca_bytes(g, n->context.size, "ctx");
			cg_probe_read(g, BPF_FUNC_probe_read_kernel, r.v, n->context.size,
				      cg_gep(g, g->ctx_arg, n->context.offset), NULL);
			break;
		}
		if (n->context.access == CTX_ARG_REGISTERS) {
			r.v = context_arg_registers(g, n);
			break;
		}
		if (n->context.access == CTX_USER_MEMORY && type_in_buffer(n->type)) { /* a struct on the stack */
			r.v = cg_alloca_bytes(g, n->context.size, "user_arg");
			cg_probe_read(g, BPF_FUNC_probe_read_user, r.v, n->context.size, user_memory_address(g, n), n);
			break;
		}
		r.v = context_int(g, n);
		break;
	case N_CAST:
		r.v = cast(g, n);
		break;
	case N_INCDEC:
		r.v = incdec(g, n);
		break;
	case N_BLOCK_EXPR:
		return cg_block_expr(g, n);
	default:
		r.v = cg_unlowered(g, n, "expression");
	}
	return r;
}

LLVMValueRef cg_truth(struct cg *g, struct node *n)
{
	return LLVMBuildICmp(g->b, LLVMIntNE, cg_expr(g, n).v, cg_const(g, 0), "");
}
