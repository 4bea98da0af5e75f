/* A routed program (probes/provider.h's attach_route: syscall tracepoints
 * attached through raw_syscalls) runs for every key of its via; the key in
 * its context says which of its instances fired, if any. */
#include "cg.h"

#include "../probes/provider.h"

LLVMValueRef cg_routed_instance(struct cg *g, bool of_func)
{
	const struct probe_instance *probes = g->prog->probes;
	int program = g->inst->program;
	const struct attach_route *r = g->inst->ap->route;
	LLVMValueRef key = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, r->key_offset));
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef picked = cg_block(g, "routed");
	int ncases = 0;
	for (int i = program; i < g->prog->nprobes; i++)
		ncases += probes[i].program == program;
	LLVMValueRef sw = LLVMBuildSwitch(g->b, key, picked, (unsigned)ncases);
	LLVMPositionBuilderAtEnd(g->b, picked);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "instance");
	LLVMValueRef none = cg_const(g, -1);
	LLVMAddIncoming(phi, &none, &from, 1);
	/* a block per case, each an edge into the phi (LLVM makes a table of it) */
	for (int i = program; i < g->prog->nprobes; i++) {
		if (probes[i].program != program)
			continue;
		LLVMBasicBlockRef hit = cg_block(g, "route");
		LLVMAddCase(sw, cg_const(g, probes[i].ap->route->key), hit);
		LLVMPositionBuilderAtEnd(g->b, hit);
		LLVMBuildBr(g->b, picked);
		/* what `probe` (or `func`) holds: the first instance of its name */
		LLVMValueRef index = cg_const(g, of_func ? probes[i].func_id : probes[i].name_id);
		LLVMAddIncoming(phi, &index, &hit, 1);
	}
	LLVMPositionBuilderAtEnd(g->b, picked);
	return phi;
}

void cg_route(struct cg *g)
{
	LLVMValueRef instance = cg_routed_instance(g, false);
	LLVMBasicBlockRef run = cg_block(g, "this_route");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntSGE, instance, cg_const(g, 0), ""), run, g->exit);
	LLVMPositionBuilderAtEnd(g->b, run);
}
