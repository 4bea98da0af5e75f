/* bpftrace's grammar. Syntax only: what the constructs mean, and whether
 * they are supported yet, is decided by the semantic passes. */
%code requires {
#include "compiler/ast.h"
}

%code {
#include <string.h>
#include "compiler/arena.h"
#include "grammar/lexer_api.h"

static struct node *parsed_program;
static struct node_list parsed_imports;
static struct node_list parsed_cdefs; /* N_CDEFS, wherever they were, in order */

static struct loc L(YYLTYPE l)
{
	return lexer_loc(&l);
}

static struct node *mk(enum node_kind kind, YYLTYPE l)
{
	return node_new(kind, L(l));
}

/* The place from the start of a to the end of b. */
static YYLTYPE loc_span_of(YYLTYPE a, YYLTYPE b)
{
	a.last_line = b.last_line;
	a.last_column = b.last_column;
	return a;
}

static struct node *binary(enum op op, struct node *left, struct node *right, YYLTYPE l)
{
	struct node *n = mk(N_BINARY, l);
	n->binary.op = op;
	n->binary.left = left;
	n->binary.right = right;
	return n;
}

static struct node *unary(enum op op, struct node *operand, YYLTYPE l)
{
	struct node *n = mk(N_UNARY, l);
	n->unary.op = op;
	n->unary.operand = operand;
	return n;
}

static struct node *incdec(enum op op, struct node *target, bool prefix, YYLTYPE l)
{
	struct node *n = mk(N_INCDEC, l);
	n->incdec.op = op;
	n->incdec.target = target;
	n->incdec.prefix = prefix;
	return n;
}

static struct node *assign(enum op op, struct node *target, struct node *value, YYLTYPE l)
{
	struct node *n = mk(N_ASSIGN, l);
	n->assign.op = op;
	n->assign.target = target;
	n->assign.value = value;
	return n;
}

static struct node *block_of(struct node_list stmts, YYLTYPE l)
{
	struct node *n = mk(N_BLOCK, l);
	n->block.stmts = stmts;
	return n;
}

static struct node *if_of(struct node *cond, struct node *then, struct node *other, YYLTYPE l)
{
	struct node *n = mk(N_IF, l);
	n->if_stmt.cond = cond;
	n->if_stmt.then = then;
	n->if_stmt.other = other;
	return n;
}

static struct node *var_of(const char *name, YYLTYPE l)
{
	struct node *n = mk(N_VAR, l);
	n->var.name = name;
	return n;
}

static struct node *field_of(struct node *base, const char *name, bool arrow, YYLTYPE l)
{
	struct node *n = mk(N_FIELD, l);
	n->field.base = base;
	n->field.name = name;
	n->field.arrow = arrow;
	return n;
}

static struct node *cast_of(const char *type_name, int ptr_depth, struct node *operand, YYLTYPE l)
{
	struct node *n = mk(N_CAST, l);
	n->cast.type_name = type_name;
	n->cast.ptr_depth = ptr_depth;
	n->cast.operand = operand;
	return n;
}

/* (a = 1, b = 2): the fields come as field nodes naming their values */
static struct node *record_of(struct node_list fields, YYLTYPE l)
{
	struct node *n = mk(N_TUPLE, l);
	n->tuple.names = arena_alloc(sizeof(*n->tuple.names) * (size_t)fields.n);
	for (int i = 0; i < fields.n; i++) {
		n->tuple.names[i] = fields.items[i]->field.name;
		node_list_push(&n->tuple.elems, fields.items[i]->field.base);
	}
	return n;
}

static struct node *block_expr_of(struct node *body, struct node *value, YYLTYPE l)
{
	struct node *n = mk(N_BLOCK_EXPR, l);
	n->block_expr.body = body;
	n->block_expr.value = value;
	return n;
}

/* The value of an if expression's arm that ends with an if statement
 * (if $a { if $b { 1 } else { 2 } } else { 3 }): that if, read as an if
 * expression when each of its arms ends with a value; NULL if not. */
static struct node *if_as_value(struct node *n);

static struct node *block_as_value(struct node *block)
{
	struct node_list *stmts = &block->block.stmts;
	if (stmts->n == 0)
		return NULL;
	struct node *last = stmts->items[stmts->n - 1];
	struct node *value = last->kind == N_EXPR_STMT ? last->expr_stmt.expr : if_as_value(last);
	if (!value)
		return NULL;
	struct node_list rest = *stmts;
	rest.n--;
	struct node *body = node_new(N_BLOCK, block->loc);
	body->block.stmts = rest;
	struct node *x = node_new(N_BLOCK_EXPR, block->loc);
	x->block_expr.body = body;
	x->block_expr.value = value;
	return x;
}

static struct node *if_as_value(struct node *n)
{
	if (n->kind != N_IF || !n->if_stmt.other || n->if_stmt.comptime)
		return NULL;
	struct node *then = block_as_value(n->if_stmt.then);
	struct node *other = n->if_stmt.other->kind == N_IF ? if_as_value(n->if_stmt.other)
							     : block_as_value(n->if_stmt.other);
	if (!then || !other)
		return NULL;
	struct node *t = node_new(N_TERNARY, n->loc);
	t->ternary.cond = n->if_stmt.cond;
	t->ternary.then = then;
	t->ternary.other = other;
	t->ternary.is_if = true;
	return t;
}

/* A macro's body `{ stmts; last }`: an expression last, unterminated, is
 * its value; a statement (or nothing) there leaves it without one. */
static struct node *macro_body_of(struct node_list stmts, struct node *last, YYLTYPE l)
{
	struct node *value = NULL;
	if (last && last->kind == N_EXPR_STMT)
		value = last->expr_stmt.expr;
	else if (last)
		node_list_push(&stmts, last);
	return block_expr_of(block_of(stmts, l), value, l);
}

static struct node *let_of(struct node *var, const char *type_name, int ptr_depth, struct node *value, YYLTYPE l)
{
	struct node *n = mk(N_LET, l);
	n->let.var = var;
	n->let.type_name = type_name;
	n->let.ptr_depth = ptr_depth;
	n->let.value = value;
	return n;
}

static struct node *ident_of(const char *name, YYLTYPE l)
{
	struct node *n = mk(N_IDENT, l);
	n->ident.name = name;
	return n;
}

static struct node *config_of(struct node_list settings, YYLTYPE l)
{
	struct node *n = mk(N_CONFIG, l);
	n->config.settings = settings;
	return n;
}

static struct node *type_name_of(const char *name, int ptr_depth, YYLTYPE l)
{
	struct node *n = mk(N_TYPE_NAME, l);
	n->typeref.name = name;
	n->typeref.ptr_depth = ptr_depth;
	return n;
}

/* sizeof(x), offsetof(x, a.b): calls of their builtins (builtins/types.c) */
static struct node *call_of(const char *name, struct node *arg, struct node *member, YYLTYPE l)
{
	struct node *n = mk(N_CALL, l);
	n->call.name = name;
	node_list_push(&n->call.args, arg);
	if (member)
		node_list_push(&n->call.args, member);
	return n;
}

static struct node *attach_of(const char *text, YYLTYPE l)
{
	struct node *n = mk(N_ATTACH, l);
	n->attach.text = text;
	return n;
}

void yyerror(YYLTYPE *loc, const char *msg)
{
	if (!strcmp(msg, "memory exhausted")) /* bison's stack: YYMAXDEPTH */
		diag_error(L(*loc), "the script nests too deeply here");
	else
		diag_error(L(*loc), "%s", msg);
}
}

%code requires {
/* Nesting the parser allows; deeper scripts get a located error. The
 * passes walk trees recursively, on a stack big enough for this depth. */
#define YYMAXDEPTH 20000
}

/* Four shifts are meant: @m[k] is one map element, not @m indexed; C
 * definitions before a missing config block are the first ones, not the
 * declarations' (both keep them in order); (name) is read to its ')'
 * before it is known to be a value or a cast (paren_name); and
 * (typeof(x)) is a cast's type (a type in parentheses is no value). */
%expect 4
%locations
%define api.pure full
%define parse.error detailed

%union {
	long long ival;
	struct { char *s; int len; } str;
	char *name;
	struct node *node;
	struct node_list list;
	enum op op;
}

%token <name> ATTACH "attach point"
%token <ival> INT "integer"
%token <str> STRING "string"
%token <name> IDENT "identifier"
%token <name> VAR "variable"
%token <name> MAP "map"
%token <ival> POSITIONAL "positional parameter"
%token <ival> MEMBER_INDEX "tuple index"
%token <ival> BOOL "true or false"
%token POSCOUNT "$#"
%token <name> TYPE "type name"
%token <name> CDEFS "C definitions"
%token <str> PTR_CAST "pointer cast"
%token STRUCT "struct" UNION "union" ENUM "enum" SIZEOF "sizeof" OFFSETOF "offsetof"
%token LET "let"
%token TYPEOF "typeof"
%token MACRO "macro"
%token IF "if" ELSE "else" WHILE "while" FOR "for" UNROLL "unroll" COMPTIME "comptime"
%token BREAK "break" CONTINUE "continue" RETURN "return"
%token CONFIG_KW "config"
%token <name> IMPORT "import"
%token ENDPRED "end of predicate"
%token EQ "==" NE "!=" LE "<=" GE ">=" LAND "&&" LOR "||" SHL "<<" SHR ">>"
%token INC "++" DEC "--" ARROW "->" DOTDOT ".."
%token <op> COMPOUND_ASSIGN "compound assignment"

%type <node> probe pred block stmt_simple stmt_compound if_stmt expr primary value if_expr if_arm bare_block stmt_nonexpr
%type <node> lvalue map_ref cast typeof_ref paren_name cast_operand cast_atom top_level macro macro_param macro_body record_field
%type <node> config_opt setting config_value map_decl c_defs type_ref member_path top_level_opt
%type <list> attach_list stmts expr_list macro_params record_fields settings decls
%type <ival> stars
%type <name> name

%right '?' ':'
%left LOR
%left LAND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' '>' LE GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

%%

/* bpftrace's order: C definitions, the config block, map declarations,
 * then probes; C definitions may also come between the others */
program
	: c_defs_list config_opt decls top_level_opt {
		parsed_program = $4 ? $4 : mk(N_PROGRAM, @$);
		parsed_program->program.config = $2;
		parsed_program->program.decls = $3;
		parsed_program->program.imports = parsed_imports;
		parsed_program->program.cdefs = parsed_cdefs;
	}
	;

c_defs_list
	: %empty
	| c_defs_list c_defs
	;

top_level_opt
	: %empty { $$ = NULL; }
	| top_level
	;

/* after the config block, among the map declarations */
import
	: IMPORT { struct node *n = mk(N_IMPORT, @1); n->import.path = $1; node_list_push(&parsed_imports, n); }
	;

config_opt
	: %empty { $$ = NULL; }
	| CONFIG_KW '=' '{' settings '}' { $$ = config_of($4, @$); }
	| CONFIG_KW '=' '{' settings setting '}' { node_list_push(&$4, $5); $$ = config_of($4, @$); }
	;

settings
	: %empty { $$ = (struct node_list){0}; }
	| settings ';' { $$ = $1; }
	| settings setting ';' { $$ = $1; node_list_push(&$$, $2); }
	;

setting
	: IDENT '=' config_value { $$ = assign(OP_NONE, ident_of($1, @1), $3, @$); }
	;

/* a bare word (raw, warn) is a word, not a builtin */
config_value
	: INT { $$ = mk(N_INT, @1); $$->integer.value = $1; }
	| BOOL { $$ = mk(N_INT, @1); $$->integer.value = $1; $$->integer.is_bool = true; }
	| STRING { $$ = mk(N_STR, @1); $$->string.bytes = $1.s; $$->string.len = $1.len; }
	| IDENT { $$ = ident_of($1, @1); }
	;

decls
	: %empty { $$ = (struct node_list){0}; }
	| decls map_decl { $$ = $1; node_list_push(&$$, $2); }
	| decls import { $$ = $1; }
	| decls c_defs { $$ = $1; }
	;

map_decl
	: LET MAP '=' IDENT '(' ')' ';' {
		$$ = mk(N_MAP_DECL, loc_span_of(@1, @6));
		$$->map_decl.map = mk(N_MAP, @2);
		$$->map_decl.map->map.name = $2;
		$$->map_decl.kind = mk(N_CALL, loc_span_of(@4, @6));
		$$->map_decl.kind->call.name = $4;
	}
	| LET MAP '=' IDENT '(' expr_list ')' ';' {
		$$ = mk(N_MAP_DECL, loc_span_of(@1, @7));
		$$->map_decl.map = mk(N_MAP, @2);
		$$->map_decl.map->map.name = $2;
		$$->map_decl.kind = mk(N_CALL, loc_span_of(@4, @7));
		$$->map_decl.kind->call.name = $4;
		$$->map_decl.kind->call.args = $6;
	}
	;

/* probes, macros and C definitions, in any order */
top_level
	: probe { $$ = mk(N_PROGRAM, @1); node_list_push(&$$->program.probes, $1); }
	| macro { $$ = mk(N_PROGRAM, @1); node_list_push(&$$->program.macros, $1); }
	| top_level probe { $$ = $1; node_list_push(&$$->program.probes, $2); }
	| top_level macro { $$ = $1; node_list_push(&$$->program.macros, $2); }
	| top_level c_defs { $$ = $1; }
	;

/* struct, union, enum, typedef, a preprocessor line: C, read by the cdefs pass */
c_defs
	: CDEFS { $$ = mk(N_CDEFS, @1); $$->cdefs.text = $1; node_list_push(&parsed_cdefs, $$); }
	;

macro
	: MACRO IDENT '(' macro_params ')' macro_body {
		$$ = mk(N_MACRO, @2);
		$$->macro.name = $2;
		$$->macro.params = $4;
		$$->macro.body = $6;
	}
	;

macro_params
	: %empty { $$ = (struct node_list){0}; }
	| macro_param { $$ = (struct node_list){0}; node_list_push(&$$, $1); }
	| macro_params ',' macro_param { $$ = $1; node_list_push(&$$, $3); }
	;

macro_param
	: VAR { $$ = var_of($1, @1); }
	| MAP { $$ = mk(N_MAP, @1); $$->map.name = $1; }
	| IDENT { $$ = mk(N_IDENT, @1); $$->ident.name = $1; }
	;

macro_body
	: '{' stmts '}' { $$ = macro_body_of($2, NULL, @$); }
	| '{' stmts stmt_simple '}' { $$ = macro_body_of($2, $3, @$); }
	;

probe
	: attach_list pred block {
		$$ = mk(N_PROBE, @1);
		$$->probe.attach = $1;
		$$->probe.pred = $2;
		$$->probe.body = $3;
	}
	;

attach_list
	: ATTACH { $$ = (struct node_list){0}; node_list_push(&$$, attach_of($1, @1)); }
	| attach_list ',' ATTACH { $$ = $1; node_list_push(&$$, attach_of($3, @3)); }
	;

pred
	: %empty { $$ = NULL; }
	| '/' expr ENDPRED { $$ = $2; }
	;

block
	: '{' stmts '}' { $$ = block_of($2, @$); }
	| '{' stmts stmt_simple '}' { $$ = block_of($2, @$); node_list_push(&$$->block.stmts, $3); }
	;

stmts
	: %empty { $$ = (struct node_list){0}; }
	| stmts ';' { $$ = $1; }
	| stmts stmt_simple ';' { $$ = $1; node_list_push(&$$, $2); }
	| stmts stmt_compound { $$ = $1; node_list_push(&$$, $2); }
	;

stmt_simple
	: expr { $$ = mk(N_EXPR_STMT, @1); $$->expr_stmt.expr = $1; }
	| stmt_nonexpr
	;

/* a statement that is no expression: it may end a bare block { ... } */
stmt_nonexpr
	: lvalue '=' value { $$ = assign(OP_NONE, $1, $3, @$); }
	| lvalue COMPOUND_ASSIGN expr { $$ = assign($2, $1, $3, @$); }
	| IDENT '=' value { /* _ = f(): the value is dropped */
		if (strcmp($1, "_"))
			diag_error(L(@1), "'%s' cannot be assigned to: assign to a $variable, a @map, or _ to drop a value", $1);
		$$ = mk(N_EXPR_STMT, @$);
		$$->expr_stmt.expr = $3;
	}
	| LET VAR { $$ = let_of(var_of($2, @2), NULL, 0, NULL, @$); }
	| LET VAR '=' value { $$ = let_of(var_of($2, @2), NULL, 0, $4, @$); }
	| LET VAR ':' TYPE stars { $$ = let_of(var_of($2, @2), $4, (int)$5, NULL, @$); }
	| LET VAR ':' TYPE stars '=' value { $$ = let_of(var_of($2, @2), $4, (int)$5, $7, @$); }
	| LET VAR ':' TYPEOF '(' type_ref ')' { $$ = let_of(var_of($2, @2), NULL, 0, NULL, @$); $$->let.type_of = $6; }
	| LET VAR ':' TYPEOF '(' type_ref ')' '=' value { $$ = let_of(var_of($2, @2), NULL, 0, $9, @$); $$->let.type_of = $6; }
	| LET VAR ':' TYPEOF '(' expr ')' { $$ = let_of(var_of($2, @2), NULL, 0, NULL, @$); $$->let.type_of = $6; }
	| LET VAR ':' TYPEOF '(' expr ')' '=' value {
		$$ = let_of(var_of($2, @2), NULL, 0, $9, @$);
		$$->let.type_of = $6;
	}
	| BREAK { $$ = mk(N_BREAK, @1); }
	| CONTINUE { $$ = mk(N_CONTINUE, @1); }
	| RETURN { $$ = mk(N_RETURN, @1); }
	| RETURN expr { $$ = mk(N_RETURN, @$); $$->ret.value = $2; }
	;

stmt_compound
	: if_stmt
	| bare_block
	| WHILE '(' expr ')' block { $$ = mk(N_WHILE, @1); $$->while_loop.cond = $3; $$->while_loop.body = $5; }
	| UNROLL '(' expr ')' block { $$ = mk(N_UNROLL, @1); $$->unroll.count = $3; $$->unroll.body = $5; }
	| FOR '(' VAR ':' expr DOTDOT expr ')' block {
		$$ = mk(N_FOR, @1);
		$$->for_loop.var = var_of($3, @3);
		$$->for_loop.start = $5;
		$$->for_loop.end = $7;
		$$->for_loop.body = $9;
	}
	| FOR '(' VAR ':' map_ref ')' block {
		$$ = mk(N_FOR, @1);
		$$->for_loop.var = var_of($3, @3);
		$$->for_loop.map = $5;
		$$->for_loop.body = $7;
	}
	;

if_stmt
	: IF expr block { $$ = if_of($2, $3, NULL, @1); } /* (expr) is an expr: if $x { } too */
	| IF expr block ELSE block { $$ = if_of($2, $3, $5, @1); }
	| IF expr block ELSE if_stmt { $$ = if_of($2, $3, $5, @1); }
	| IF COMPTIME expr block { $$ = if_of($3, $4, NULL, @1); $$->if_stmt.comptime = true; }
	| IF COMPTIME expr block ELSE block { $$ = if_of($3, $4, $6, @1); $$->if_stmt.comptime = true; }
	| IF COMPTIME expr block ELSE if_stmt { $$ = if_of($3, $4, $6, @1); $$->if_stmt.comptime = true; }
	;

/* { statements }, a statement: its variables live in it. One that ends
 * with an expression is a block expression, an expression statement. */
bare_block
	: '{' stmts '}' { $$ = block_of($2, @$); }
	| '{' stmts stmt_nonexpr '}' { $$ = block_of($2, @$); node_list_push(&$$->block.stmts, $3); }
	;

/* An expression, or an if expression, where a value is taken (assigned,
 * passed, in parentheses): $x = if $c { 1 } else { 2 }; */
value
	: expr
	| if_expr
	;

/* the branches' values are theirs; a ?: whose branches are blocks */
if_expr
	: IF expr if_arm ELSE if_arm { $$ = mk(N_TERNARY, @$); $$->ternary.cond = $2; $$->ternary.then = $3; $$->ternary.other = $5; $$->ternary.is_if = true; }
	| IF expr if_arm ELSE if_expr { $$ = mk(N_TERNARY, @$); $$->ternary.cond = $2; $$->ternary.then = $3; $$->ternary.other = $5; $$->ternary.is_if = true; }
	;

if_arm
	: '{' stmts expr '}' { $$ = block_expr_of(block_of($2, @$), $3, @$); }
	| '{' stmts '}' {
		$$ = block_as_value(block_of($2, @$));
		if (!$$) {
			diag_error(L(@$), "this branch of an if expression has no value: it must end with one");
			$$ = block_expr_of(block_of($2, @$), mk(N_INT, @$), @$);
		}
	}
	;

lvalue
	: VAR { $$ = var_of($1, @1); }
	| map_ref
	;

map_ref
	: MAP { $$ = mk(N_MAP, @1); $$->map.name = $1; }
	| MAP '[' expr_list ']' { $$ = mk(N_MAP, @$); $$->map.name = $1; $$->map.keys = $3; }
	;

expr_list
	: value { $$ = (struct node_list){0}; node_list_push(&$$, $1); }
	| expr_list ',' value { $$ = $1; node_list_push(&$$, $3); }
	;

expr
	: primary
	| expr '?' expr ':' expr {
		$$ = mk(N_TERNARY, @$);
		$$->ternary.cond = $1;
		$$->ternary.then = $3;
		$$->ternary.other = $5;
	}
	| expr '?' ':' expr { /* a ?: b: a if it is true, else b */
		$$ = mk(N_TERNARY, @$);
		$$->ternary.cond = $1;
		$$->ternary.other = $4;
	}
	| expr LOR expr { $$ = binary(OP_LOR, $1, $3, @$); }
	| expr LAND expr { $$ = binary(OP_LAND, $1, $3, @$); }
	| expr '|' expr { $$ = binary(OP_BOR, $1, $3, @$); }
	| expr '^' expr { $$ = binary(OP_BXOR, $1, $3, @$); }
	| expr '&' expr { $$ = binary(OP_BAND, $1, $3, @$); }
	| expr EQ expr { $$ = binary(OP_EQ, $1, $3, @$); }
	| expr NE expr { $$ = binary(OP_NE, $1, $3, @$); }
	| expr '<' expr { $$ = binary(OP_LT, $1, $3, @$); }
	| expr '>' expr { $$ = binary(OP_GT, $1, $3, @$); }
	| expr LE expr { $$ = binary(OP_LE, $1, $3, @$); }
	| expr GE expr { $$ = binary(OP_GE, $1, $3, @$); }
	| expr SHL expr { $$ = binary(OP_SHL, $1, $3, @$); }
	| expr SHR expr { $$ = binary(OP_SHR, $1, $3, @$); }
	| expr '+' expr { $$ = binary(OP_ADD, $1, $3, @$); }
	| expr '-' expr { $$ = binary(OP_SUB, $1, $3, @$); }
	| expr '*' expr { $$ = binary(OP_MUL, $1, $3, @$); }
	| expr '/' expr { $$ = binary(OP_DIV, $1, $3, @$); }
	| expr '%' expr { $$ = binary(OP_MOD, $1, $3, @$); }
	| '-' expr %prec UNARY { $$ = unary(OP_NEG, $2, @$); }
	| '!' expr %prec UNARY { $$ = unary(OP_LNOT, $2, @$); }
	| '~' expr %prec UNARY { $$ = unary(OP_BNOT, $2, @$); }
	| '*' expr %prec UNARY { $$ = unary(OP_DEREF, $2, @$); }
	| '&' expr %prec UNARY { $$ = unary(OP_ADDR, $2, @$); }
	| INC lvalue { $$ = incdec(OP_INC, $2, true, @$); }
	| DEC lvalue { $$ = incdec(OP_DEC, $2, true, @$); }
	| cast
	;

cast
	: '(' TYPE stars ')' expr %prec UNARY { $$ = cast_of($2, (int)$3, $5, @$); }
	| '(' TYPE '[' INT ']' ')' expr %prec UNARY { $$ = cast_of($2, 0, $7, @$); $$->cast.array_count = (int)$4; }
	| '(' TYPE '[' ']' ')' expr %prec UNARY { $$ = cast_of($2, 0, $6, @$); $$->cast.array_count = -1; }
	| '(' STRUCT name stars ')' expr %prec UNARY { $$ = cast_of(arena_printf("struct %s", $3), (int)$4, $6, @$); }
	| '(' UNION name stars ')' expr %prec UNARY { $$ = cast_of(arena_printf("union %s", $3), (int)$4, $6, @$); }
	| '(' ENUM name stars ')' expr %prec UNARY { $$ = cast_of(arena_printf("enum %s", $3), (int)$4, $6, @$); }
	| PTR_CAST expr %prec UNARY { $$ = cast_of($1.s, $1.len, $2, @$); }
	| '(' typeof_ref ')' expr %prec UNARY { $$ = cast_of(NULL, 0, $4, @$); $$->cast.type_of = $2; }
	/* (name)x: a typedef's name is an identifier; one followed by what can
	 * only start an operand is a cast. (name)-x, (name)*p, (name)&x read
	 * as binary operators, and the cdefs pass makes casts of those whose
	 * name is a type. */
	| paren_name cast_operand %prec UNARY { $$ = cast_of($1->ident.name, 0, $2, @$); }
	;

paren_name
	: '(' IDENT ')' { $$ = mk(N_IDENT, @$); $$->ident.name = $2; $$->ident.parenthesized = true; }
	;

/* what a cast of a bare name applies to: an operand no binary operator
 * could be read before (not '-', '*', '&'; nor '{', which follows an
 * if's condition), with its member accesses and indexes; (name)!x and
 * (name)~x take parentheses: (name)(!x) */
cast_operand
	: cast_atom
	| cast_operand '.' name { $$ = field_of($1, $3, false, @$); }
	| cast_operand MEMBER_INDEX { $$ = field_of($1, arena_printf("%lld", $2), false, @$); }
	| cast_operand ARROW name { $$ = field_of($1, $3, true, @$); }
	| cast_operand '[' expr ']' { $$ = mk(N_INDEX, @$); $$->index.base = $1; $$->index.index = $3; }
	;

cast_atom
	: INT { $$ = mk(N_INT, @1); $$->integer.value = $1; }
	| BOOL { $$ = mk(N_INT, @1); $$->integer.value = $1; $$->integer.is_bool = true; }
	| STRING { $$ = mk(N_STR, @1); $$->string.bytes = $1.s; $$->string.len = $1.len; }
	| IDENT { $$ = ident_of($1, @1); }
	| IDENT '(' ')' { $$ = mk(N_CALL, @$); $$->call.name = $1; }
	| IDENT '(' expr_list ')' { $$ = mk(N_CALL, @$); $$->call.name = $1; $$->call.args = $3; }
	| POSITIONAL { $$ = mk(N_POSITIONAL, @1); $$->positional.index = (int)$1; }
	| lvalue
	| '(' value ')' { $$ = $2; }
	;


/* typeof(type), typeof(expr) */
typeof_ref
	: TYPEOF '(' type_ref ')' { $$ = $3; $$->loc = L(@$); }
	| TYPEOF PTR_CAST { $$ = type_name_of($2.s, $2.len, @$); }
	| TYPEOF '(' expr ')' { $$ = type_name_of(NULL, 0, @$); $$->typeref.of = $3; }
	;

/* sizeof's and offsetof's type */
type_ref
	: TYPE stars { $$ = type_name_of($1, (int)$2, @$); }
	| STRUCT name stars { $$ = type_name_of(arena_printf("struct %s", $2), (int)$3, @$); }
	| UNION name stars { $$ = type_name_of(arena_printf("union %s", $2), (int)$3, @$); }
	| ENUM name stars { $$ = type_name_of(arena_printf("enum %s", $2), (int)$3, @$); }
	;

/* a struct's or a member's name may be spelled as a type (struct s8, x.u32) */
name
	: IDENT
	| TYPE
	;

/* offsetof's member: a.b.c, kept as its text */
member_path
	: name { $$ = mk(N_STR, @1); $$->string.bytes = $1; $$->string.len = (int)strlen($1); }
	| member_path '.' name {
		$$ = $1;
		$$->loc = L(@$);
		$$->string.bytes = arena_printf("%s.%s", $1->string.bytes, $3);
		$$->string.len = (int)strlen($$->string.bytes);
	}
	;

stars
	: %empty { $$ = 0; }
	| stars '*' { $$ = $1 + 1; }
	;

primary
	: INT { $$ = mk(N_INT, @1); $$->integer.value = $1; }
	| BOOL { $$ = mk(N_INT, @1); $$->integer.value = $1; $$->integer.is_bool = true; }
	| STRING { $$ = mk(N_STR, @1); $$->string.bytes = $1.s; $$->string.len = $1.len; }
	| IDENT { $$ = mk(N_IDENT, @1); $$->ident.name = $1; }
	| POSITIONAL { $$ = mk(N_POSITIONAL, @1); $$->positional.index = (int)$1; }
	| POSCOUNT { $$ = mk(N_POSCOUNT, @1); }
	| lvalue
	| lvalue INC { $$ = incdec(OP_INC, $1, false, @$); }
	| lvalue DEC { $$ = incdec(OP_DEC, $1, false, @$); }
	| IDENT '(' ')' { $$ = mk(N_CALL, @$); $$->call.name = $1; }
	| IDENT '(' expr_list ')' { $$ = mk(N_CALL, @$); $$->call.name = $1; $$->call.args = $3; }
	| '(' value ')' { $$ = $2; }
	| paren_name
	| '(' ')' { $$ = mk(N_TUPLE, @$); }
	| '(' expr ',' ')' { $$ = mk(N_TUPLE, @$); node_list_push(&$$->tuple.elems, $2); }
	| '{' stmts expr '}' { $$ = block_expr_of(block_of($2, @$), $3, @$); }
	| '(' expr ',' expr_list ')' {
		$$ = mk(N_TUPLE, @$);
		node_list_push(&$$->tuple.elems, $2);
		for (int i = 0; i < $4.n; i++)
			node_list_push(&$$->tuple.elems, $4.items[i]);
	}
	| '(' record_fields ')' { $$ = record_of($2, @$); }
	| SIZEOF '(' type_ref ')' { $$ = call_of("sizeof", $3, NULL, @$); }
	| SIZEOF PTR_CAST { $$ = call_of("sizeof", type_name_of($2.s, $2.len, @2), NULL, @$); } /* sizeof(name *) */
	/* typeof(type), typeof(expr): a type, for sizeof, let and macro
	 * arguments: sof(typeof(uint64 *)) */
	| typeof_ref
	| SIZEOF '(' expr ')' { $$ = call_of("sizeof", $3, NULL, @$); }
	| OFFSETOF '(' type_ref ',' member_path ')' { $$ = call_of("offsetof", $3, $5, @$); }
	| OFFSETOF '(' expr ',' member_path ')' { $$ = call_of("offsetof", $3, $5, @$); }
	| primary '.' name { $$ = field_of($1, $3, false, @$); }
	| primary MEMBER_INDEX { $$ = field_of($1, arena_printf("%lld", $2), false, @$); }
	| primary ARROW name { $$ = field_of($1, $3, true, @$); }
	| primary '[' expr ']' { $$ = mk(N_INDEX, @$); $$->index.base = $1; $$->index.index = $3; }
	;

record_fields
	: record_field { $$ = (struct node_list){0}; node_list_push(&$$, $1); }
	| record_fields ',' record_field { $$ = $1; node_list_push(&$$, $3); }
	;

/* a = 1 in (a = 1, b = 2): the value, named by a field node around it */
record_field
	: IDENT '=' expr { $$ = field_of($3, $1, false, @$); }
	;

%%

static struct node *parse(const struct source *src, bool library)
{
	parsed_program = NULL;
	parsed_imports = (struct node_list){ 0 };
	parsed_cdefs = (struct node_list){ 0 };
	int errors_before = diag_error_count(); /* an imported script's are its own */
	lexer_start(src->text, diag_add_source(src));
	int rc = yyparse();
	lexer_finish();
	if (rc || diag_error_count() > errors_before)
		return NULL;
	/* only macros; C definitions alone are said so after they are read
	 * (pass_cdefs.c): an error in them may have swallowed the probes */
	if (!library && !parsed_program->program.probes.n && !parsed_program->program.cdefs.n) {
		if (!src->text[strspn(src->text, " \t\r\n")]) { /* nothing to point at */
			diag_plain_error("%s: the script is empty", src->name);
			return NULL;
		}
		diag_error(parsed_program->loc, "the script has no probe: %s alone do nothing",
			   parsed_program->program.macros.n ? "macros" : "declarations");
		return NULL;
	}
	const struct node *deep = ast_deeper_than(parsed_program, MAX_AST_DEPTH);
	if (deep) {
		diag_error(deep->loc, "the script nests too deeply here (more than %d levels)", MAX_AST_DEPTH);
		return NULL;
	}
	return parsed_program;
}

struct node *parse_program(const struct source *src)
{
	return parse(src, false);
}

struct node *parse_library(const struct source *src)
{
	return parse(src, true);
}
