/* Probe types' front end without a kernel: what -l does before it reads
 * tracefs. */
#include "../../compiler/arena.h"
#include "../../probes/provider.h"
#include "unit.h"

static void count_line(void *ctx, const char *name)
{
	(*(int *)ctx)++;
}

/* provider_list's status for pattern, its errors thrown away; *lines gets
 * how many attach points it emitted. */
static int list(const char *pattern, int *lines)
{
	FILE *quiet = fopen("/dev/null", "w");
	diag_set_stream(quiet);
	*lines = 0;
	int rc = provider_list(pattern, count_line, lines);
	diag_set_stream(NULL);
	if (quiet)
		fclose(quiet);
	arena_free_all();
	return rc;
}

static void test_list(void)
{
	int lines;
	CHECK(list("nope:*", &lines) == -1 && lines == 0);         /* unknown type */
	CHECK(list("syscalls:sys_enter_openat", &lines) == -1);    /* a category is no type */
	CHECK(list("kprobe:*", &lines) == 0 && lines == 0);        /* not supported yet */
	CHECK(list("k:vfs_read", &lines) == 0 && lines == 0);
	CHECK(list("BEGIN", &lines) == 0 && lines == 0);           /* nothing to list */
	CHECK(list("interval:*", &lines) == 0 && lines == 0);
	CHECK(list("tracepoint:sched", &lines) == -1);             /* one part, no wildcard */
	CHECK(list("tracepoint", &lines) == -1);
	CHECK(list("t:a:b:c", &lines) == -1);
}

void test_probes(void)
{
	test_list();
}
