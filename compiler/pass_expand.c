/* The expand pass: each attach point of a probe, wildcards expanded by
 * its provider, becomes an instance with its own copy of the probe (their
 * `args` differ, so their types can). Attach points that do not exist
 * are errors, or skipped (missing_probes): a probe left with none is
 * dropped, as in bpftrace. So are those --probe-filter does not keep. */
#include "../probes/provider.h"
#include "arena.h"
#include "config.h"
#include "passes.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

/* --probe-filter: the attach point's name matches, anywhere in it */
static bool kept(const struct program *p, const struct attach_point *ap)
{
	return !p->probe_filter || regexec(p->probe_filter, ap->name, 0, NULL, 0) == 0;
}

static void add_instance(struct program *p, struct node *probe, struct attach_point *ap)
{
	p->probes = arena_grow(p->probes, p->nprobes, &p->probes_cap, sizeof(*p->probes));
	struct probe_instance *inst = &p->probes[p->nprobes];
	inst->id = p->nprobes++;
	inst->program = inst->id;
	inst->ap = ap;
	inst->source = probe;
	inst->probe = node_clone(probe);
}

/* The first instance whose name(inst) is name(p->probes[i]) for each i
 * (a hash table of names: wildcards make thousands). */
static void first_of_name(struct program *p, const char *(*name)(const struct probe_instance *), bool by_func)
{
	int cap = 16;
	while (cap < 2 * p->nprobes)
		cap *= 2;
	int *table = arena_alloc(sizeof(*table) * (size_t)cap);
	for (int i = 0; i < cap; i++)
		table[i] = -1;
	for (int i = 0; i < p->nprobes; i++) {
		struct probe_instance *inst = &p->probes[i];
		const char *n = name(inst);
		int first = i;
		if (n) {
			unsigned long h = 5381;
			for (const char *c = n; *c; c++)
				h = h * 33 + (unsigned char)*c;
			int slot = (int)(h & (unsigned long)(cap - 1));
			while (table[slot] >= 0 && strcmp(name(&p->probes[table[slot]]), n))
				slot = (slot + 1) & (cap - 1);
			if (table[slot] < 0)
				table[slot] = i;
			first = table[slot];
		}
		if (by_func)
			inst->func_id = first;
		else
			inst->name_id = first;
	}
}

static const char *ap_name(const struct probe_instance *inst)
{
	return inst->ap->name;
}

static const char *ap_func(const struct probe_instance *inst)
{
	return inst->ap->func;
}

/* A probe none of whose attach points exist (a wildcard that matched
 * nothing, points skipped by missing_probes=warn): bpftrace's words,
 * then why the wildcard matched nothing. Whether that is an error. */
static bool no_attach_points(const struct node *probe, const char *unmatched)
{
	switch (config_int(CONFIG_MISSING_PROBES)) {
	case MISSING_PROBES_ERROR:
		diag_error(probe->loc, "Probe has no valid attach points. If this is expected, set the "
				       "'missing_probes' config variable to 'warn'.");
		break;
	case MISSING_PROBES_WARN:
		diag_warning(probe->loc, "Probe has no valid attach points. It is being removed which may cause "
					 "issues with program behavior.");
		break;
	default:
		return false;
	}
	if (unmatched)
		diag_plain_note("%s", unmatched);
	return config_int(CONFIG_MISSING_PROBES) == MISSING_PROBES_ERROR;
}

int pass_expand(struct program *p)
{
	int failed = 0, filtered_out = 0;
	for (int i = 0; i < p->ast->program.probes.n; i++) {
		struct node *probe = p->ast->program.probes.items[i];
		int first = p->nprobes, filtered_before = filtered_out;
		bool refused = false;
		for (int j = 0; j < probe->probe.attach.n; j++) {
			struct node *text = probe->probe.attach.items[j];
			struct attach_list points = { 0 };
			if (provider_expand(text->attach.text, text->loc, &points)) {
				refused = true;
				continue;
			}
			for (int k = 0; k < points.n; k++) {
				if (kept(p, points.items[k]))
					add_instance(p, probe, points.items[k]);
				else
					filtered_out++;
			}
		}
		const char *unmatched = provider_take_unmatched();
		if (!refused && p->nprobes == first && filtered_out == filtered_before)
			refused = no_attach_points(probe, unmatched);
		failed |= refused;
		/* several instances of one probe: `probe` comes from the attach
		 * cookie where there is one, so their code can be the same */
		for (int k = first; p->nprobes - first > 1 && k < p->nprobes; k++)
			p->probes[k].probe_from_cookie = p->probes[k].ap->provider->attach_cookie;
	}
	first_of_name(p, ap_name, false);
	first_of_name(p, ap_func, true);
	if (!failed && !p->nprobes && p->probe_filter && filtered_out) {
		if (!p->quiet) /* bpftrace's words, on stdout */
			puts("No probes to attach");
		return -1;
	}
	if (!failed && !p->nprobes) {
		diag_error(p->ast->loc, "no probe is left to attach: every attach point is missing");
		return -1;
	}
	return failed ? -1 : 0;
}
