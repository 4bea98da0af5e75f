/* test:NAME and bench:NAME, bpftrace's unit tests and micro-benchmarks
 * of a script. Nothing attaches them: with --mode test (--test) the
 * runtime runs each test: probe once, with --mode bench (--bench) each
 * bench: probe many times, through BPF_PROG_TEST_RUN (runtime/modes.c);
 * otherwise they do not run. Their programs are XDP programs, as
 * bpftrace's: the kernel's test run repeats those (a raw tracepoint's,
 * BEGIN's, runs once), and times them. */
#include <string.h>

#include "../compiler/arena.h"
#include "provider.h"

/* spec is the whole text: "test:NAME" */
static int named_expand(const char *spec, struct loc loc, struct attach_list *out, const struct provider *p)
{
	const char *name = spec + strlen(p->name);
	if (*name == ':')
		name++;
	if (!*name || strchr(name, ':')) {
		diag_error(loc, "%s probes take one argument, their name: %s:NAME", p->name, p->name);
		return -1;
	}
	struct attach_point *ap = attach_point_new(p, arena_printf("%s:%s", p->name, name), loc);
	ap->data = (void *)arena_strdup(name); /* what the results call it */
	attach_list_push(out, ap);
	return 0;
}

static int test_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return named_expand(spec, loc, out, &provider_test);
}

static int bench_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return named_expand(spec, loc, out, &provider_bench);
}

const struct provider provider_test = {
	.name = "test",
	.special = SPECIAL_TEST,
	.expand = test_expand,
	.section = "xdp",
};

const struct provider provider_bench = {
	.name = "bench",
	.special = SPECIAL_BENCH,
	.expand = bench_expand,
	.section = "xdp",
};
