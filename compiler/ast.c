#include "ast.h"

#include <string.h>

#include "arena.h"

struct node *node_new(enum node_kind kind, struct loc loc)
{
	struct node *n = arena_alloc(sizeof(*n));
	n->kind = kind;
	n->loc = loc;
	n->async_id = -1;
	return n;
}

void node_list_push(struct node_list *list, struct node *n)
{
	list->items = arena_grow(list->items, list->n, &list->cap, sizeof(*list->items));
	list->items[list->n++] = n;
}

struct node *node_clone(const struct node *n)
{
	if (!n)
		return NULL;
	struct node *c = node_new(n->kind, n->loc);
	c->op = n->op;
	c->ival = n->ival;
	c->name = n->name;
	c->a = node_clone(n->a);
	c->b = node_clone(n->b);
	c->c = node_clone(n->c);
	for (int i = 0; i < n->args.n; i++)
		node_list_push(&c->args, node_clone(n->args.items[i]));
	return c;
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
	static const char *s[] = {
		[N_INT] = "int", [N_STR] = "string", [N_IDENT] = "builtin",
		[N_POSITIONAL] = "positional", [N_POSCOUNT] = "$#", [N_VAR] = "variable",
		[N_MAP] = "map", [N_CALL] = "call", [N_BINARY] = "binop",
		[N_UNARY] = "unop", [N_TERNARY] = "ternary", [N_FIELD] = "field",
		[N_INDEX] = "index", [N_CAST] = "cast", [N_TUPLE] = "tuple",
		[N_INCDEC] = "incdec", [N_EXPR_STMT] = "expr", [N_ASSIGN] = "assign",
		[N_IF] = "if", [N_WHILE] = "while", [N_FOR] = "for", [N_UNROLL] = "unroll",
		[N_BREAK] = "break", [N_CONTINUE] = "continue", [N_RETURN] = "return",
		[N_BLOCK] = "block", [N_ATTACH] = "attach", [N_PROBE] = "probe",
		[N_PROGRAM] = "program",
	};
	return s[kind];
}

void ast_dump(FILE *out, const struct node *n, int indent)
{
	if (!n)
		return;
	fprintf(out, "%*s%s", indent * 2, "", node_kind_name(n->kind));
	if (n->op)
		fprintf(out, " %s", op_spelling(n->op));
	switch (n->kind) {
	case N_INT:
	case N_POSITIONAL:
		fprintf(out, " %lld", n->ival);
		break;
	case N_STR:
		fprintf(out, " \"%s\"", n->name);
		break;
	default:
		if (n->name)
			fprintf(out, " %s", n->name);
	}
	if (n->type.kind != TY_NONE)
		fprintf(out, " :: %s", type_name(&n->type));
	fputc('\n', out);
	for (int i = 0; i < n->args.n; i++)
		ast_dump(out, n->args.items[i], indent + 1);
	ast_dump(out, n->a, indent + 1);
	ast_dump(out, n->b, indent + 1);
	ast_dump(out, n->c, indent + 1);
}
