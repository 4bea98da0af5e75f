/* Pointers: what *p, p->x, p.x and p[i] name lives in memory, at an
 * address computed from the pointer (and, for members and elements of
 * those, from their offsets); it is read with the helper of the
 * pointer's address space, or loaded directly from the program's own
 * stack (&$x). Addresses are i64s, as every integer. */
#include <string.h>

#include <linux/bpf.h>

#include "cg.h"

static bool is_aggregate(const struct type *t)
{
	return t->kind == TY_STRUCT || t->kind == TY_UNION;
}

bool cg_in_memory(const struct node *n)
{
	switch (n->kind) {
	case N_UNARY:
		return n->unary.op == OP_DEREF;
	case N_FIELD: {
		const struct type *b = n->field.base->type;
		if (b->kind == TY_PTR)
			return is_aggregate(b->pointee);
		return is_aggregate(b) && cg_in_memory(n->field.base);
	}
	case N_INDEX: {
		const struct type *b = n->index.base->type;
		return b->kind == TY_PTR || (b->kind == TY_ARRAY && cg_in_memory(n->index.base));
	}
	default:
		return false;
	}
}

/* The address of what n names (cg_in_memory(n)), and where it is. */
static LLVMValueRef address(struct cg *g, struct node *n, enum address_space *space)
{
	if (n->kind == N_UNARY) {
		*space = n->unary.operand->type->space;
		return cg_expr(g, n->unary.operand).v;
	}
	struct node *base = n->kind == N_FIELD ? n->field.base : n->index.base;
	LLVMValueRef at;
	const struct type *whole;
	if (base->type->kind == TY_PTR) {
		*space = base->type->space;
		at = cg_expr(g, base).v;
		whole = base->type->pointee;
	} else {
		at = address(g, base, space);
		whole = base->type;
	}
	if (n->kind == N_FIELD)
		return LLVMBuildAdd(g->b, at, cg_const(g, type_member(whole, n->field.name)->offset), "");
	const struct type *elem = whole->kind == TY_ARRAY ? whole->elem : whole;
	LLVMValueRef i = cg_expr(g, n->index.index).v;
	return LLVMBuildAdd(g->b, at, LLVMBuildMul(g->b, i, cg_const(g, elem->size), ""), "");
}

/* size bytes at addr (in space) into dst */
static void copy_from(struct cg *g, LLVMValueRef dst, LLVMValueRef addr, enum address_space space, int size,
		      const struct node *at)
{
	if (space == AS_BPF) {
		cg_memcpy(g, dst, LLVMBuildIntToPtr(g->b, addr, g->ptr, ""), size);
		return;
	}
	/* on a failed read the helper zeroes dst */
	cg_probe_read(g, space == AS_USER ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel, dst, size, addr, at);
}

/* The member n (an N_FIELD) names, of the struct its base is or points at */
static const struct type_member *field_member(const struct node *n)
{
	const struct type *b = n->field.base->type;
	return type_member(b->kind == TY_PTR ? b->pointee : b, n->field.name);
}

struct cg_value cg_read_memory(struct cg *g, struct node *n)
{
	enum address_space space = AS_KERNEL;
	LLVMValueRef addr = address(g, n, &space);
	struct cg_value r = { .type = n->type };
	const struct type_member *m = n->kind == N_FIELD ? field_member(n) : NULL;
	if (m && m->bit_width > 0) { /* its bytes, then its bits */
		LLVMValueRef word = cg_alloca(g, g->i64, "bits");
		copy_from(g, word, addr, space, type_bitfield_bytes(m), n);
		r.v = cg_bitfield(g, word, m);
		return r;
	}
	if (type_in_buffer(n->type)) {
		r.v = cg_alloca_bytes(g, n->type->size, "read");
		copy_from(g, r.v, addr, space, n->type->size, n);
		return r;
	}
	LLVMValueRef word = cg_alloca(g, g->i64, "read");
	copy_from(g, word, addr, space, n->type->size < 8 ? n->type->size : 8, n);
	r.v = cg_load_member_int(g, word, n->type);
	return r;
}

LLVMValueRef cg_address_of(struct cg *g, struct node *n)
{
	return LLVMBuildPtrToInt(g->b, cg_var_slot(g, n->unary.operand->var.var), g->i64, "");
}

LLVMValueRef cg_pointer_step(struct cg *g, LLVMValueRef n, const struct type *ptr)
{
	int size = type_pointee_size(ptr);
	return size == 1 ? n : LLVMBuildMul(g->b, n, cg_const(g, size), "");
}

LLVMValueRef cg_pointer_arith(struct cg *g, struct node *n, LLVMValueRef a, LLVMValueRef b)
{
	const struct type *ta = n->binary.left->type, *tb = n->binary.right->type;
	if (ta->kind == TY_PTR && tb->kind == TY_PTR) { /* p - q: pointees between them */
		LLVMValueRef bytes = LLVMBuildSub(g->b, a, b, "");
		return cg_arith(g, OP_DIV, bytes, cg_const(g, type_pointee_size(ta)), true);
	}
	if (ta->kind == TY_PTR)
		b = cg_pointer_step(g, b, ta);
	else
		a = cg_pointer_step(g, a, tb);
	return n->binary.op == OP_ADD ? LLVMBuildAdd(g->b, a, b, "") : LLVMBuildSub(g->b, a, b, "");
}

/* $s[i]: one character of a string value, as an int8 */
struct cg_value cg_string_char(struct cg *g, struct node *n)
{
	struct cg_value s = cg_expr(g, n->index.base);
	LLVMValueRef i = cg_clamp(g, cg_expr(g, n->index.index).v, s.type->size - 1);
	struct cg_value r = { .type = n->type };
	r.v = LLVMBuildSExt(g->b, cg_load(g, g->i8, cg_gep_var(g, s.v, cg_opaque(g, i))), g->i64, "");
	return r;
}

/* arr[i] of an array value (in a variable or a map value's copy): the
 * index is kept inside the array, where the verifier can see it. */
struct cg_value cg_array_element(struct cg *g, struct node *n)
{
	struct cg_value arr = cg_expr(g, n->index.base);
	const struct type *elem = arr.type->elem;
	LLVMValueRef i = cg_clamp(g, cg_expr(g, n->index.index).v, arr.type->count - 1);
	/* opaque: knowing the offset's range, LLVM would or it into the
	 * address, which the verifier refuses on a pointer */
	LLVMValueRef p = cg_gep_var(g, arr.v, cg_opaque(g, LLVMBuildMul(g->b, i, cg_const(g, elem->size), "")));
	struct cg_value r = { .type = elem };
	r.v = type_in_buffer(elem) ? p : cg_load_member_int(g, p, elem);
	return r;
}

/* ---- kernel objects the verifier knows the type of ----
 * bpf_d_path, bpf_get_socket_cookie and bpf_skb_output take only a
 * pointer the verifier has typed from the kernel's BTF (PTR_TO_BTF_ID):
 * one loaded from the program's context (fentry's args, an iterator's
 * ctx.file) or from a member of such an object, with constant offsets
 * added. A probe read would leave a plain number, so here each pointer on
 * the way is loaded directly (the verifier makes such loads safe) and,
 * since an iterator's objects may be NULL, checked: NULL skips the code
 * that uses the object. Offsets are GEPs: LLVM could turn an integer add into an or,
 * which the verifier refuses on a pointer. */

static LLVMValueRef btf_pointer(struct cg *g, struct node *n, LLVMBasicBlockRef null_bb);

static LLVMValueRef btf_address(struct cg *g, struct node *n, LLVMBasicBlockRef null_bb)
{
	if (n->kind == N_UNARY)
		return btf_pointer(g, n->unary.operand, null_bb);
	if (n->kind != N_FIELD) /* the checks let only kernel memory through (kernel_objects.c) */
		return cg_unlowered(g, n, "a struct in kernel memory");
	struct node *base = n->field.base;
	bool via_pointer = base->type->kind == TY_PTR;
	LLVMValueRef at = via_pointer ? btf_pointer(g, base, null_bb) : btf_address(g, base, null_bb);
	const struct type *whole = via_pointer ? base->type->pointee : base->type;
	return cg_gep(g, at, type_member(whole, n->field.name)->offset);
}

static LLVMValueRef btf_pointer(struct cg *g, struct node *n, LLVMBasicBlockRef null_bb)
{
	LLVMValueRef p;
	if (n->kind == N_IDENT && !strcmp(n->ident.name, "ctx"))
		return g->ctx_arg;
	if (n->kind == N_CAST && n->cast.operand->type->kind == TY_PTR) /* (struct sock *)args.sk */
		return btf_pointer(g, n->cast.operand, null_bb);
	if ((n->kind == N_FIELD || n->kind == N_UNARY) && cg_in_memory(n))
		p = cg_load(g, g->ptr, btf_address(g, n, null_bb));
	else
		p = LLVMBuildIntToPtr(g->b, cg_expr(g, n).v, g->ptr, "");
	LLVMBasicBlockRef set = cg_block(g, "object");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, p, ""), null_bb, set);
	LLVMPositionBuilderAtEnd(g->b, set);
	return p;
}

LLVMValueRef cg_kernel_object_begin(struct cg *g, struct node *call, struct node *n, struct cg_kernel_use *use)
{
	use->done = cg_block(g, "object_done");
	use->statement_place = LLVMGetCurrentDebugLocation2(g->b);
	cg_debug_location(g, call->loc);
	cg_scope_enter(g);
	return n->type->kind == TY_PTR ? btf_pointer(g, n, use->done) : btf_address(g, n, use->done);
}

void cg_kernel_object_end(struct cg *g, struct cg_kernel_use *use)
{
	LLVMBuildBr(g->b, use->done);
	cg_scope_leave(g);
	LLVMPositionBuilderAtEnd(g->b, use->done);
	LLVMSetCurrentDebugLocation2(g->b, use->statement_place);
}
