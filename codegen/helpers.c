/* Small IR-building helpers used by every lowering file. */
#include <linux/bpf.h>
#include <string.h>

#include "cg.h"

LLVMValueRef cg_const(struct cg *g, long long v)
{
	return LLVMConstInt(g->i64, (unsigned long long)v, 1);
}

LLVMValueRef cg_unlowered(struct cg *g, struct node *n, const char *what)
{
	diag_error(n->loc, "internal error: codegen has no lowering for %s (%s)", what, node_kind_name(n->kind));
	g->failed = true;
	return cg_const(g, 0);
}

/* Allocas go in the entry block so LLVM can promote and lay out the stack. */
LLVMValueRef cg_alloca_slot(struct cg *g, LLVMTypeRef t, const char *name)
{
	LLVMBuilderRef b = LLVMCreateBuilderInContext(g->ctx);
	LLVMValueRef first = LLVMGetFirstInstruction(g->entry);
	if (first)
		LLVMPositionBuilderBefore(b, first);
	else
		LLVMPositionBuilderAtEnd(b, g->entry);
	LLVMValueRef a = LLVMBuildAlloca(b, t, name);
	LLVMSetAlignment(a, 8);
	LLVMDisposeBuilder(b);
	return a;
}

LLVMValueRef cg_alloca_bytes(struct cg *g, int size, const char *name)
{
	if (cg_scratch_wanted(g, size))
		return g->statement_depth ? cg_scratch_temp(g, size) : cg_scratch_var(g, size);
	return cg_alloca(g, LLVMArrayType(g->i8, (unsigned)round8(size)), name);
}

LLVMValueRef cg_helper(struct cg *g, int id, LLVMTypeRef ret, LLVMValueRef *args, int nargs)
{
	LLVMTypeRef params[8];
	for (int i = 0; i < nargs; i++)
		params[i] = LLVMTypeOf(args[i]);
	LLVMTypeRef fnty = LLVMFunctionType(ret, params, (unsigned)nargs, 0);
	LLVMValueRef fn = LLVMConstIntToPtr(LLVMConstInt(g->i64, (unsigned long long)id, 0), g->ptr);
	return LLVMBuildCall2(g->b, fnty, fn, args, (unsigned)nargs, "");
}

void cg_mark_pure(struct cg *g, LLVMValueRef call)
{
	static const char *names[] = { "nounwind", "willreturn" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		unsigned kind = LLVMGetEnumAttributeKindForName(names[i], strlen(names[i]));
		LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, kind, 0));
	}
	unsigned memory = LLVMGetEnumAttributeKindForName("memory", 6);
	LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
				 LLVMCreateEnumAttribute(g->ctx, memory, 0 /* touches no memory */));
}

LLVMValueRef cg_gep(struct cg *g, LLVMValueRef base, int offset)
{
	if (!offset)
		return base;
	return cg_gep_var(g, base, cg_const(g, offset));
}

LLVMValueRef cg_gep_var(struct cg *g, LLVMValueRef base, LLVMValueRef offset)
{
	return LLVMBuildGEP2(g->b, g->i8, base, &offset, 1, "");
}

LLVMValueRef cg_load(struct cg *g, LLVMTypeRef t, LLVMValueRef p)
{
	return LLVMBuildLoad2(g->b, t, p, "");
}

void cg_store(struct cg *g, LLVMValueRef v, LLVMValueRef p)
{
	LLVMBuildStore(g->b, v, p);
}

/* The BPF backend turns a memset or memcpy into loads and stores, up to
 * 128 of them; past that it would call the C library, which BPF has not
 * (a 1 KiB string in scratch memory). Pieces would not do: LLVM merges
 * them back. So a big one is a loop of `align`-byte accesses whose
 * offset LLVM cannot see through (it would make a memset of it again);
 * the verifier sees the loop's bound. */
#define MAX_INLINE_ACCESSES 64

static bool inline_size(int size, unsigned align)
{
	return size <= MAX_INLINE_ACCESSES * (int)align;
}

/* for (off = 0; off < size; off += align) body(off), at b */
static void build_byte_loop(struct cg *g, LLVMBuilderRef b, LLVMValueRef dst, LLVMValueRef src, int size,
			    unsigned align)
{
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(b));
	LLVMBasicBlockRef from = LLVMGetInsertBlock(b);
	LLVMBasicBlockRef loop = LLVMAppendBasicBlockInContext(g->ctx, fn, "bytes");
	LLVMBasicBlockRef done = LLVMAppendBasicBlockInContext(g->ctx, fn, "bytes_done");
	LLVMBuildBr(b, loop);
	LLVMPositionBuilderAtEnd(b, loop);
	LLVMValueRef off = LLVMBuildPhi(b, g->i64, "off");
	LLVMTypeRef t = LLVMIntTypeInContext(g->ctx, 8 * align);
	LLVMTypeRef asm_type = LLVMFunctionType(g->i64, &g->i64, 1, 0);
	LLVMValueRef barrier = LLVMGetInlineAsm(asm_type, "", 0, "=r,0", 4, 0, 0, LLVMInlineAsmDialectATT, 0);
	LLVMValueRef hidden = LLVMBuildCall2(b, asm_type, barrier, &off, 1, "");
	LLVMValueRef v = LLVMConstInt(t, 0, 0);
	if (src) {
		v = LLVMBuildLoad2(b, t, LLVMBuildGEP2(b, g->i8, src, &hidden, 1, ""), "");
		LLVMSetAlignment(v, align);
	}
	LLVMValueRef st = LLVMBuildStore(b, v, LLVMBuildGEP2(b, g->i8, dst, &hidden, 1, ""));
	LLVMSetAlignment(st, align);
	LLVMValueRef next = LLVMBuildAdd(b, off, LLVMConstInt(g->i64, align, 0), "");
	LLVMValueRef zero = LLVMConstInt(g->i64, 0, 0);
	LLVMAddIncoming(off, &zero, &from, 1);
	LLVMAddIncoming(off, &next, &loop, 1);
	LLVMBuildCondBr(b, LLVMBuildICmp(b, LLVMIntULT, next, LLVMConstInt(g->i64, (unsigned)size, 0), ""), loop, done);
	LLVMPositionBuilderAtEnd(b, done);
}

/* A loop's access: words where the size allows (BPF on the machines it
 * runs on takes unaligned words), so a 1 KiB copy is 128 rounds for the
 * verifier to walk, not 1024. */
static unsigned loop_unit(int size)
{
	return size % 8 == 0 ? 8 : size % 4 == 0 ? 4 : size % 2 == 0 ? 2 : 1;
}

void cg_build_memset(struct cg *g, LLVMBuilderRef b, LLVMValueRef p, int size, unsigned align)
{
	if (size <= 0)
		return;
	if (!inline_size(size, align)) {
		build_byte_loop(g, b, p, NULL, size, loop_unit(size));
		return;
	}
	LLVMBuildMemSet(b, p, LLVMConstInt(g->i8, 0, 0), LLVMConstInt(g->i64, (unsigned)size, 0), align);
}

static void build_memcpy(struct cg *g, LLVMValueRef dst, LLVMValueRef src, int size, unsigned align)
{
	if (size <= 0)
		return;
	if (!inline_size(size, align)) {
		build_byte_loop(g, g->b, dst, src, size, loop_unit(size));
		return;
	}
	LLVMBuildMemCpy(g->b, dst, align, src, align, LLVMConstInt(g->i64, (unsigned)size, 0));
}

void cg_memset(struct cg *g, LLVMValueRef p, int size)
{
	cg_build_memset(g, g->b, p, size, 8);
}

void cg_zero_tail(struct cg *g, LLVMValueRef buf, int from, int size)
{
	int end = round8(size);
	if (end <= from)
		return;
	/* The tail starts where the copy stopped: only as aligned as that is
	 * (a claimed 8 lets LLVM merge stores the verifier finds misaligned). */
	unsigned align = from % 8 == 0 ? 8 : from % 4 == 0 ? 4 : from % 2 == 0 ? 2 : 1;
	cg_build_memset(g, g->b, cg_gep(g, buf, from), end - from, align);
}

void cg_memcpy(struct cg *g, LLVMValueRef dst, LLVMValueRef src, int size)
{
	build_memcpy(g, dst, src, size, 1);
}

void cg_memcpy_aligned(struct cg *g, LLVMValueRef dst, LLVMValueRef src, int size)
{
	build_memcpy(g, dst, src, size, 8);
}

LLVMValueRef cg_opaque(struct cg *g, LLVMValueRef v)
{
	LLVMTypeRef fnty = LLVMFunctionType(g->i64, &g->i64, 1, 0);
	LLVMValueRef asm_ = LLVMGetInlineAsm(fnty, "", 0, "=r,0", 4, 0, 0, LLVMInlineAsmDialectATT, 0);
	return LLVMBuildCall2(g->b, fnty, asm_, &v, 1, "");
}

/* An index the verifier can see is in [0, max]: LLVM must not drop the
 * clamp as redundant, so the value is made opaque first. */
LLVMValueRef cg_clamp(struct cg *g, LLVMValueRef idx, int max)
{
	idx = cg_opaque(g, idx);
	LLVMValueRef over = LLVMBuildICmp(g->b, LLVMIntUGT, idx, cg_const(g, max), "");
	return LLVMBuildSelect(g->b, over, cg_const(g, max), idx, "");
}

LLVMBasicBlockRef cg_block(struct cg *g, const char *name)
{
	return LLVMAppendBasicBlockInContext(g->ctx, g->fn, name);
}

LLVMValueRef cg_map_lookup(struct cg *g, LLVMValueRef map, LLVMValueRef key)
{
	LLVMValueRef args[] = { map, key };
	return cg_helper(g, BPF_FUNC_map_lookup_elem, g->ptr, args, 2);
}

LLVMValueRef cg_map_update(struct cg *g, LLVMValueRef map, LLVMValueRef key, LLVMValueRef val, int flags)
{
	LLVMValueRef args[] = { map, key, val, cg_const(g, flags) };
	return cg_helper(g, BPF_FUNC_map_update_elem, g->i64, args, 4);
}

LLVMValueRef cg_map_delete(struct cg *g, LLVMValueRef map, LLVMValueRef key)
{
	LLVMValueRef args[] = { map, key };
	return cg_helper(g, BPF_FUNC_map_delete_elem, g->i64, args, 2);
}

void cg_count(struct cg *g, LLVMValueRef counters, int index)
{
	cg_count_at(g, counters, cg_alloca(g, g->i32, "counter_key"), LLVMConstInt(g->i32, (unsigned)index, 0));
}

void cg_count_at(struct cg *g, LLVMValueRef counters, LLVMValueRef key_slot, LLVMValueRef index)
{
	cg_store(g, index, key_slot);
	LLVMValueRef v = cg_map_lookup(g, counters, key_slot);
	LLVMBasicBlockRef hit = cg_block(g, "count"), done = cg_block(g, "counted");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), done, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	cg_store(g, LLVMBuildAdd(g->b, cg_load(g, g->i64, v), cg_const(g, 1), ""), v);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

LLVMValueRef cg_probe_read(struct cg *g, int helper, LLVMValueRef dst, int size, LLVMValueRef src,
			   const struct node *at)
{
	LLVMValueRef args[] = { dst, cg_const(g, size), src };
	LLVMValueRef ret = cg_helper(g, helper, g->i64, args, 3);
	cg_check_helper(g, ret, helper, at);
	return ret;
}
