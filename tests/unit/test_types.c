/* What the type checker accepts, and the map types it settles on. */
#include "unit.h"

void test_types(void)
{
	check_accepted("BEGIN { @a = count(); @b = sum(5); @c = avg(1); @d = min(1); @e = max(1); @f = stats(1); }");
	check_accepted("BEGIN { @h = hist(-1); @l = lhist(5, 0, 100, 10); }");
	check_accepted("BEGIN { @[comm, pid] = count(); @s[\"x\"] = \"a longer string\"; @s[comm] = \"y\"; }");
	check_accepted("interval:ms:100 { @n = count(); if (@n == 3) { exit(); } } END { printf(\"bye\\n\"); }");
	check_accepted("BEGIN { @start[tid] = nsecs; } END { @x = (nsecs - @start[tid]) / 1000; delete(@start[tid]); }");
	check_accepted("BEGIN { @m[1] = 2; delete(@m, 1); clear(@m); zero(@m); print(@m); print(@m, 2, 10); print(5); }");
	check_accepted("BEGIN { $s = comm; $s = \"a much longer string than comm\"; printf(\"%s %d\\n\", $s, $s == comm); }");
	check_accepted("BEGIN { $i = 0; while ($i < 5) { $i++; } @x = $i > 3 ? 1 : 2; @y = comm == \"a\" ? \"b\" : \"c\"; }");
	check_accepted("BEGIN { @x = (uint8)300 + (int16)-1; @p[probe] = count(); exit(1); }");
	check_accepted("BEGIN { @x = 1; @x++; @x += 5; @y[1]--; }");
	check_accepted("BEGIN { @x = pid(); @y = cpu; @z = elapsed + uid + gid; }");
	/* a map read in a probe above the one that assigns it */
	check_accepted("BEGIN { @y = @x; } END { @x = 1; }");
	/* ... through a chain of maps, each learned in a later round, longer
	 * than any fixed number of rounds */
	check_accepted("interval:s:1 { @m0 = @m1; } interval:s:1 { @m1 = @m2; } interval:s:1 { @m2 = @m3; } "
		 "interval:s:1 { @m3 = @m4; } interval:s:1 { @m4 = @m5; } interval:s:1 { @m5 = @m6; } "
		 "interval:s:1 { @m6 = @m7; } interval:s:1 { @m7 = @m8; } interval:s:1 { @m8 = @m9; } "
		 "interval:s:1 { @m9 = \"a long string\"; printf(\"%s\", @m0); }");
	check_accepted("BEGIN { @x[@y] = 1; } END { @y = \"str\"; }");
	check_accepted("BEGIN { @a = @b; printf(\"%s\\n\", @a); } interval:s:1 { @b = @c; } END { @c = \"x\"; }");
	/* values resolved in userspace: keys, values, tuples; buffers widen */
	check_accepted("BEGIN { @t[strftime(\"%H\", nsecs)] = username; @b = buf(\"ab\", 2); @b = buf(\"abcd\", 4); "
		 "$x = (1, strftime(\"%Y\", nsecs(boot)), buf(comm, 4)); printf(\"%s %r %s\\n\", username, @b, $x.1); }");
	check_accepted("BEGIN { $n = strlen(comm) + strstr(comm, \"a\"); @h = has_key(@t, 1); @l = len(@t); @t[1] = 1; "
		 "$e = strerror(2); $s = signal_name(9); $d = delete(@t, 1); debugf(\"%d %s\", 1, $e); time(); }");
	/* stacks and symbols: keys, values, tuples, len(); a slot holds the longer stack of a mode */
	check_accepted("BEGIN { @k[kstack] = count(); @k[kstack(5)] = count(); @u[ustack(perf, 3), pid] = count(); "
		 "@v = kstack(raw, 2); $t = (1, ustack(build_id, 2)); @s[ksym(1), usym(2)] = len(kstack) + len(ustack); "
		 "printf(\"%s %s %s\\n\", kstack, ksym(1), usym(2)); print(ustack(2)); }");

	/* positional parameters */
	int ok;
	char *argv[] = { "5", "hello" };
	front_end("BEGIN { @x = $1 + 1; @s = str($2); @n = $#; @t = str($1); }", &ok, 2, argv);
	CHECK(ok);
	front_end("BEGIN { @x = $2 + 1; }", &ok, 2, argv);
	CHECK(!ok);
	front_end("interval:ms:$1 { }", &ok, 2, argv);
	CHECK(ok);
	front_end("BEGIN { @x = $3; }", &ok, 2, argv); /* unset: 0 */
	CHECK(ok);
	/* named parameters: --name[=value] among them, the rest positional */
	char *named[] = { "--n=7", "5", "--f", "--s=x" };
	front_end("BEGIN { @x = getopt(\"n\", 1) + $1; @f = getopt(\"f\"); @s = getopt(\"s\", \"d\"); @n = $#; }", &ok, 4, named);
	CHECK(ok);
	const char *out = front_end("BEGIN { @x = getopt(\"n\", -1); }", &ok, 1, (char *[]){ "--n=99999999999999999999" });
	CHECK(!ok);
	CHECK_CONTAINS(out, "program command line option --n value is out of range (value: 99999999999999999999)");
	out = front_end("BEGIN { @x = getopt(\"n\", 1); }", &ok, 1, (char *[]){ "--n=5k" });
	CHECK_CONTAINS(out, "program command line option --n invalid trailing bytes (value: 5k)");
	out = front_end("BEGIN { @x = 1; }", &ok, 1, (char *[]){ "--n" });
	CHECK(!ok);
	CHECK_CONTAINS(out, "unexpected program command line options: --n\nHINT: no custom program options defined.");
}
