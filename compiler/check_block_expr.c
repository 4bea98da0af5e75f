/* The types of block expressions, `{ stmts; value }`: the statements are
 * checked as any others (their variables are the probe's, as everywhere),
 * then the value, whose type the block takes. A macro's body that ends
 * with a statement has no value: it is only used as a statement, and is
 * void. */
#include "check.h"

const struct type *check_block_expr(struct checker *c, struct node *n)
{
	check_block(c, n->block_expr.body);
	if (!n->block_expr.value)
		return TYPE_VOID;
	return check_expr(c, n->block_expr.value);
}
