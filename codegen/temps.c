/* Temporaries. Every key, value and string buffer a statement needs is
 * stack memory; if each had its own, 35 `@x = 1;` in one probe would pass
 * the BPF stack's 512 bytes. So a temporary made while a statement is
 * lowered comes from a pool, and goes back to it when its statement ends:
 * the next statement takes the same alloca for a temporary of the same
 * type. A statement's temporaries stay taken while the statements nested
 * in it (an if's branches) are lowered. Temporaries made outside any
 * statement (the predicate) and scratch variables' slots are their own.
 * (LLVM's lifetime markers would do the same through its stack colouring,
 * at a cost that grows with slots times blocks: 5,000 statements took
 * 4 s and 440 MB.) */
#include "../compiler/arena.h"
#include "cg.h"

struct cg_temps_mark cg_temps_open(struct cg *g)
{
	g->statement_depth++;
	return (struct cg_temps_mark){ g->ntaken, cg_scratch_mark(g) };
}

void cg_temps_close(struct cg *g, struct cg_temps_mark mark)
{
	for (int i = mark.taken; i < g->ntaken; i++)
		g->pool[g->taken[i]].busy = false;
	g->ntaken = mark.taken;
	cg_scratch_release(g, mark.scratch);
	g->statement_depth--;
}

void cg_temps_reset(struct cg *g)
{
	g->npool = g->ntaken = g->statement_depth = 0;
}

LLVMValueRef cg_alloca(struct cg *g, LLVMTypeRef t, const char *name)
{
	if (!g->statement_depth)
		return cg_alloca_slot(g, t, name);
	int found = -1;
	for (int i = g->npool - 1; i >= 0 && found < 0; i--)
		if (!g->pool[i].busy && g->pool[i].type == t)
			found = i;
	if (found < 0) {
		g->pool = arena_grow(g->pool, g->npool, &g->pool_cap, sizeof(*g->pool));
		g->pool[g->npool] = (struct cg_temp){ cg_alloca_slot(g, t, name), t, false };
		found = g->npool++;
	}
	g->pool[found].busy = true;
	g->taken = arena_grow(g->taken, g->ntaken, &g->taken_cap, sizeof(*g->taken));
	g->taken[g->ntaken++] = found;
	return g->pool[found].alloca;
}
