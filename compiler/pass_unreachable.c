/* The unreachable pass: a statement after one that ends the probe or the
 * loop's round (exit(), return, break, continue) never runs. As bpftrace,
 * the first of them gets a warning and they are dropped, so no code is
 * made for them. */
#include <string.h>

#include "diag.h"
#include "passes.h"

static const char *ends_here(const struct node *stmt)
{
	switch (stmt->kind) {
	case N_RETURN: return "return";
	case N_BREAK: return "break";
	case N_CONTINUE: return "continue";
	case N_EXPR_STMT: {
		const struct node *e = stmt->expr_stmt.expr;
		return e->kind == N_CALL && !strcmp(e->call.name, "exit") ? "exit()" : NULL;
	}
	default: return NULL;
	}
}

static void visit(struct node **slot, void *ctx)
{
	struct node *n = *slot;
	if (n->kind == N_BLOCK) {
		struct node_list *stmts = &n->block.stmts;
		for (int i = 0; i + 1 < stmts->n; i++) {
			const char *what = ends_here(stmts->items[i]);
			if (what) {
				diag_warning(stmts->items[i + 1]->loc, "Unreachable statement: it follows %s", what);
				stmts->n = i + 1;
				break;
			}
		}
	}
	node_for_each_child(n, visit, ctx);
}

int pass_unreachable(struct program *p)
{
	passes_rewrite_probes(p, visit);
	return 0;
}
