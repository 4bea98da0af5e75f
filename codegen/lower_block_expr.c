/* Block expressions, `{ stmts; value }`: the statements are lowered as
 * any others, each with its own temporaries, then the value in the
 * enclosing statement, which uses it. A block without a value (a macro
 * whose body ends with a statement, used as one) gives nothing. */
#include "cg.h"

struct cg_value cg_block_expr(struct cg *g, struct node *n)
{
	cg_block_stmts(g, n->block_expr.body);
	if (!n->block_expr.value)
		return (struct cg_value){ .v = NULL, .type = TYPE_VOID };
	return cg_expr(g, n->block_expr.value);
}

void cg_block_expr_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	cg_block_stmts(g, n->block_expr.body);
	cg_str_into(g, n->block_expr.value, dst, size, pad);
}
