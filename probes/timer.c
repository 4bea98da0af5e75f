/* interval:<unit>:<n> and profile:<unit>:<n>: a cpu-clock perf event that
 * runs the program every n units, on one CPU (interval) or on all of them
 * (profile). Units: s, ms, us, hz; `interval:500ms` also works. */
#include <ctype.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "provider.h"
#include "target.h"

static const struct {
	const char *unit;
	unsigned long long ns; /* 0 for hz */
} units[] = {
	{ "s", 1000000000ULL }, { "ms", 1000000ULL }, { "us", 1000ULL }, { "hz", 0 }, { "ns", 1 },
};

static int unit_index(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].unit) == len && !strncmp(s, units[i].unit, len))
			return (int)i;
	return -1;
}

/* What a timer attach point fires at. */
struct timer {
	unsigned long long period; /* ns per firing, or 0 with freq */
	unsigned long long freq;   /* hz */
};

static int timer_expand(const char *spec, struct loc loc, struct attach_list *out, const struct provider *p)
{
	const char *colon = strchr(spec, ':');
	const char *count;
	int unit;
	if (colon) {
		unit = unit_index(spec, (size_t)(colon - spec));
		count = colon + 1;
	} else {
		/* 500ms: the count, then the unit; a count alone is nanoseconds */
		size_t digits = strspn(spec, "0123456789_e");
		while (digits && spec[digits - 1] == 'e') /* 5ms's digits, not 1e6's */
			digits--;
		unit = spec[digits] ? unit_index(spec + digits, strlen(spec + digits)) : unit_index("ns", 2);
		count = arena_strndup(spec, digits);
	}
	if (unit < 0) {
		diag_error(loc, "%s probe needs a unit s, ms, us, ns or hz: %s:<unit>:<count>", p->name, p->name);
		return -1;
	}
	unsigned long long n;
	if (!probe_count_parse(count, &n)) {
		diag_error(loc, "%s probe needs a positive whole number, not '%s'", p->name, count);
		return -1;
	}
	struct timer *t = arena_alloc(sizeof(*t));
	if (units[unit].ns) {
		if (n > ~0ULL / units[unit].ns) {
			diag_error(loc, "%s period is too long", p->name);
			return -1;
		}
		t->period = n * units[unit].ns;
	} else {
		t->freq = n;
	}
	/* the short form is named in microseconds, as bpftrace names it
	 * (interval:100ms is interval:us:100000) */
	const char *name = colon || !units[unit].ns || t->period % 1000
				   ? arena_printf("%s:%s:%llu", p->name, units[unit].unit, n)
				   : arena_printf("%s:us:%llu", p->name, t->period / 1000);
	struct attach_point *ap = attach_point_new(p, name, loc);
	ap->data = t;
	attach_list_push(out, ap);
	return 0;
}

static int interval_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return timer_expand(spec, loc, out, &provider_interval);
}

static int profile_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return timer_expand(spec, loc, out, &provider_profile);
}

#ifndef LANTERN_FRONT_END_ONLY
static void timer_attr(const struct attach_point *ap, struct perf_event_attr *attr)
{
	const struct timer *t = ap->data;
	*attr = (struct perf_event_attr){
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(*attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
	};
	if (t->freq) {
		attr->freq = 1;
		attr->sample_freq = t->freq;
	} else {
		attr->sample_period = t->period;
	}
}

static int interval_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			   struct link_list *links)
{
	struct perf_event_attr attr;
	timer_attr(ap, &attr);
	/* -p: in that process, as bpftrace (its clock then runs on its time) */
	const struct target *t = target_get();
	if (t->pid > 0 && !t->is_command)
		return perf_attach_task(prog, &attr, t->pid, cookie, links);
	return perf_attach(prog, &attr, 0, cookie, links);
}

static int profile_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			  struct link_list *links)
{
	struct perf_event_attr attr;
	timer_attr(ap, &attr);
	return perf_attach_target_or_cpus(prog, &attr, cookie, links);
}
#endif

const struct provider provider_interval = {
	.name = "interval",
	.alias = "i",
	.expand = interval_expand,
	.section = "perf_event",
	.attach_cookie = true,
	.share_programs = true,
	.attach = BACKEND(interval_attach),
};

const struct provider provider_profile = {
	.name = "profile",
	.alias = "p",
	.expand = profile_expand,
	.section = "perf_event",
	.attach_cookie = true,
	.share_programs = true,
	.attach = BACKEND(profile_attach),
};
