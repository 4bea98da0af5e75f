/* Block expressions and macros: how they parse, what the macro pass makes
 * of calls (hygiene, parameters, overloads, builtins' names), and the
 * located errors of bad definitions and calls. */
#include "unit.h"

/* The AST after the macro pass; the program must compile. */
static const char *expanded(const char *program)
{
	int ok;
	const char *out = front_end_dump(program, "macro", &ok);
	if (!ok)
		fprintf(stderr, "refused: %s\n%s", program, out);
	CHECK(ok);
	return out;
}

static void refused(const char *program, const char *expect)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, expect);
}

static void parsing(void)
{
	/* a block expression: statements, then its value */
	CHECK_CONTAINS(parse_dump("BEGIN { $a = { $b = 1; $b + 1 }; }"),
		       "block_expr\n          block\n            assign\n              variable $b\n              int 1\n"
		       "          binop +");
	/* nested, as an argument, as a statement */
	CHECK_CONTAINS(parse_dump("BEGIN { f({ { 1 } }); { printf(\"x\") }; }"), "call f\n          block_expr");
	/* macros among probes; the parameters' three kinds; a body ending
	 * with a statement has no value */
	const char *dump = parse_dump("macro a($x, @m, e) { $x } BEGIN { } macro b() { exit(); } macro c() { $y = 1 }");
	CHECK_CONTAINS(dump, "macro a\n    variable $x\n    map @m\n    builtin e\n    block_expr\n      block\n"
			     "      variable $x\n");
	CHECK_CONTAINS(dump, "macro b\n    block_expr\n      block\n        expr\n          call exit\n");
	CHECK_CONTAINS(dump, "macro c\n    block_expr\n      block\n        assign\n");
	/* `macro` followed by anything but a name and '(' is an attach point */
	refused("macro { }", "unknown probe type 'macro'");
	refused("macro f() { 1 }", "stdin:1:1-16: ERROR: the script has no probe: macros alone do nothing");
}

static void expansion(void)
{
	/* $x is the caller's variable; the body's own are renamed, per call */
	const char *out = expanded("macro inc($x) { $x += 1; $y = $x; $y } BEGIN { $a = 1; $b = inc($a); inc($b); }");
	CHECK_CONTAINS(out, "assign +\n              variable $a\n");
	CHECK_CONTAINS(out, "assign\n              variable $$inc_1_y\n              variable $a\n");
	CHECK_CONTAINS(out, "variable $$inc_2_y\n              variable $b\n");
	CHECK(!strstr(out, "macro inc"));
	/* @m is the map passed; a bare parameter is the argument in place */
	out = expanded("macro put(@m, k, v) { @m[k] = v; } BEGIN { $k = 2; put(@x, $k + 1, \"s\"); }");
	CHECK_CONTAINS(out, "assign\n              map @x\n                binop +\n                  variable $k\n"
			    "                  int 1\n              string \"s\"");
	/* a body without statements is its value alone (printf still sees a
	 * literal format); a bare name calls a macro without parameters */
	out = expanded("macro fmt() { \"%d\" } macro one() { 1 } BEGIN { printf(fmt(), one); }");
	CHECK_CONTAINS(out, "call printf\n          string \"%d\"\n          int 1\n");
	/* macros in macros, arguments in the caller's names */
	out = expanded("macro add1(x) { x + 1 } macro add2(x) { $t = add1(x); $t + 1 } BEGIN { $t = 5; @ = add2($t); }");
	CHECK_CONTAINS(out, "assign\n              variable $$add2_1_t\n              binop +\n"
			    "                variable $t\n                int 1\n");
	/* in a predicate; $1 in a body is substituted where it lands */
	expanded("macro big(x) { x > $1 } BEGIN /big(5)/ { }");
	/* definitions differing in their parameters' kinds: the first that
	 * fits, so the more precise first */
	out = expanded("macro f($v) { 1 } macro f(e) { 2 } BEGIN { $a = 0; @x = f($a); @y = f(3); }");
	CHECK_CONTAINS(out, "map @x\n        int 1\n");
	CHECK_CONTAINS(out, "map @y\n        int 2\n");
	/* a macro named like a builtin replaces it where it fits, not
	 * elsewhere; __builtin_cpu is always the builtin */
	out = expanded("macro cpu() { 7 } BEGIN { @a = cpu(); @b = cpu; @c = __builtin_cpu; }");
	CHECK_CONTAINS(out, "map @a\n        int 7\n      assign\n        map @b\n        int 7\n");
	CHECK_CONTAINS(out, "map @c\n        builtin cpu\n");
	out = expanded("macro cpu(x) { x } BEGIN { @a = cpu(2); @b = cpu(); @c = cpu; }");
	CHECK_CONTAINS(out, "map @a\n        int 2\n      assign\n        map @b\n        call cpu\n");
	CHECK_CONTAINS(out, "map @c\n        builtin cpu\n");
	/* a value-less macro as a statement */
	expanded("macro stop() { exit(); } BEGIN { stop(); }");
	/* a block expression's type is its value's */
	int ok;
	front_end("BEGIN { $s = { $t = \"abc\"; $t }; printf(\"%s %d\\n\", $s, { 1 + 2 }); }", &ok, 0, NULL);
	CHECK(ok);
	refused("BEGIN { $i = { 1 }; $i = { \"s\" }; }", "$i was assigned int64");
	/* a type passed for a bare parameter: where the body names it as a type */
	CHECK_CONTAINS(expanded("macro cst(a) { (a*)-1 } BEGIN { @p = cst(typeof(uint8)); }"), "cast uint8*");
	CHECK_CONTAINS(expanded("macro sof(b) { sizeof(b*) } BEGIN { @p = sof(typeof(struct S *)); } struct S { int x; }"),
		       "type struct S**");
	refused("macro cst(a) { (a*)0 } BEGIN { $v = 1; @p = cst($v); }", "a is used as a type here, but the argument given for it is a value");
	CHECK_CONTAINS(expanded("macro cst(a) { (a *)0 } BEGIN { $v = 1; @p = cst(typeof($v)); }"),
		       "cast (typeof)\n          type typeof*\n            variable $v");
	refused("BEGIN { @p = typeof(uint8) + 1; }", "a type is no value");
}

static void errors(void)
{
	refused("macro f(x, y) { x } BEGIN { @ = f(1); }",
		"stdin:1:33-37: ERROR: macro f() takes 2 arguments, 1 given\n"
		"macro f(x, y) { x } BEGIN { @ = f(1); }\n"
		"                                ~~~~\n"
		"stdin:1:7-8: HINT: f() is defined here\n");
	refused("macro f($x) { $x } BEGIN { @ = f(1); }", "stdin:1:34-35: ERROR: macro f() takes a variable as $x, not an expression");
	refused("macro f(@m) { @m } BEGIN { $a = 1; @ = f($a); }", "macro f() takes a map as @m, not a variable");
	refused("macro f(@m) { @m } BEGIN { @ = f(@x[1]); }", "macro f() takes a map as @m, not an expression");
	refused("macro f() { 1 } BEGIN { @ = f(2); }", "macro f() takes 0 arguments, 1 given");
	refused("macro one(x) { x } BEGIN { @ = one; }", "macro one() takes 1 argument, 0 given");
	/* unknown: the call stays a call, which nothing defines */
	refused("macro f() { 1 } BEGIN { @ = g(); }", "unknown function 'g'");
	/* recursion, with the chain of calls */
	refused("macro a() { b() } macro b() { a() } BEGIN { @ = a(); }",
		"stdin:1:31-34: ERROR: recursive macro call: a() > b() > a()\n");
	refused("macro a() { b() } macro b() { a() } BEGIN { @ = a(); }",
		"stdin:1:13-16: HINT: in the expansion of b(), called here\n");
	refused("macro a(x) { a(x) } BEGIN { @ = a(1); }", "recursive macro call: a() > a()");
	/* hygiene: maps come in as parameters only */
	refused("macro f() { @y = 1; } BEGIN { f(); }",
		"macro f() uses @y, which it was not passed: maps reach a macro as @ parameters");
	/* a body ending with a statement has no value */
	refused("macro f() { exit(); } BEGIN { $a = f(); }", "macro f() has no value: its body ends with a statement");
	/* definitions */
	refused("macro f($x, $x) { 1 } BEGIN { }", "stdin:1:13-15: ERROR: $x is already a parameter of f()");
	refused("macro f($x) { 1 } macro f($y) { 2 } BEGIN { }",
		"stdin:1:25-26: ERROR: macro f() is defined again, with parameters its first definition already takes");
	refused("macro f(e) { 1 } macro f($y) { 2 } BEGIN { }", "macro f() is defined again");
	/* expansions that grow without end are stopped */
	static char blowup[1024];
	int at = sprintf(blowup, "macro d(x) { x + x } BEGIN { @ = ");
	for (int i = 0; i < 40; i++)
		at += sprintf(blowup + at, "d(");
	at += sprintf(blowup + at, "1");
	for (int i = 0; i < 40; i++)
		at += sprintf(blowup + at, ")");
	strcpy(blowup + at, "; }");
	refused(blowup, "macro expansion makes the script too large here");
}

void test_macros(void)
{
	parsing();
	expansion();
	errors();
}
