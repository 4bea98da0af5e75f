/* Errors: located (file:line:col), the source line, a caret under the
 * place, and the program refused. */
#include "unit.h"

static void refused(const char *program, const char *expect)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, expect);
}

void test_diagnostics(void)
{
	int ok;
	/* a map holds one kind of resolved value; %r is for buf() */
	refused("BEGIN { @x = username; @x = strftime(\"%H\", 1); }", "@x is assigned timestamp here, but username");
	refused("BEGIN { printf(\"%r\", username); }", "%r expects a buffer (buf()), but this is username");
	refused("BEGIN { $x = strncmp(\"a\", \"b\", pid); }", "strncmp()'s length must be a constant integer");
	const char *out = front_end("BEGIN {\n  @x = count(;\n}", &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, "stdin:2:14-15: ERROR: syntax error, unexpected ';'\n  @x = count(;\n             ~\n");

	out = front_end("BEGIN { @x = hist(); }", &ok, 0, NULL);
	CHECK_CONTAINS(out, "stdin:1:14-20: ERROR: hist() takes 1 to 2 arguments, 0 given: hist(int [, k])\n"
			    "BEGIN { @x = hist(); }\n"
			    "             ~~~~~~\n");

	/* a caret under a tab-indented line keeps the tab */
	out = front_end("BEGIN {\n\t@x = zzzz;\n}", &ok, 0, NULL);
	CHECK_CONTAINS(out, "stdin:2:7-11: ERROR: unknown identifier 'zzzz'\n\t@x = zzzz;\n\t     ~~~~\n");

	refused("BEGIN { @x = \"s\"; @x += 1; }", "'+=' needs an integer value, but @x holds string[2]");
	refused("BEGIN { $x = kptr(\"s\"); }", "kptr() needs an address, not string[2]");
	/* a pointer makes a signed slot unsigned, as an unsigned integer does */
	refused("BEGIN { $a = -1; $a = kptr(1); $a = \"s\"; }", "$a was assigned uint64");
	/* nesting: the tree's depth is bounded (found without recursion), and
	 * so is the parser's stack */
	static char deep[400100], parens[60100];
	int at = sprintf(deep, "BEGIN { @x = 1");
	for (int i = 0; i < 200000; i++)
		at += sprintf(deep + at, "+1");
	strcpy(deep + at, "; }");
	refused(deep, "the script nests too deeply here (more than 100000 levels)");
	strcpy(deep + strlen("BEGIN { @x = 1") + 2 * 10000, "; }"); /* 10,001 terms: fine */
	front_end(deep, &ok, 0, NULL);
	CHECK(ok);
	at = sprintf(parens, "BEGIN { @x = ");
	memset(parens + at, '(', 30000);
	at += 30000;
	at += sprintf(parens + at, "1");
	memset(parens + at, ')', 30000);
	strcpy(parens + at + 30000, "; }");
	refused(parens, "the script nests too deeply here");
	/* an error on every statement: 20 shown, then one line for the rest */
	static char many[4000];
	int m = sprintf(many, "BEGIN {");
	for (int i = 0; i < 100; i++)
		m += sprintf(many + m, " $y = $x%d;", i);
	strcpy(many + m, " }");
	out = front_end(many, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, "variable $x19 is used before it is assigned");
	CHECK(!strstr(out, "$x20 is used"));
	CHECK_CONTAINS(out, "ERROR: more than 20 errors; the rest are not shown\n");
	/* literals and parameters that are not what they look like */
	refused("BEGIN { @x = 08; }", "stdin:1:14-16: ERROR: '08' is not an integer literal (a leading 0 makes it octal)");
	refused("BEGIN { @x = 0x; }", "'0x' is not an integer literal");
	refused("BEGIN { @x = 12ab; }", "'12ab' is not an integer literal");
	refused("BEGIN { @x = 1.5; }", "'1.5': the language has no floating-point numbers");
	refused("BEGIN { @x = \"\\777\"; }", "octal escape '\\777' in string is past \\377");
	refused("BEGIN { @x = $0; }", "positional parameters start at $1, not $0");
	refused("BEGIN { @x = $99999999999999999999; }", "positional parameter $99999999999999999999 is out of range");
	refused("BEGIN { printf(\"%z\\n\", 1); }", "unknown format specifier '%z\\n'\n");
	refused("BEGIN { delete(@nope[1]); }", "@nope is deleted from here but never assigned");
	/* names of other probe types' contexts */
	refused("interval:s:1 { @x = arg0; }", "arg0 is not available in interval probes, only in rawtracepoint, uprobe, usdt, kprobe probes");
	refused("BEGIN { @x = count(); @x = \"a\"; }", "@x is assigned string[2] here, but count() at 1:14");
	refused("BEGIN { @x = 1; } END { @x = \"s\"; }", "a map holds one type of value");
	refused("BEGIN { @x = count(); } END { @x = sum(1); }", "@x is assigned sum() here, but count()");
	refused("BEGIN { @x = lhist(1, 0, 10, 1); @x = lhist(1, 0, 20, 1); }", "a map keeps one shape of lhist()");
	refused("BEGIN { $x = 1; $x = \"s\"; }", "$x was assigned int64 at 1:9, now string[2]");
	refused("BEGIN { @x = $y; }", "variable $y is used before it is assigned");
	refused("BEGIN { @y = @x; }", "@x is read here but never assigned");
	refused("BEGIN { foo(); }", "unknown function 'foo'");
	refused("BEGIN { @x = count(1); }", "count() takes 0 arguments, 1 given");
	refused("BEGIN { @x = lhist(1, 0, 10); }", "lhist() takes 4 arguments, 3 given");
	refused("BEGIN { @x = lhist(1, 10, 0, 1); }", "0 <= min < max");
	refused("BEGIN { $x = count(); }", "count() must be assigned to a map");
	refused("BEGIN { @x = 1 + count(); }", "count() must be assigned to a map");
	refused("BEGIN { printf(\"%d %d\\n\", 1); }", "format has 2 conversions but 1 argument is given");
	refused("BEGIN { printf(\"%s\\n\", 1); }", "%s expects a string, but this is int8");
	refused("BEGIN { printf(\"%d\\n\", comm); }", "%d expects an integer, but this is string[16]");
	refused("BEGIN { printf(\"%k\\n\", 1); }", "stdin:1:17-18: ERROR: unknown format specifier '%k'");
	refused("BEGIN { printf(comm); }", "printf() needs a string literal");
	refused("BEGIN { @x = \"a\" + 1; }", "'+' cannot be applied to string[2] and int8");
	refused("BEGIN { if (comm) { } }", "a condition must be an integer, not string[16]");
	refused("BEGIN { break; }", "break outside of a loop");
	refused("BEGIN { @x[1] = 1; @x[1, 2] = 2; }", "@x is used with 2 keys here but with 1 elsewhere");
	refused("BEGIN { @x[1] = 1; @x[\"a\"] = 2; }", "@x key 1 is string[2] here but int64 elsewhere");
	refused("BEGIN { @h = hist(1); @y = @h; }", "@h holds hist() values, which cannot be read");
	refused("BEGIN { @x = args->foo; }", "BEGIN probes have no args");
	refused("BEGIN { $t = (1, 2); print($t.2); }", "(int8,int8) has no element 2 (it has 2)");
	refused("BEGIN { $t = (1, 2); print($t[5]); }", "index 5 is out of range for (int8,int8)");
	refused("BEGIN { $r = (a = 1); print($r.b); }", "(a=int8) has no field named b");
	refused("BEGIN { @m[(1, \"a\")] = 1; @m[(\"b\", 2)] = 2; }", "@m key 1 is string[2] here but int64 elsewhere");
	refused("BEGIN { @m[1] = 1; for ($kv : @m) { } print($kv); }", "$kv is not known here: it was assigned at 1:25, inside a block that has ended");
	refused("BEGIN { $x = 1; @x = *$x; }", "'*' needs a pointer, not int64");
	/* did you mean: builtins by name, maps among those assigned */
	refused("BEGIN { print(pdi); }", "unknown identifier 'pdi' (did you mean pid?)");
	refused("BEGIN { printff(\"x\"); }", "unknown function 'printff' (did you mean printf or print?)");
	refused("BEGIN { @count = 1; print(@cuont); }", "@cuont is used here but never assigned (did you mean @count?)");
	refused("BEGIN { @count = 1; $x = @countt; }", "@countt is read here but never assigned (did you mean @count?)");
	refused("BEGIN { print(zzzzqq); }", "unknown identifier 'zzzzqq'\n");
	refused("BEGIN { @x = (struct task *)0; }", "stdin:1:14-30: ERROR: unknown type 'struct task'");
	refused("BEGIN { unroll(101) { } }", "unroll's count must be between 1 and 100");
	refused("BEGIN { unroll($x) { } }", "unroll's count must be a constant integer");
	refused("BEGIN { clear(@x[1]); }", "clear() needs a whole map");
	refused("BEGIN { delete(1); }", "delete() needs a map element");
	refused("BEGIN:x { }", "BEGIN takes no arguments");
	/* enums: a constant cast to one must be one of its values; %s takes their values */
	refused("enum E { A = 1, B }; BEGIN { print((enum E)7); }", "stdin:1:44-45: ERROR: enum E has no enumerator of value 7");
	refused("BEGIN { print((enum nosuch)1); }", "unknown type 'enum nosuch'");
	check_accepted("enum E { A = 1, B }; BEGIN { printf(\"%s %s %d\", A, (enum E)2, B); @m[A] = B; }");
	refused("enum E { A = 1, B }; BEGIN { printf(\"%s\", A + 1); }", "%s expects a string, but this is uint64");
	/* getopt(): literals only, one default per name */
	refused("BEGIN { $n = \"a\"; print(getopt($n)); }", "First argument to 'getopt' must be a string literal.");
	refused("BEGIN { print(getopt(\"a\", pid)); }", "stdin:1:27-30: ERROR: Second argument to 'getopt' must be a string literal");
	refused("BEGIN { print(getopt(\"a\", 1, 2)); }", "the description) must be a string literal");
	refused("BEGIN { print(getopt()); }", "getopt() takes 1 to 3 arguments, 0 given");
	refused("BEGIN { print(getopt(\"a\", 1)); print(getopt(\"a\", 2)); }",
		"Command line option 'a' needs to have the same default value in all places it is used. Previous default value: 1");
	refused("BEGIN { print(getopt(\"a\", \"x\")); print(getopt(\"a\")); }", "Previous default value: x");
	refused("aw:0x10000000:8:w { }", "stdin:1:1-18: ERROR: aw probes are not supported yet");
	refused("iter:nope { }", "stdin:1:1-10: ERROR: No matches for iter nope.");
	refused("iter:nope { }", "HINT: the kernel has no iterator 'nope'");
	refused("nope:x { }", "unknown probe type 'nope'");
	refused("interval:xs:1 { }", "needs a unit s, ms, us, ns or hz");
	refused("interval:ms:0 { }", "needs a positive whole number, not '0'");
	refused("BEGIN { @x = str(1, 0); }", "str()'s length must be between 1 and");
}
