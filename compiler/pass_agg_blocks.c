/* The agg_blocks pass: a map assigned a block expression whose value is
 * an aggregation (`@ = { let $a = 100; avg($a) }`, or a macro's body that
 * ends with one) aggregates at the map: the assignment becomes the
 * block's statements, then `@ = avg($a)`, in a block of its own (its
 * variables stay in it). */
#include "builtin.h"
#include "passes.h"

/* n's value is an aggregation: a call of one, or a block ending in one */
static bool ends_in_aggregation(const struct node *n)
{
	if (n->kind == N_BLOCK_EXPR)
		return n->block_expr.value && ends_in_aggregation(n->block_expr.value);
	if (n->kind != N_CALL)
		return false;
	const struct builtin *b = builtin_lookup(n->call.name);
	return b && b->kind == BUILTIN_AGGREGATION;
}

static void visit(struct node **slot, void *ctx)
{
	struct node *n = *slot;
	if (n->kind == N_ASSIGN && n->assign.op == OP_NONE && n->assign.target->kind == N_MAP &&
	    n->assign.value->kind == N_BLOCK_EXPR && ends_in_aggregation(n->assign.value)) {
		struct node *block = n->assign.value->block_expr.body;
		n->assign.value = n->assign.value->block_expr.value;
		node_list_push(&block->block.stmts, n);
		*slot = block;
		n = block; /* the assignment, now in it, is visited again: { a; { b; count() } } */
	}
	node_for_each_child(n, visit, ctx);
}

int pass_agg_blocks(struct program *p)
{
	passes_rewrite_probes(p, visit);
	return 0;
}
