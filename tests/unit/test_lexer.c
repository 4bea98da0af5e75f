/* Literals: integers in every spelling, string escapes, comments. */
#include "unit.h"

static void integer(const char *literal, const char *want)
{
	char program[128], expect[64];
	snprintf(program, sizeof(program), "BEGIN { @x = %s; }", literal);
	snprintf(expect, sizeof(expect), "int %s\n", want);
	CHECK_CONTAINS(parse_dump(program), expect);
}

void test_lexer(void)
{
	integer("10", "10");
	integer("0x1f", "31");
	integer("0X1F", "31");
	integer("010", "8");
	integer("1_000_000", "1000000");
	integer("1e6", "1000000");
	integer("0e999999999999999", "0"); /* at once: no exponent loop over a zero */
	integer("5UL", "5");
	integer("7LL", "7");
	integer("0xffffffffffffffff", "-1"); /* stored as the same 64 bits */

	CHECK_CONTAINS(parse_dump("BEGIN { printf(\"a\\tb\\n\\\"q\\\"\\\\\\x41\\101\"); }"),
		       "string \"a\tb\n\"q\"\\AA\"");
	CHECK_CONTAINS(parse_dump("// line comment\nBEGIN /* block\ncomment */ { @x = 1; } // end"), "probe");
	CHECK_CONTAINS(parse_dump("#!/usr/bin/env lantern\nBEGIN { }"), "attach BEGIN");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 99999999999999999999; }"), "too large");
	CHECK_CONTAINS(parse_dump("BEGIN { \"abc }"), "unterminated string");
	CHECK_CONTAINS(parse_dump("BEGIN { /* never closed }"), "unterminated comment");
	CHECK_CONTAINS(parse_dump("BEGIN { @x = 1 # 2; }"), "unexpected character '#'");
}
