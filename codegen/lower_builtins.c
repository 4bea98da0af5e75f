/* Builtins are lowered by their rows (builtins/): this is the dispatch.
 * A builtin that sends an event is lowered as its event; a string one
 * writes into a buffer; anything else without a lowering is an internal
 * error at its place, never a silent 0. */
#include "../compiler/builtin.h"
#include "cg.h"

static const struct builtin *builtin_of(const struct node *n)
{
	return n->kind == N_IDENT ? n->ident.builtin : n->call.builtin;
}

struct cg_value cg_builtin(struct cg *g, struct node *n)
{
	const struct builtin *b = builtin_of(n);
	struct cg_value r = { .type = n->type };
	if (b->lower) { /* an event sent only sometimes (assert) has one */
		return b->lower(g, n);
	} else if (b->event != ASYNC_NONE) {
		cg_async(g, n);
		r.v = cg_const(g, 0);
	} else if (b->lower_into) {
		r.v = cg_alloca_bytes(g, n->type->size, b->name);
		b->lower_into(g, n, r.v, n->type->size, false);
	} else {
		r.v = cg_unlowered(g, n, b->name);
	}
	return r;
}

void cg_builtin_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	const struct builtin *b = builtin_of(n);
	if (b->lower_into) {
		b->lower_into(g, n, dst, size, pad);
		return;
	}
	cg_unlowered(g, n, b->name);
}

bool cg_builtin_writes_into(const struct node *n)
{
	const struct builtin *b = (n->kind == N_IDENT || n->kind == N_CALL) ? builtin_of(n) : NULL;
	return b && b->lower_into;
}
