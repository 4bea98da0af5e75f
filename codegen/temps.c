/* Lifetimes of temporaries. Every key, value and string buffer a
 * statement needs is an alloca in the entry block; without more, each
 * keeps its own stack bytes for the whole program, and 35 `@x = 1;` in
 * one probe pass the BPF stack's 512 bytes. A temporary made while a
 * statement is lowered gets llvm.lifetime.start where it is made and
 * llvm.lifetime.end where its statement ends, and LLVM's stack colouring
 * gives the next statement's temporaries the same bytes. Temporaries made
 * outside any statement (the predicate) and scratch variables' slots keep
 * theirs. */
#include <string.h>

#include "../compiler/arena.h"
#include "cg.h"

static void lifetime_call(struct cg *g, const char *which, LLVMValueRef alloca, unsigned long long size)
{
	unsigned id = LLVMLookupIntrinsicID(which, strlen(which));
	LLVMTypeRef ptr = g->ptr;
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(g->mod, id, &ptr, 1);
	LLVMTypeRef fnty = LLVMIntrinsicGetType(g->ctx, id, &ptr, 1);
	LLVMValueRef args[] = { LLVMConstInt(g->i64, size, 0), alloca };
	LLVMBuildCall2(g->b, fnty, fn, args, 2, "");
}

int cg_temps_open(struct cg *g)
{
	g->statement_depth++;
	return g->ntemps;
}

void cg_temp_begin(struct cg *g, LLVMValueRef alloca, LLVMTypeRef t)
{
	if (!g->statement_depth)
		return;
	LLVMTargetDataRef layout = LLVMGetModuleDataLayout(g->mod);
	unsigned long long size = LLVMABISizeOfType(layout, t);
	lifetime_call(g, "llvm.lifetime.start", alloca, size);
	g->temps = arena_grow(g->temps, g->ntemps, &g->temps_cap, sizeof(*g->temps));
	g->temps[g->ntemps++] = (struct cg_temp){ alloca, size };
}

void cg_temps_close(struct cg *g, int mark)
{
	for (int i = g->ntemps - 1; i >= mark; i--)
		lifetime_call(g, "llvm.lifetime.end", g->temps[i].alloca, g->temps[i].size);
	g->ntemps = mark;
	g->statement_depth--;
}
