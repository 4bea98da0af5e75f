/* Values in buffers (strings, tuples, records) written into their
 * destinations. A slot (a variable, a map key or value, an event's
 * argument) may be laid out wider than what is stored in it: ("hi", 1)
 * into a slot that also held ("hello", 2), (int8)1 into an int64 member.
 * So a value is written member by member into the slot's layout, and a
 * buffer of one layout is copied into another member by member. Padding
 * between members is zeroed: a map key compares every byte. */
#include "cg.h"

static LLVMTypeRef int_of(struct cg *g, int size)
{
	return LLVMIntTypeInContext(g->ctx, (unsigned)(8 * size));
}

/* Members are at their natural alignment (C layout in 8-aligned
 * buffers), so an integer member is stored and loaded whole: claiming
 * less would make LLVM split it into bytes, shifts and ors (slower, and
 * refused for pointers by the verifier). A packed struct's odd member is
 * still fine on the machines BPF runs on (unaligned stack access). */
static void store_sized(struct cg *g, LLVMValueRef v, LLVMValueRef p, int size)
{
	if (size < 8)
		v = LLVMBuildTrunc(g->b, v, int_of(g, size), "");
	LLVMValueRef st = LLVMBuildStore(g->b, v, p);
	LLVMSetAlignment(st, (unsigned)(size < 8 ? size : 8));
}

LLVMValueRef cg_fit_int(struct cg *g, LLVMValueRef v, const struct type *t)
{
	if (t->size >= 8 || t->kind != TY_INT)
		return v;
	v = LLVMBuildTrunc(g->b, v, int_of(g, t->size), "");
	return t->is_signed ? LLVMBuildSExt(g->b, v, g->i64, "") : LLVMBuildZExt(g->b, v, g->i64, "");
}

LLVMValueRef cg_load_member_int(struct cg *g, LLVMValueRef p, const struct type *t)
{
	int size = t->size > 0 && t->size < 8 ? t->size : 8;
	LLVMValueRef v = LLVMBuildLoad2(g->b, int_of(g, size), p, "");
	LLVMSetAlignment(v, (unsigned)size);
	if (size == 8)
		return v;
	return t->is_signed ? LLVMBuildSExt(g->b, v, g->i64, "") : LLVMBuildZExt(g->b, v, g->i64, "");
}

void cg_convert_copy(struct cg *g, LLVMValueRef dst, const struct type *to, LLVMValueRef src,
		     const struct type *from)
{
	if (type_equal(to, from)) {
		cg_memcpy(g, dst, src, to->size);
		return;
	}
	if (type_is_integer(to) || to->kind == TY_PROBE) {
		store_sized(g, cg_load_member_int(g, src, from), dst, to->size);
		return;
	}
	if (type_is_tuple(to) && type_is_tuple(from) && to->nmembers == from->nmembers) {
		cg_build_memset(g, g->b, dst, to->size, 1);
		for (int i = 0; i < to->nmembers; i++)
			cg_convert_copy(g, cg_gep(g, dst, to->members[i].offset), to->members[i].type,
					cg_gep(g, src, from->members[i].offset), from->members[i].type);
		return;
	}
	/* strings, and what else is bytes: as much as fits, zeroes after */
	int n = from->size < to->size ? from->size : to->size;
	cg_memcpy(g, dst, src, n);
	cg_build_memset(g, g->b, cg_gep(g, dst, n), to->size - n, 1);
}

/* n's value into exactly t->size bytes at dst (a member: what follows
 * it may be another member). */
static void member_into(struct cg *g, struct node *n, LLVMValueRef dst, const struct type *t)
{
	if (!type_in_buffer(t)) {
		store_sized(g, cg_expr(g, n).v, dst, t->size);
		return;
	}
	if (n->kind == N_TUPLE && type_is_tuple(t) && t->nmembers == n->tuple.elems.n) {
		cg_build_memset(g, g->b, dst, t->size, 1);
		for (int i = 0; i < t->nmembers; i++)
			member_into(g, n->tuple.elems.items[i], cg_gep(g, dst, t->members[i].offset), t->members[i].type);
		return;
	}
	if (n->kind == N_TERNARY && type_is_tuple(t)) { /* each arm into the slot's layout */
		LLVMBasicBlockRef yes = cg_block(g, "tuple_yes"), no = cg_block(g, "tuple_no"),
				  done = cg_block(g, "tuple_done");
		LLVMBuildCondBr(g->b, cg_truth(g, n->ternary.cond), yes, no);
		struct node *arms[2] = { n->ternary.then, n->ternary.other };
		LLVMBasicBlockRef starts[2] = { yes, no };
		for (int i = 0; i < 2; i++) {
			LLVMPositionBuilderAtEnd(g->b, starts[i]);
			cg_scope_enter(g);
			member_into(g, arms[i], dst, t);
			cg_scope_leave(g);
			LLVMBuildBr(g->b, done);
		}
		LLVMPositionBuilderAtEnd(g->b, done);
		return;
	}
	if (t->kind == TY_STR && t->size % 8) {
		/* cg_str_into writes whole words: build it aside */
		LLVMValueRef tmp = cg_alloca_bytes(g, t->size, "member_str");
		cg_str_into(g, n, tmp, t->size, true);
		cg_memcpy(g, dst, tmp, t->size);
		return;
	}
	if (t->kind == TY_STR) {
		cg_str_into(g, n, dst, t->size, true);
		return;
	}
	if (t->kind == TY_RESOLVED && cg_builtin_writes_into(n)) { /* a stack: no copy of a kilobyte */
		cg_builtin_str_into(g, n, dst, t->size, true);
		return;
	}
	struct cg_value v = cg_expr(g, n);
	cg_convert_copy(g, dst, t, v.v, v.type);
}

void cg_value_into(struct cg *g, struct node *n, LLVMValueRef dst, const struct type *t)
{
	if (!type_in_buffer(t)) {
		cg_store(g, cg_expr(g, n).v, dst);
		return;
	}
	if (t->kind == TY_STR) {
		cg_str_into(g, n, dst, t->size, true);
		return;
	}
	member_into(g, n, dst, t);
	cg_zero_tail(g, dst, t->size, t->size);
}

struct cg_value cg_tuple(struct cg *g, struct node *n)
{
	struct cg_value r = { .type = n->type };
	r.v = cg_alloca_bytes(g, n->type->size, "tuple");
	cg_value_into(g, n, r.v, n->type);
	return r;
}

/* base.name, base[i] of a tuple or record: a member in base's buffer,
 * read in place (an integer is loaded). */
struct cg_value cg_member(struct cg *g, struct node *base, const char *name)
{
	struct cg_value b = cg_expr(g, base);
	const struct type_member *m = type_member(b.type, name);
	struct cg_value r = { .type = m->type };
	LLVMValueRef p = cg_gep(g, b.v, m->offset);
	if (m->bit_width > 0)
		r.v = cg_bitfield(g, p, m);
	else
		r.v = type_in_buffer(m->type) ? p : cg_load_member_int(g, p, m->type);
	return r;
}

LLVMValueRef cg_bitfield(struct cg *g, LLVMValueRef p, const struct type_member *m)
{
	LLVMValueRef v = cg_const(g, 0);
	for (int i = 0; i < type_bitfield_bytes(m); i++) {
		LLVMValueRef byte = LLVMBuildZExt(g->b, cg_load(g, g->i8, cg_gep(g, p, i)), g->i64, "");
		v = LLVMBuildOr(g->b, v, LLVMBuildShl(g->b, byte, cg_const(g, 8 * i), ""), "");
	}
	int w = m->bit_width < 64 ? m->bit_width : 64;
	/* the field's bits to the top, then back down (zero-extended) */
	v = LLVMBuildShl(g->b, v, cg_const(g, 64 - w - m->bit_offset), "");
	return LLVMBuildLShr(g->b, v, cg_const(g, 64 - w), ""); /* unsigned, as bpftrace reads bitfields */
}
