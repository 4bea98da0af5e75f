/* The abstract syntax tree. One node struct for every construct keeps the
 * passes short; which fields a kind uses is listed beside the kind. */
#ifndef LANTERN_AST_H
#define LANTERN_AST_H
#include "diag.h"
#include "types.h"

struct node;

struct node_list {
	struct node **items;
	int n, cap;
};

enum node_kind {
	/* expressions */
	N_INT,        /* ival */
	N_STR,        /* name = bytes, ival = length without the NUL */
	N_IDENT,      /* name: a builtin variable such as pid or comm */
	N_POSITIONAL, /* ival: $1 is 1 */
	N_POSCOUNT,   /* $# */
	N_VAR,        /* name: "$x" */
	N_MAP,        /* name: "@x"; args: keys (none for a scalar map) */
	N_CALL,       /* name; args */
	N_BINARY,     /* op; a, b */
	N_UNARY,      /* op; a */
	N_TERNARY,    /* a ? b : c */
	N_FIELD,      /* a.name or a->name (ival = 1 for ->) */
	N_INDEX,      /* a[b] on a non-map value */
	N_CAST,       /* (name [*...]) a; ival = pointer depth */
	N_TUPLE,      /* args */
	N_INCDEC,     /* op = OP_INC / OP_DEC; a = the variable; ival = 1 if prefix */
	/* statements */
	N_EXPR_STMT,  /* a */
	N_ASSIGN,     /* a = lvalue, b = value; op = OP_NONE or the compound operator */
	N_IF,         /* a = cond, b = then block, c = else block or N_IF */
	N_WHILE,      /* a = cond, b = body */
	N_FOR,        /* a = variable, b = range start or map, c = range end, args[0] = body */
	N_UNROLL,     /* a = count, b = body */
	N_BREAK,
	N_CONTINUE,
	N_RETURN,
	N_BLOCK,      /* args: statements */
	/* top level */
	N_ATTACH,     /* name: the attach point as written */
	N_PROBE,      /* args: attach points; a = predicate or NULL; b = block */
	N_PROGRAM,    /* args: probes */
};

enum op {
	OP_NONE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_BAND, OP_BOR, OP_BXOR, OP_SHL, OP_SHR,
	OP_LAND, OP_LOR,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_NEG, OP_LNOT, OP_BNOT, OP_DEREF, OP_ADDR,
	OP_INC, OP_DEC,
};

struct map_info;
struct var_info;
struct builtin;

struct node {
	enum node_kind kind;
	struct loc loc;
	enum op op;
	long long ival;
	const char *name;
	struct node *a, *b, *c;
	struct node_list args;

	/* filled in by the semantic passes */
	struct type type;
	struct map_info *map;          /* N_MAP */
	struct var_info *var;          /* N_VAR */
	const struct builtin *builtin; /* N_IDENT, N_CALL */
	int async_id;                  /* N_CALL that sends an event to userspace */
};

struct node *node_new(enum node_kind kind, struct loc loc);
void node_list_push(struct node_list *list, struct node *n);
struct node *node_clone(const struct node *n); /* deep copy, annotations cleared */

const char *op_spelling(enum op op);
const char *node_kind_name(enum node_kind kind);
void ast_dump(FILE *out, const struct node *n, int indent);

#endif
