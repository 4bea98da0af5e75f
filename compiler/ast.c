#include "ast.h"

#include <string.h>

#include "arena.h"

struct node *node_new(enum node_kind kind, struct loc loc)
{
	struct node *n = arena_alloc(sizeof(*n));
	n->kind = kind;
	n->loc = loc;
	n->type = TYPE_NONE;
	if (kind == N_CALL)
		n->call.event_id = -1;
	return n;
}

void node_become(struct node *n, enum node_kind kind)
{
	struct loc loc = n->loc;
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->loc = loc;
	n->type = TYPE_NONE;
	if (kind == N_CALL)
		n->call.event_id = -1;
}

void node_list_push(struct node_list *list, struct node *n)
{
	list->items = arena_grow(list->items, list->n, &list->cap, sizeof(*list->items));
	list->items[list->n++] = n;
}

/* The lists of children a kind has (into lists, at most three); how many. */
static int lists_of(struct node *n, struct node_list *lists[3])
{
	switch (n->kind) {
	case N_MAP: lists[0] = &n->map.keys; return 1;
	case N_CALL: lists[0] = &n->call.args; return 1;
	case N_TUPLE: lists[0] = &n->tuple.elems; return 1;
	case N_BLOCK: lists[0] = &n->block.stmts; return 1;
	case N_PROBE: lists[0] = &n->probe.attach; return 1;
	case N_CONFIG: lists[0] = &n->config.settings; return 1;
	case N_MACRO: lists[0] = &n->macro.params; return 1;
	case N_PROGRAM:
		lists[0] = &n->program.cdefs;
		lists[1] = &n->program.macros;
		lists[2] = &n->program.probes;
		return 3;
	default: return 0;
	}
}

static void visit_list(struct node_list *l, void (*visit)(struct node **, void *), void *ctx)
{
	for (int i = 0; i < l->n; i++)
		visit(&l->items[i], ctx);
}

void node_for_each_child(struct node *n, void (*visit)(struct node **child, void *ctx), void *ctx)
{
	struct node **slots[5] = { 0 };
	switch (n->kind) {
	case N_BINARY: slots[0] = &n->binary.left; slots[1] = &n->binary.right; break;
	case N_UNARY: slots[0] = &n->unary.operand; break;
	case N_TERNARY: slots[0] = &n->ternary.cond; slots[1] = &n->ternary.then; slots[2] = &n->ternary.other; break;
	case N_FIELD: slots[0] = &n->field.base; break;
	case N_INDEX: slots[0] = &n->index.base; slots[1] = &n->index.index; break;
	case N_CAST: slots[0] = &n->cast.type_of; slots[1] = &n->cast.operand; break;
	case N_TYPE_NAME: slots[0] = &n->typeref.of; break;
	case N_INCDEC: slots[0] = &n->incdec.target; break;
	case N_EXPR_STMT: slots[0] = &n->expr_stmt.expr; break;
	case N_RETURN: slots[0] = &n->ret.value; break;
	case N_ASSIGN: slots[0] = &n->assign.target; slots[1] = &n->assign.value; break;
	case N_LET: slots[0] = &n->let.var; slots[1] = &n->let.value; slots[2] = &n->let.type_of; break;
	case N_IF: slots[0] = &n->if_stmt.cond; slots[1] = &n->if_stmt.then; slots[2] = &n->if_stmt.other; break;
	case N_WHILE: slots[0] = &n->while_loop.cond; slots[1] = &n->while_loop.body; break;
	case N_FOR:
		slots[0] = &n->for_loop.var;
		slots[1] = &n->for_loop.start;
		slots[2] = &n->for_loop.end;
		slots[3] = &n->for_loop.map;
		slots[4] = &n->for_loop.body;
		break;
	case N_UNROLL: slots[0] = &n->unroll.count; slots[1] = &n->unroll.body; break;
	case N_BLOCK_EXPR: slots[0] = &n->block_expr.body; slots[1] = &n->block_expr.value; break;
	case N_PROBE:
		visit_list(&n->probe.attach, visit, ctx);
		slots[0] = &n->probe.pred;
		slots[1] = &n->probe.body;
		break;
	case N_MACRO:
		visit_list(&n->macro.params, visit, ctx);
		slots[0] = &n->macro.body;
		break;
	case N_MAP_DECL: slots[0] = &n->map_decl.map; slots[1] = &n->map_decl.kind; break;
	case N_PROGRAM:
		visit_list(&n->program.cdefs, visit, ctx);
		if (n->program.config)
			visit(&n->program.config, ctx);
		visit_list(&n->program.decls, visit, ctx);
		visit_list(&n->program.macros, visit, ctx);
		visit_list(&n->program.probes, visit, ctx);
		return;
	default: {
		struct node_list *lists[3];
		int nlists = lists_of(n, lists);
		for (int i = 0; i < nlists; i++)
			visit_list(lists[i], visit, ctx);
		return;
	}
	}
	for (int i = 0; i < 5 && slots[i]; i++)
		if (*slots[i])
			visit(slots[i], ctx);
}

static void clone_child(struct node **child, void *ctx)
{
	(void)ctx;
	*child = node_clone(*child);
}

struct node *node_clone(const struct node *n)
{
	if (!n)
		return NULL;
	struct node *c = arena_alloc(sizeof(*c));
	*c = *n;
	struct node_list *lists[3];
	int nlists = lists_of(c, lists);
	for (int i = 0; i < nlists; i++) {
		struct node_list *l = lists[i];
		if (!l->n)
			continue;
		/* the copy gets its own array */
		struct node **items = arena_alloc(sizeof(*items) * (size_t)l->n);
		memcpy(items, l->items, sizeof(*items) * (size_t)l->n);
		l->items = items;
		l->cap = l->n;
	}
	node_for_each_child(c, clone_child, NULL);
	return c;
}

struct depth_walk {
	struct node **stack;
	int *depths;
	int n, cap, dcap;
	int depth; /* of the node whose children are being pushed */
};

static void push_child(struct node **child, void *ctx)
{
	struct depth_walk *w = ctx;
	w->stack = arena_grow(w->stack, w->n, &w->cap, sizeof(*w->stack));
	w->depths = arena_grow(w->depths, w->n, &w->dcap, sizeof(*w->depths));
	w->stack[w->n] = *child;
	w->depths[w->n++] = w->depth + 1;
}

const struct node *ast_deeper_than(struct node *root, int limit)
{
	struct depth_walk w = { 0 };
	w.depth = 0;
	push_child(&root, &w);
	w.depths[0] = 1;
	while (w.n) {
		struct node *n = w.stack[--w.n];
		w.depth = w.depths[w.n];
		if (w.depth > limit)
			return n;
		node_for_each_child(n, push_child, &w);
	}
	return NULL;
}

int ast_count_nodes(struct node *root, int limit)
{
	struct depth_walk w = { 0 };
	int count = 0;
	push_child(&root, &w);
	while (w.n && count < limit) {
		struct node *n = w.stack[--w.n];
		count++;
		node_for_each_child(n, push_child, &w);
	}
	return count;
}

const char *node_name(const struct node *n)
{
	switch (n->kind) {
	case N_IDENT: return n->ident.name;
	case N_VAR: return n->var.name;
	case N_MAP: return n->map.name;
	case N_CALL: return n->call.name;
	case N_MACRO: return n->macro.name;
	/* what it gives is its value's: "printf() returns no value" */
	case N_BLOCK_EXPR: return n->block_expr.value ? node_name(n->block_expr.value) : NULL;
	default: return NULL;
	}
}

const char *op_spelling(enum op op)
{
	static const char *s[] = {
		[OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
		[OP_DIV] = "/", [OP_MOD] = "%", [OP_BAND] = "&", [OP_BOR] = "|",
		[OP_BXOR] = "^", [OP_SHL] = "<<", [OP_SHR] = ">>", [OP_LAND] = "&&",
		[OP_LOR] = "||", [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<",
		[OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_NEG] = "-",
		[OP_LNOT] = "!", [OP_BNOT] = "~", [OP_DEREF] = "*", [OP_ADDR] = "&",
		[OP_INC] = "++", [OP_DEC] = "--",
	};
	return s[op];
}

const char *node_kind_name(enum node_kind kind)
{
	static const char *s[N_KIND_COUNT] = {
		[N_INT] = "int", [N_STR] = "string", [N_IDENT] = "builtin",
		[N_POSITIONAL] = "positional", [N_POSCOUNT] = "$#", [N_VAR] = "variable",
		[N_MAP] = "map", [N_CALL] = "call", [N_BINARY] = "binop",
		[N_UNARY] = "unop", [N_TERNARY] = "ternary", [N_FIELD] = "field",
		[N_INDEX] = "index", [N_CAST] = "cast", [N_TUPLE] = "tuple",
		[N_INCDEC] = "incdec", [N_CONTEXT] = "context", [N_BLOCK_EXPR] = "block_expr", [N_LET] = "let",
		[N_EXPR_STMT] = "expr", [N_ASSIGN] = "assign",
		[N_IF] = "if", [N_WHILE] = "while", [N_FOR] = "for", [N_UNROLL] = "unroll",
		[N_BREAK] = "break", [N_CONTINUE] = "continue", [N_RETURN] = "return",
		[N_BLOCK] = "block", [N_ATTACH] = "attach", [N_PROBE] = "probe",
		[N_MACRO] = "macro", [N_CONFIG] = "config", [N_MAP_DECL] = "map_decl", [N_IMPORT] = "import", [N_PROGRAM] = "program",
		[N_TYPE_NAME] = "type", [N_CDEFS] = "cdefs",
	};
	return s[kind];
}

/* What a node shows of itself on its dump line, after its kind. */
static void dump_details(FILE *out, const struct node *n)
{
	enum op op = n->kind == N_BINARY ? n->binary.op
		     : n->kind == N_UNARY ? n->unary.op
		     : n->kind == N_INCDEC ? n->incdec.op
		     : n->kind == N_ASSIGN ? n->assign.op
					   : OP_NONE;
	if (op)
		fprintf(out, " %s", op_spelling(op));
	switch (n->kind) {
	case N_INT: fprintf(out, " %lld", n->integer.value); break;
	case N_POSITIONAL: fprintf(out, " %d", n->positional.index); break;
	case N_STR: fprintf(out, " \"%s\"", n->string.bytes); break;
	case N_FIELD: fprintf(out, " %s", n->field.name); break;
	case N_CAST: fprintf(out, " %s%.*s", n->cast.type_name ? n->cast.type_name : "(typeof)", n->cast.ptr_depth, "********"); break;
	case N_ATTACH: fprintf(out, " %s", n->attach.text); break;
	case N_CONTEXT:
		if (n->context.access == CTX_CONST)
			fprintf(out, " %s =%lld", n->context.name, n->context.value);
		else
			fprintf(out, " %s @%d:%d", n->context.name, n->context.offset, n->context.size);
		break;
	case N_BLOCK_EXPR: break; /* its value shows its name */
	case N_TYPE_NAME: fprintf(out, " %s%.*s", n->typeref.name ? n->typeref.name : "typeof", n->typeref.ptr_depth, "********"); break;
	case N_CDEFS: fprintf(out, " %.*s", (int)strcspn(n->cdefs.text, "\n"), n->cdefs.text); break;
	default:
		if (node_name(n))
			fprintf(out, " %s", node_name(n));
	}
}

struct dump_ctx {
	FILE *out;
	int indent;
};

static void dump_child(struct node **child, void *ctx)
{
	struct dump_ctx *d = ctx;
	ast_dump(d->out, *child, d->indent);
}

void ast_dump(FILE *out, const struct node *n, int indent)
{
	if (!n)
		return;
	fprintf(out, "%*s%s", indent * 2, "", node_kind_name(n->kind));
	dump_details(out, n);
	if (n->type->kind != TY_NONE)
		fprintf(out, " :: %s", type_name(n->type));
	fputc('\n', out);
	struct dump_ctx d = { out, indent + 1 };
	node_for_each_child((struct node *)n, dump_child, &d);
}

struct widest {
	struct loc at, found;
};

/* the outermost node that starts at w->at */
static void find_start(struct node **slot, void *ctx)
{
	struct widest *w = ctx;
	const struct loc *l = &(*slot)->loc;
	if (!w->found.line && l->source == w->at.source && l->line == w->at.line && l->col == w->at.col) {
		w->found = *l;
		return;
	}
	node_for_each_child(*slot, find_start, ctx);
}

bool ast_widen_place(struct node *root, struct loc *at)
{
	struct widest w = { .at = *at };
	node_for_each_child(root, find_start, &w);
	if (w.found.line)
		*at = w.found;
	return w.found.line != 0;
}
