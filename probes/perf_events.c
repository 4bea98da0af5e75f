/* software:<event>[:<count>] and hardware:<event>[:<count>]: the kernel's
 * software events (page faults, context switches...) and the CPU's
 * hardware counters, as perf events on every online CPU that run the
 * program once per count occurrences. The events and their default
 * counts are bpftrace's; no wildcards, as in bpftrace. */
#include <errno.h>
#include <fnmatch.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/spelling.h"
#include "provider.h"

struct perf_event_kind {
	const char *name, *alias;
	unsigned long long config;
	unsigned long long default_count;
};

static const struct perf_event_kind software_events[] = {
	{ "alignment-faults", NULL, PERF_COUNT_SW_ALIGNMENT_FAULTS, 1 },
	{ "bpf-output", NULL, PERF_COUNT_SW_BPF_OUTPUT, 1 },
	{ "context-switches", "cs", PERF_COUNT_SW_CONTEXT_SWITCHES, 1000 },
	{ "cpu-clock", "cpu", PERF_COUNT_SW_CPU_CLOCK, 1000000 },
	{ "cpu-migrations", NULL, PERF_COUNT_SW_CPU_MIGRATIONS, 1 },
	{ "dummy", NULL, PERF_COUNT_SW_DUMMY, 1 },
	{ "emulation-faults", NULL, PERF_COUNT_SW_EMULATION_FAULTS, 1 },
	{ "major-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MAJ, 1 },
	{ "minor-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MIN, 100 },
	{ "page-faults", "faults", PERF_COUNT_SW_PAGE_FAULTS, 100 },
	{ "task-clock", NULL, PERF_COUNT_SW_TASK_CLOCK, 1000000 },
	{ 0 },
};

static const struct perf_event_kind hardware_events[] = {
	{ "backend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_BACKEND, 1000000 },
	{ "branch-instructions", "branches", PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 100000 },
	{ "branch-misses", NULL, PERF_COUNT_HW_BRANCH_MISSES, 100000 },
	{ "bus-cycles", NULL, PERF_COUNT_HW_BUS_CYCLES, 100000 },
	{ "cache-misses", NULL, PERF_COUNT_HW_CACHE_MISSES, 1000000 },
	{ "cache-references", NULL, PERF_COUNT_HW_CACHE_REFERENCES, 1000000 },
	{ "cpu-cycles", "cycles", PERF_COUNT_HW_CPU_CYCLES, 1000000 },
	{ "frontend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_FRONTEND, 1000000 },
	{ "instructions", NULL, PERF_COUNT_HW_INSTRUCTIONS, 1000000 },
	{ "ref-cycles", NULL, PERF_COUNT_HW_REF_CPU_CYCLES, 1000000 },
	{ 0 },
};

/* What an attach point counts: an event of a kind, every count times */
struct perf_point {
	unsigned type; /* PERF_TYPE_SOFTWARE or PERF_TYPE_HARDWARE */
	unsigned long long config, count;
};

static const struct perf_event_kind *kinds_of(const struct provider *p)
{
	return p == &provider_software ? software_events : hardware_events;
}

static int perf_expand(const struct provider *p, const char *spec, struct loc loc, struct attach_list *out)
{
	const struct perf_event_kind *kinds = kinds_of(p);
	size_t len = strcspn(spec, ":");
	const char *name = arena_strndup(spec, len);
	const struct perf_event_kind *k = kinds;
	while (k->name && strcmp(k->name, name) && !(k->alias && !strcmp(k->alias, name)))
		k++;
	if (!k->name) {
		struct nearest near;
		nearest_begin(&near, name);
		for (const struct perf_event_kind *c = kinds; c->name; c++) {
			nearest_offer(&near, c->name);
			if (c->alias)
				nearest_offer(&near, c->alias);
		}
		diag_error(loc, "%s has no event '%s'%s; -l '%s:*' lists them", p->name, name, nearest_hint(&near),
			   p->name);
		return -1;
	}
	unsigned long long count = k->default_count;
	/* software:cs: (nothing after the colon) is the default count */
	const char *count_text = spec[len] && spec[len + 1] ? spec + len + 1 : NULL;
	if (count_text) {
		if (!probe_count_parse(count_text, &count)) {
			diag_error(loc, "%s:%s needs a count, a positive whole number, not '%s'", p->name, name, count_text);
			return -1;
		}
	}
	/* probe reads as written: software:cpu:100000 */
	struct attach_point *ap = attach_point_new(p, arena_printf("%s:%s", p->name, spec), loc);
	struct perf_point *pp = arena_alloc(sizeof(*pp));
	*pp = (struct perf_point){ p == &provider_software ? PERF_TYPE_SOFTWARE : PERF_TYPE_HARDWARE, k->config, count };
	ap->data = pp;
	attach_list_push(out, ap);
	return 0;
}

static int software_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return perf_expand(&provider_software, spec, loc, out);
}

static int hardware_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return perf_expand(&provider_hardware, spec, loc, out);
}

/* Each event by its name and its alias, "software:cpu-clock:" then
 * "software:cpu:", as bpftrace lists them */
static int perf_list(const struct provider *p, const char *pattern, void (*emit)(void *ctx, const char *name),
		     void *ctx)
{
	for (const struct perf_event_kind *k = kinds_of(p); k->name; k++) {
		const char *names[] = { k->name, k->alias };
		for (int i = 0; i < 2; i++) {
			if (!names[i])
				continue;
			char *spec = arena_printf("%s:", names[i]);
			if (!fnmatch(pattern, spec, 0) || !fnmatch(pattern, names[i], 0))
				emit(ctx, arena_printf("%s:%s", p->name, spec));
		}
	}
	return 0;
}

static int software_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return perf_list(&provider_software, pattern, emit, ctx);
}

static int hardware_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return perf_list(&provider_hardware, pattern, emit, ctx);
}

#ifndef LANTERN_FRONT_END_ONLY
static int perf_event_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			     struct link_list *links)
{
	const struct perf_point *pp = ap->data;
	struct perf_event_attr attr = {
		.type = pp->type,
		.size = sizeof(attr),
		.config = pp->config,
		.sample_period = pp->count,
	};
	int err = perf_attach_target_or_cpus(prog, &attr, cookie, links);
	/* no PMU, as in most virtual machines: the kernel has no such event */
	if (pp->type == PERF_TYPE_HARDWARE && (err == -ENOENT || err == -EOPNOTSUPP))
		return -ENODEV;
	return err;
}
#endif

const struct provider provider_software = {
	.name = "software",
	.alias = "s",
	.section = "perf_event",
	.attach_cookie = true,
	.share_programs = true,
	.pid_filter = true,
	.expand = software_expand,
	.attach = BACKEND(perf_event_attach),
	.list = software_list,
};

const struct provider provider_hardware = {
	.name = "hardware",
	.alias = "h",
	.section = "perf_event",
	.attach_cookie = true,
	.share_programs = true,
	.pid_filter = true,
	.expand = hardware_expand,
	.attach = BACKEND(perf_event_attach),
	.list = hardware_list,
};
