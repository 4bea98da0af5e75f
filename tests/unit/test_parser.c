/* The grammar: every construct bpftrace documents parses to the expected
 * tree, with C precedence. */
#include "unit.h"

static void parses(const char *program)
{
	const char *dump = parse_dump(program);
	if (strstr(dump, "PARSE FAILED"))
		fprintf(stderr, "could not parse: %s\n%s", program, dump);
	CHECK(!strstr(dump, "PARSE FAILED"));
}

void test_parser(void)
{
	/* attach points, several per probe, wildcards, predicates */
	CHECK_CONTAINS(parse_dump("tracepoint:syscalls:sys_enter_* , t:sched:sched_switch /pid == 1/ { }"),
		       "attach tracepoint:syscalls:sys_enter_*\n    attach t:sched:sched_switch");
	parses("uprobe:/bin/bash:readline { }");
	parses("kprobe:f+0x10 { }");
	parses("interval:ms:500 { } profile:hz:99 { } BEGIN { } END { }");
	parses("BEGIN{}END{}");

	/* precedence: * before +, + before <<, comparisons before && */
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 + 2 * 3; }"), "binop +\n          int 1\n          binop *");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 << 2 + 3; }"), "binop <<\n          int 1\n          binop +");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 < 2 && 3 == 4 || 5; }"), "binop ||\n          binop &&");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 | 2 ^ 3 & 4; }"), "binop |\n          int 1\n          binop ^");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = -1 - -2; }"), "binop -\n          unop -");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 ? 2 : 3 ? 4 : 5; }"), "ternary\n          int 1\n          int 2\n          ternary");

	/* statements */
	parses("BEGIN { if (1) { @a = 1 } else if (2) { @a = 2 } else { @a = 3 } }");
	parses("BEGIN { $i = 0; while ($i < 10) { $i++; if ($i == 5) { break; } continue; } }");
	parses("BEGIN { unroll(5) { @x++ } }");
	parses("BEGIN { for ($i : 0..10) { } }");
	parses("BEGIN { for ($kv : @m) { } }");
	parses("BEGIN { return; }");
	parses("BEGIN { ;; @x = 1;; }");
	parses("BEGIN { @x += 1; @x -= 1; @x *= 2; @x /= 2; @x %= 3; @x &= 1; @x |= 1; @x ^= 1; @x <<= 1; @x >>= 1; }");
	parses("BEGIN { ++@x; --@x; @x--; $y = $x++; }");
	/* casts to a name: (name *) always, (name)x before an operand; (name)-x
	 * stays a binary operator for the cdefs pass to decide */
	CHECK_CONTAINS(parse_dump("BEGIN { $p = (foo_t *)arg0; $q = (foo_t **)$p; }"), "cast foo_t*\n          builtin arg0");
	CHECK_CONTAINS(parse_dump("BEGIN { $x = (foo_t)$y->a; }"), "cast foo_t\n          field a\n            variable $y");
	CHECK_CONTAINS(parse_dump("BEGIN { $x = (foo_t)-1; }"), "binop -\n          builtin foo_t");
	CHECK_CONTAINS(parse_dump("BEGIN { if (pid) { } $x = (pid) + 1; }"), "if\n        builtin pid\n        block\n      assign");
	parses("BEGIN { $u = (union U *)0; $e = (enum E)1; $s = sizeof(char *); }");
	/* typeof(type) and typeof(expr) are types: macro arguments, sizeof's */
	CHECK_CONTAINS(parse_dump("BEGIN { @x = m(typeof(uint64 *), typeof(struct Foo), typeof($x)); }"),
		       "type uint64*\n          type struct Foo\n          type typeof\n            variable $x");
	parses("BEGIN { @s = sizeof(typeof(int8)); }");
	/* bare blocks; if expressions, where a value is taken */
	CHECK_CONTAINS(parse_dump("BEGIN { { $a = 1; } { $b = 2 } }"), "block\n        assign");
	CHECK_CONTAINS(parse_dump("BEGIN { $x = if $c { 1 } else if (2) { 2 } else { $y = 3; $y }; }"), "ternary\n          variable $c");
	parses("BEGIN { print(if 1 { \"a\" } else { \"b\" }); @m[if 1 { 1 } else { 2 }] = (if 0 { 1 } else { 2 }) + 1; }");
	parses("BEGIN { let $x = if 1 { 1 } else { 2 }; _ = if 1 { 1 } else { 2 }; }");
	CHECK(strstr(parse_dump("BEGIN { $x = if 1 { 1 }; }"), "PARSE FAILED")); /* an if expression has an else */

	/* expressions */
	parses("BEGIN { @[comm, pid] = count(); @x[1] = 2; @ = 1; }");
	parses("BEGIN { $t = (1, \"a\", 3); @x = $t.0; }");
	parses("tracepoint:a:b { @x = args->ret; @y = args.ret; @z = (uint32)arg0; }");
	parses("BEGIN { @x = (struct task_struct *)curtask; @y = *$p; @z = &$x; @w = $a[1]; }");
	parses("BEGIN { printf(\"%d %s\\n\", $1, str($2)); @n = $#; }");
	parses("BEGIN { @x = pid(); exit(); }");
}
