/* The expand pass: each attach point of a probe, wildcards expanded by
 * its provider, becomes an instance with its own copy of the probe (their
 * `args` differ, so their types can). Attach points that do not exist
 * are errors, or skipped (missing_probes): a probe left with none is
 * dropped, as in bpftrace. */
#include "../probes/provider.h"
#include "arena.h"
#include "config.h"
#include "passes.h"

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

int pass_expand(struct program *p)
{
	int failed = 0;
	for (int i = 0; i < p->ast->program.probes.n; i++) {
		struct node *probe = p->ast->program.probes.items[i];
		int first = p->nprobes;
		bool refused = false;
		for (int j = 0; j < probe->probe.attach.n; j++) {
			struct node *text = probe->probe.attach.items[j];
			struct attach_list points = { 0 };
			if (provider_expand(text->attach.text, text->loc, &points)) {
				refused = true;
				continue;
			}
			for (int k = 0; k < points.n; k++)
				add_instance(p, probe, points.items[k]);
		}
		failed |= refused;
		if (!refused && p->nprobes == first && config_int(CONFIG_MISSING_PROBES) == MISSING_PROBES_WARN)
			diag_warning(probe->loc, "this probe has no attach point left: it is dropped");
		/* several instances of one probe: `probe` comes from the attach
		 * cookie where there is one, so their code can be the same */
		for (int k = first; p->nprobes - first > 1 && k < p->nprobes; k++)
			p->probes[k].probe_from_cookie = p->probes[k].ap->provider->attach_cookie;
	}
	if (!failed && !p->nprobes) {
		diag_error(p->ast->loc, "no probe is left to attach: every attach point is missing");
		return -1;
	}
	return failed ? -1 : 0;
}
