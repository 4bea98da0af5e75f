/* Which maps may live in task storage: plain values keyed by exactly
 * `tid`, never used as a whole. Everything else stays in hashes/arrays. */
#include "unit.h"

void test_map_layout(void)
{
	const char *latency = "tracepoint:syscalls:sys_enter_read { @start[tid] = nsecs; }"
			      " tracepoint:syscalls:sys_exit_read /@start[tid]/ { @ns = hist(nsecs - @start[tid]);"
			      " delete(@start[tid]); }";
	CHECK(task_local(latency, "@start") == 1);
	CHECK(task_local(latency, "@ns") == 0);
	CHECK(task_local("BEGIN { @s[tid] = comm; @n[tid]++; @n[tid] += 2; delete(@n, tid); }", "@s") == 1);
	CHECK(task_local("BEGIN { @s[tid] = comm; @n[tid]++; @n[tid] += 2; delete(@n, tid); }", "@n") == 1);
	/* any other key, anywhere, keeps the hash */
	CHECK(task_local("BEGIN { @x[tid] = 1; @x[pid] = 2; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; } END { @y = @x[tid + 0]; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid, 1] = 1; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x = 1; }", "@x") == 0);
	/* aggregates and whole-map uses keep their layouts */
	CHECK(task_local("BEGIN { @x[tid] = count(); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; print(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; clear(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; zero(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = \"a\"; }", "@x") == 1); /* strings too */
}
