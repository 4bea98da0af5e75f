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

static struct loc L(YYLTYPE l)
{
	return (struct loc){ l.first_line, l.first_column, l.last_line, l.last_column };
}

static struct node *mk(enum node_kind kind, YYLTYPE l)
{
	return node_new(kind, L(l));
}

static struct node *binary(enum op op, struct node *a, struct node *b, YYLTYPE l)
{
	struct node *n = mk(N_BINARY, l);
	n->op = op;
	n->a = a;
	n->b = b;
	return n;
}

static struct node *unary(enum op op, struct node *a, YYLTYPE l)
{
	struct node *n = mk(N_UNARY, l);
	n->op = op;
	n->a = a;
	return n;
}

static struct node *incdec(enum op op, struct node *var, int prefix, YYLTYPE l)
{
	struct node *n = mk(N_INCDEC, l);
	n->op = op;
	n->a = var;
	n->ival = prefix;
	return n;
}

static struct node *block_of(struct node_list stmts, YYLTYPE l)
{
	struct node *n = mk(N_BLOCK, l);
	n->args = stmts;
	return n;
}

void yyerror(YYLTYPE *loc, const char *msg)
{
	diag_error(L(*loc), "%s", msg);
}
}

%expect 1
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
%token POSCOUNT "$#"
%token <name> TYPE "type name"
%token STRUCT "struct"
%token IF "if" ELSE "else" WHILE "while" FOR "for" UNROLL "unroll"
%token BREAK "break" CONTINUE "continue" RETURN "return"
%token ENDPRED "end of predicate"
%token EQ "==" NE "!=" LE "<=" GE ">=" LAND "&&" LOR "||" SHL "<<" SHR ">>"
%token INC "++" DEC "--" ARROW "->" DOTDOT ".."
%token <op> COMPOUND_ASSIGN "compound assignment"

%type <node> probe pred block stmt_simple stmt_compound if_stmt expr primary
%type <node> lvalue map_ref cast
%type <list> probes attach_list stmts expr_list
%type <ival> stars

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

program
	: probes { parsed_program = node_new(N_PROGRAM, L(@1)); parsed_program->args = $1; }
	;

probes
	: probe { $$ = (struct node_list){0}; node_list_push(&$$, $1); }
	| probes probe { $$ = $1; node_list_push(&$$, $2); }
	;

probe
	: attach_list pred block {
		$$ = mk(N_PROBE, @1);
		$$->args = $1;
		$$->a = $2;
		$$->b = $3;
	}
	;

attach_list
	: ATTACH {
		struct node *n = mk(N_ATTACH, @1);
		n->name = $1;
		$$ = (struct node_list){0};
		node_list_push(&$$, n);
	}
	| attach_list ',' ATTACH {
		struct node *n = mk(N_ATTACH, @3);
		n->name = $3;
		$$ = $1;
		node_list_push(&$$, n);
	}
	;

pred
	: %empty { $$ = NULL; }
	| '/' expr ENDPRED { $$ = $2; }
	;

block
	: '{' stmts '}' { $$ = block_of($2, @$); }
	| '{' stmts stmt_simple '}' { $$ = block_of($2, @$); node_list_push(&$$->args, $3); }
	;

stmts
	: %empty { $$ = (struct node_list){0}; }
	| stmts ';' { $$ = $1; }
	| stmts stmt_simple ';' { $$ = $1; node_list_push(&$$, $2); }
	| stmts stmt_compound { $$ = $1; node_list_push(&$$, $2); }
	;

stmt_simple
	: expr { $$ = mk(N_EXPR_STMT, @1); $$->a = $1; }
	| lvalue '=' expr { $$ = mk(N_ASSIGN, @$); $$->a = $1; $$->b = $3; }
	| lvalue COMPOUND_ASSIGN expr { $$ = mk(N_ASSIGN, @$); $$->op = $2; $$->a = $1; $$->b = $3; }
	| BREAK { $$ = mk(N_BREAK, @1); }
	| CONTINUE { $$ = mk(N_CONTINUE, @1); }
	| RETURN { $$ = mk(N_RETURN, @1); }
	;

stmt_compound
	: if_stmt
	| WHILE '(' expr ')' block { $$ = mk(N_WHILE, @1); $$->a = $3; $$->b = $5; }
	| UNROLL '(' expr ')' block { $$ = mk(N_UNROLL, @1); $$->a = $3; $$->b = $5; }
	| FOR '(' VAR ':' expr DOTDOT expr ')' block {
		$$ = mk(N_FOR, @1);
		$$->a = mk(N_VAR, @3);
		$$->a->name = $3;
		$$->b = $5;
		$$->c = $7;
		node_list_push(&$$->args, $9);
	}
	| FOR '(' VAR ':' map_ref ')' block {
		$$ = mk(N_FOR, @1);
		$$->a = mk(N_VAR, @3);
		$$->a->name = $3;
		$$->b = $5;
		node_list_push(&$$->args, $7);
	}
	;

if_stmt
	: IF '(' expr ')' block { $$ = mk(N_IF, @1); $$->a = $3; $$->b = $5; }
	| IF '(' expr ')' block ELSE block { $$ = mk(N_IF, @1); $$->a = $3; $$->b = $5; $$->c = $7; }
	| IF '(' expr ')' block ELSE if_stmt { $$ = mk(N_IF, @1); $$->a = $3; $$->b = $5; $$->c = $7; }
	;

lvalue
	: VAR { $$ = mk(N_VAR, @1); $$->name = $1; }
	| map_ref
	;

map_ref
	: MAP { $$ = mk(N_MAP, @1); $$->name = $1; }
	| MAP '[' expr_list ']' { $$ = mk(N_MAP, @$); $$->name = $1; $$->args = $3; }
	;

expr_list
	: expr { $$ = (struct node_list){0}; node_list_push(&$$, $1); }
	| expr_list ',' expr { $$ = $1; node_list_push(&$$, $3); }
	;

expr
	: primary
	| expr '?' expr ':' expr { $$ = mk(N_TERNARY, @$); $$->a = $1; $$->b = $3; $$->c = $5; }
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
	| INC lvalue { $$ = incdec(OP_INC, $2, 1, @$); }
	| DEC lvalue { $$ = incdec(OP_DEC, $2, 1, @$); }
	| cast
	;

cast
	: '(' TYPE stars ')' expr %prec UNARY {
		$$ = mk(N_CAST, @$); $$->name = $2; $$->ival = $3; $$->a = $5;
	}
	| '(' STRUCT IDENT stars ')' expr %prec UNARY {
		$$ = mk(N_CAST, @$); $$->name = arena_printf("struct %s", $3); $$->ival = $4; $$->a = $6;
	}
	;

stars
	: %empty { $$ = 0; }
	| stars '*' { $$ = $1 + 1; }
	;

primary
	: INT { $$ = mk(N_INT, @1); $$->ival = $1; }
	| STRING { $$ = mk(N_STR, @1); $$->name = $1.s; $$->ival = $1.len; }
	| IDENT { $$ = mk(N_IDENT, @1); $$->name = $1; }
	| POSITIONAL { $$ = mk(N_POSITIONAL, @1); $$->ival = $1; }
	| POSCOUNT { $$ = mk(N_POSCOUNT, @1); }
	| lvalue
	| lvalue INC { $$ = incdec(OP_INC, $1, 0, @$); }
	| lvalue DEC { $$ = incdec(OP_DEC, $1, 0, @$); }
	| IDENT '(' ')' { $$ = mk(N_CALL, @$); $$->name = $1; }
	| IDENT '(' expr_list ')' { $$ = mk(N_CALL, @$); $$->name = $1; $$->args = $3; }
	| '(' expr ')' { $$ = $2; }
	| '(' expr ',' expr_list ')' {
		$$ = mk(N_TUPLE, @$);
		node_list_push(&$$->args, $2);
		for (int i = 0; i < $4.n; i++)
			node_list_push(&$$->args, $4.items[i]);
	}
	| primary '.' IDENT { $$ = mk(N_FIELD, @$); $$->a = $1; $$->name = $3; }
	| primary '.' INT { $$ = mk(N_FIELD, @$); $$->a = $1; $$->name = arena_printf("%lld", $3); }
	| primary ARROW IDENT { $$ = mk(N_FIELD, @$); $$->a = $1; $$->name = $3; $$->ival = 1; }
	| primary '[' expr ']' { $$ = mk(N_INDEX, @$); $$->a = $1; $$->b = $3; }
	;

%%

struct node *parse_program(const struct source *src)
{
	diag_set_source(src);
	parsed_program = NULL;
	lexer_start(src->text);
	int rc = yyparse();
	lexer_finish();
	if (rc || diag_error_count())
		return NULL;
	return parsed_program;
}
