/* Scratch memory: buffers too big for the 512-byte BPF stack (a few
 * strings of max_strlen = 1024, big tuples) live in one element of a
 * per-CPU array instead. Programs of one CPU do not run inside each
 * other (the kernel keeps tracing programs from nesting on a CPU), so
 * each function has the element of its own depth (0 for a probe, 1 for
 * a for loop's body, 2 for a loop in that...) to itself.
 *
 * A function's element holds its variables first, then its statements'
 * temporaries, which each statement reuses from the start of that area
 * once the one before is done (as temps.c does with stack slots). Where
 * the temporaries start is known only when the function is done: their
 * base is an address whose offset is filled in then. The array's value
 * size, the largest function's, is known at the end: until then its
 * lookups use a stand-in global, replaced by the map. */
#include <limits.h>
#include <linux/bpf.h>

#include "../compiler/arena.h"
#include "cg.h"

/* What the function's every path needs goes at the entry block's end
 * (which has no terminator until the function is done); g's builder goes
 * there, and back to the end of the block it was in. */
static LLVMBasicBlockRef to_entry(struct cg *g)
{
	LLVMBasicBlockRef was = LLVMGetInsertBlock(g->b);
	LLVMPositionBuilderAtEnd(g->b, g->entry);
	return was;
}

static void scratch_base(struct cg *g)
{
	if (g->scratch.base)
		return;
	if (!g->scratch.map)
		g->scratch.map = LLVMAddGlobal(g->mod, g->i64, "scratch_stand_in");
	LLVMBasicBlockRef was = to_entry(g);
	LLVMValueRef key = cg_alloca_slot(g, g->i32, "scratch_key");
	cg_store(g, LLVMConstInt(g->i32, (unsigned)g->scratch.depth, 0), key);
	g->scratch.base = cg_map_lookup(g, g->scratch.map, key);
	/* an instruction (cg_gep would fold a 0 away): its offset is set at the end */
	g->scratch.temps_base = cg_gep_var(g, g->scratch.base, cg_const(g, 0));
	LLVMPositionBuilderAtEnd(g->b, was);
	if (g->scratch.depth > g->scratch.max_depth)
		g->scratch.max_depth = g->scratch.depth;
}

static int round_up8(int n)
{
	return (n + 7) & ~7;
}

bool cg_scratch_wanted(struct cg *g, int size)
{
	return size > g->scratch.limit;
}

LLVMValueRef cg_scratch_var(struct cg *g, int size)
{
	scratch_base(g);
	int at = g->scratch.vars;
	g->scratch.vars += round_up8(size);
	/* in the entry block: the variable's uses are anywhere after it */
	LLVMBasicBlockRef was = to_entry(g);
	LLVMValueRef p = cg_gep(g, g->scratch.base, at);
	LLVMPositionBuilderAtEnd(g->b, was);
	return p;
}

LLVMValueRef cg_scratch_temp(struct cg *g, int size)
{
	scratch_base(g);
	int at = g->scratch.temps;
	g->scratch.temps += round_up8(size);
	if (g->scratch.temps > g->scratch.temps_peak)
		g->scratch.temps_peak = g->scratch.temps;
	return cg_gep(g, g->scratch.temps_base, at);
}

int cg_scratch_mark(struct cg *g)
{
	return g->scratch.temps;
}

void cg_scratch_release(struct cg *g, int mark)
{
	g->scratch.temps = mark;
}

void cg_scratch_function_begin(struct cg *g, int depth)
{
	g->zero_vars = NULL;
	g->nzero_vars = g->zero_vars_cap = 0;
	g->scratch.base = g->scratch.temps_base = NULL;
	g->scratch.vars = g->scratch.temps = g->scratch.temps_peak = 0;
	g->scratch.depth = depth;
}

void cg_zero_at_start(struct cg *g, LLVMValueRef p, int size)
{
	g->zero_vars = arena_grow(g->zero_vars, g->nzero_vars, &g->zero_vars_cap, sizeof(*g->zero_vars));
	g->zero_vars[g->nzero_vars].p = p;
	g->zero_vars[g->nzero_vars++].size = size;
}

static void zero_stack_vars(struct cg *g)
{
	for (int i = 0; i < g->nzero_vars; i++)
		cg_build_memset(g, g->b, g->zero_vars[i].p, g->zero_vars[i].size, 8);
	g->nzero_vars = 0;
}

void cg_scratch_close_entry(struct cg *g, LLVMBasicBlockRef body, LLVMBasicBlockRef bail)
{
	LLVMPositionBuilderAtEnd(g->b, g->entry);
	if (!g->scratch.base) {
		zero_stack_vars(g); /* a memset of a few hundred bytes is a loop: after the allocas */
		LLVMBuildBr(g->b, body);
		return;
	}
	LLVMSetOperand(g->scratch.temps_base, 1, LLVMConstInt(g->i64, (unsigned)g->scratch.vars, 0));
	int size = g->scratch.vars + g->scratch.temps_peak;
	if (size > g->scratch.value_size)
		g->scratch.value_size = size;
	/* the element is always there; the verifier wants the check. Then
	 * the variables start at zero, as those on the stack do. */
	LLVMBasicBlockRef zero = LLVMInsertBasicBlockInContext(g->ctx, body, "zero_vars");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, g->scratch.base, ""), bail, zero);
	LLVMPositionBuilderAtEnd(g->b, zero);
	cg_build_memset(g, g->b, g->scratch.base, g->scratch.vars, 8);
	zero_stack_vars(g);
	LLVMBuildBr(g->b, body);
}

void cg_scratch_define(struct cg *g)
{
	if (!g->scratch.map)
		return;
	LLVMValueRef map = cg_define_map(g, SCRATCH_MAP_NAME, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
					 g->scratch.value_size ? g->scratch.value_size : 8, g->scratch.max_depth + 1, 0);
	LLVMReplaceAllUsesWith(g->scratch.map, map);
	LLVMDeleteGlobal(g->scratch.map);
	g->scratch.map = map;
}
