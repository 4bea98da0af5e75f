/* The abstract syntax tree. Every node has a kind, a location and (once
 * checked) a type; the rest is one named struct per kind, in a union, so
 * a pass reads `n->binary.left`, never a field whose meaning depends on
 * the kind. node_for_each_child is the one place that knows where each
 * kind keeps its children: walkers (clone, dump, passes that rewrite)
 * go through it. */
#ifndef LANTERN_AST_H
#define LANTERN_AST_H
#include <stdbool.h>

#include "diag.h"
#include "types.h"

struct node;

struct node_list {
	struct node **items;
	int n, cap;
};

enum node_kind {
	/* expressions */
	N_INT,
	N_STR,
	N_IDENT,      /* a builtin variable such as pid or comm */
	N_POSITIONAL, /* $1 */
	N_POSCOUNT,   /* $# */
	N_VAR,        /* $x */
	N_MAP,        /* @x, @x[k1, k2] */
	N_CALL,
	N_BINARY,
	N_UNARY,
	N_TERNARY,
	N_FIELD,      /* base.name, base->name */
	N_INDEX,      /* base[index] on a non-map value */
	N_CAST,
	N_TUPLE,
	N_INCDEC,     /* ++x, x-- */
	N_CONTEXT,    /* a load from the probe's context: what a provider made of args.name */
	N_BLOCK_EXPR, /* { stmts; value }: the statements run, then the value is the block's */
	N_TYPE_NAME,  /* a type as written: sizeof's and offsetof's operand, typeof(...) */
	/* statements */
	N_EXPR_STMT,
	N_ASSIGN,
	N_LET,        /* let $x [: type] [= value] */
	N_IF,
	N_WHILE,
	N_FOR,
	N_UNROLL,
	N_BREAK,
	N_CONTINUE,
	N_RETURN,
	N_BLOCK,
	/* top level */
	N_ATTACH,     /* one attach point as written */
	N_PROBE,
	N_MACRO,      /* macro name(params) { ... }: gone after the macro pass */
	N_CONFIG,     /* config = { name = value; ... } */
	N_MAP_DECL,   /* let @m = hash(100); */
	N_IMPORT,     /* import "lib.bt"; gone once imports are resolved (imports.c) */
	N_CDEFS,      /* C definitions (struct, enum, typedef, #define...), as text: read by the cdefs pass */
	N_PROGRAM,
	N_KIND_COUNT
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

/* How an N_CONTEXT value is read from the probe's context. */
enum context_access {
	CTX_INT,          /* an integer of `size` bytes, signed as its type says */
	CTX_CHAR_ARRAY,   /* char[size] in place */
	CTX_DATA_LOC_STR, /* __data_loc: a u32 (length << 16 | offset) to a string in the record */
	CTX_CONST,        /* `value` itself, known when compiling (a USDT argument that is a constant) */
	CTX_USER_MEMORY,  /* `size` bytes of user memory at the register at `offset` + `value` (+ the
			   * register at `index` * `scale`): a USDT argument in memory, a uprobe's
			   * argument on the stack (an integer, or a struct's bytes) */
	CTX_IN_PLACE,     /* a struct of `size` bytes, copied from the context as it is */
	CTX_ARG_REGISTERS, /* a struct of `size` bytes whose 8-byte slot i is integer argument `value` + i
			    * at a function's entry: its register, then the stack (arch.h): a uprobe's
			    * args whole, a small struct passed in registers */
};

struct map_info;
struct var_info;
struct builtin;
struct printf_format;

/* A macro call a node was copied in from: where the call is, and the
 * call that one was in (errorf's "expanded from" lines). */
struct macro_expansion {
	struct loc call;
	const struct macro_expansion *outer;
};

struct node {
	enum node_kind kind;
	struct loc loc;
	const struct macro_expansion *expanded_from; /* NULL: written where it is */
	const struct type *type; /* set by the passes; TYPE_NONE until then */
	union {
		struct {                                                /* N_INT: true is 1 */
			long long value;
			bool is_bool;
			const struct type *enum_type;                     /* an enum constant's enum */
		} integer;
		struct {                                                /* N_STR */
			const char *bytes;
			int len;      /* without the NUL */
			bool of_probe; /* `probe` or `func` made text (string functions): per attach point */
		} string;
		struct {                                                /* N_IDENT */
			const char *name;
			const struct builtin *builtin; /* resolved */
			bool parenthesized; /* (name): a cast, if name is a type and a - * & follows */
		} ident;
		struct { int index; } positional;                       /* N_POSITIONAL: $1 is 1 */
		struct {                                                /* N_VAR */
			const char *name;                                 /* "$x" */
			struct var_info *var;                             /* resolved */
		} var;
		struct {                                                /* N_MAP */
			const char *name;                                 /* "@x", "@" */
			struct node_list keys;                            /* none for a scalar map */
			struct map_info *map;                             /* resolved */
			bool key_is_tuple;                                /* @m[$t]: one tuple gives every part of the key */
		} map;
		struct {                                                /* N_CALL */
			const char *name;
			struct node_list args;
			const struct builtin *builtin;                    /* resolved */
			const struct printf_format *format;               /* printf's, parsed */
			int event_id;                                     /* the event it sends, or -1 */
		} call;
		struct { enum op op; struct node *left, *right; } binary;  /* N_BINARY */
		struct { enum op op; struct node *operand; } unary;        /* N_UNARY */
		struct { struct node *cond, *then, *other; bool is_if; } ternary; /* N_TERNARY: if c { a } else { b } too */
		struct {                                                /* N_FIELD */
			struct node *base;
			const char *name;
			bool arrow;                                       /* -> rather than . */
		} field;
		struct { struct node *base, *index; } index;            /* N_INDEX */
		struct {                                                /* N_CAST */
			const char *type_name;                            /* "uint32", "struct task_struct" */
			int ptr_depth;                                    /* stars after it */
			int array_count;                                  /* (uint8[4]): 4; (uint8[]): -1; 0: no array */
			struct node *operand;
			struct node *type_of;                             /* (typeof(x))v: an N_TYPE_NAME; type_name NULL */
		} cast;
		struct {                                                /* N_TUPLE */
			struct node_list elems;
			const char **names;                               /* a record's (a = 1, b = 2); NULL for a tuple */
		} tuple;
		struct {                                                /* N_INCDEC */
			enum op op;                                       /* OP_INC or OP_DEC */
			struct node *target;                              /* N_VAR or N_MAP */
			bool prefix;
		} incdec;
		struct {                                                /* N_CONTEXT */
			const char *name;                                 /* "args.ret", for messages */
			int offset, size;                                 /* bytes into the context */
			enum context_access access;
			long long value;                                  /* CTX_CONST, CTX_USER_MEMORY */
			int index, scale;                                 /* CTX_USER_MEMORY: index < 0 for none */
		} context;
		struct {                                                /* N_BLOCK_EXPR */
			struct node *body;                                /* N_BLOCK */
			struct node *value;                               /* NULL: only statements (a macro's) */
		} block_expr;
		struct {                                                /* N_TYPE_NAME */
			const char *name;                                 /* "struct A", "uint32", "int32_t" */
			int ptr_depth;
			struct node *of;                                  /* typeof(expr): expr's type (not evaluated); name NULL */
		} typeref;
		struct { struct node *expr; } expr_stmt;                /* N_EXPR_STMT */
		struct { struct node *value; } ret;                     /* N_RETURN: return [value] */
		struct {                                                /* N_ASSIGN */
			enum op op;                                       /* OP_NONE, or x op= y */
			struct node *target, *value;
		} assign;
		struct {                                                /* N_LET */
			struct node *var;                                 /* N_VAR */
			const char *type_name;                            /* "uint16", or NULL: the value's */
			int ptr_depth;
			struct node *type_of;                             /* let $x: typeof(expr): expr, not evaluated */
			struct node *value;                               /* or NULL: zero */
		} let;
		struct {                                                /* N_IF: other is a block, an N_IF or NULL */
			struct node *cond, *then, *other;
			bool comptime; /* `if comptime`: decided when compiling, one branch kept */
		} if_stmt;
		struct { struct node *cond, *body; } while_loop;        /* N_WHILE */
		struct {                                                /* N_FOR */
			struct node *var;                                 /* N_VAR */
			struct node *start, *end;                         /* for ($i : start..end) */
			struct node *map;                                 /* for ($kv : @map) */
			struct node *body;
		} for_loop;
		struct { struct node *count, *body; } unroll;           /* N_UNROLL */
		struct { struct node_list stmts; } block;               /* N_BLOCK */
		struct { const char *text; } attach;                    /* N_ATTACH */
		struct {                                                /* N_PROBE */
			struct node_list attach;                          /* N_ATTACH nodes */
			struct node *pred;                                /* or NULL */
			struct node *body;                                /* N_BLOCK */
		} probe;
		struct {                                                /* N_MACRO */
			const char *name;
			struct node_list params;                          /* N_VAR, N_MAP or N_IDENT each */
			struct node *body;                                /* N_BLOCK_EXPR */
		} macro;
		struct { const char *path; } import;                    /* N_IMPORT */
		struct { struct node_list settings; } config;           /* N_CONFIG: N_ASSIGNs of an N_IDENT to a literal */
		struct {                                                /* N_MAP_DECL */
			struct node *map;                                 /* N_MAP, no keys */
			struct node *kind;                                /* N_CALL: hash(100) */
		} map_decl;
		struct { const char *text; } cdefs;                    /* N_CDEFS: its place is the node's */
		struct {                                                /* N_PROGRAM */
			struct node *config;                              /* N_CONFIG or NULL */
			struct node_list imports;                         /* N_IMPORTs */
			struct node_list decls;                           /* N_MAP_DECLs */
			struct node_list probes;
			struct node_list macros;                          /* N_MACRO, until the macro pass */
			struct node_list cdefs;                           /* N_CDEFS, in the script's order */
		} program;
	};
};

struct node *node_new(enum node_kind kind, struct loc loc);
/* n made a fresh node of kind, in its place and at its location (a
 * pass's literal where a call or a name was) */
void node_become(struct node *n, enum node_kind kind);
void node_list_push(struct node_list *list, struct node *n);
/* Deep copy of a tree: its own nodes and lists. Made of trees the passes
 * have not resolved yet (what they resolved would be shared, not copied). */
struct node *node_clone(const struct node *n);

/* Calls visit on the place of every child of n, in source order (lists
 * item by item); visit may replace *child. NULL children are skipped. */
void node_for_each_child(struct node *n, void (*visit)(struct node **child, void *ctx), void *ctx);
/* at, a place of which only the start is known (from line info), made
 * the whole span of the outermost node under root that starts there */
bool ast_widen_place(struct node *root, struct loc *at); /* false: no node there */

/* The name a node gives in messages: a call's, a builtin's, a variable's,
 * a map's; NULL for the rest. */
const char *node_name(const struct node *n);

/* How deep a script's tree may be (1+1+...+1 is as deep as it is long):
 * the passes walk it recursively. The first node found deeper than limit,
 * or NULL; found without recursion. */
#define MAX_AST_DEPTH 100000
const struct node *ast_deeper_than(struct node *root, int limit);
/* How many nodes a tree has, counting no further than limit; without
 * recursion. */
int ast_count_nodes(struct node *root, int limit);

const char *op_spelling(enum op op);
const char *node_kind_name(enum node_kind kind);
void ast_dump(FILE *out, const struct node *n, int indent);

#endif
