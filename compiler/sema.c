#include "sema.h"

#include <string.h>

#include "arena.h"

static void add_instance(struct program *p, struct node *probe, struct attach_point *ap)
{
	p->probes = arena_grow(p->probes, p->nprobes, &p->probes_cap, sizeof(*p->probes));
	struct probe_instance *inst = &p->probes[p->nprobes];
	inst->id = p->nprobes++;
	inst->program = inst->id;
	inst->ap = ap;
	/* Each attach point gets its own copy: `args` differs between them. */
	inst->probe = node_clone(probe);
}

static int expand_probes(struct program *p)
{
	int failed = 0, begins = 0, ends = 0;
	for (int i = 0; i < p->ast->args.n; i++) {
		struct node *probe = p->ast->args.items[i];
		int first = p->nprobes;
		for (int j = 0; j < probe->args.n; j++) {
			struct node *text = probe->args.items[j];
			struct attach_list points = { 0 };
			if (provider_expand(text->name, text->loc, &points)) {
				failed = 1;
				continue;
			}
			for (int k = 0; k < points.n; k++) {
				enum special_probe s = points.items[k]->provider->special;
				if ((s == SPECIAL_BEGIN && begins++) || (s == SPECIAL_END && ends++)) {
					diag_error(text->loc, "more than one %s probe", points.items[k]->name);
					failed = 1;
				}
				add_instance(p, probe, points.items[k]);
			}
		}
		for (int k = first; p->nprobes - first > 1 && k < p->nprobes; k++)
			p->probes[k].probe_from_cookie = !p->probes[k].ap->provider->special;
	}
	return failed ? -1 : 0;
}

/* A wildcard can expand one probe a thousand times; report its errors once. */
static int check_all(struct program *p)
{
	for (int i = 0; i < p->nprobes; i++)
		check_probe(p, &p->probes[i], false);
	int failed = 0;
	struct node *last_failed = NULL;
	for (int i = 0; i < p->nprobes; i++) {
		struct probe_instance *inst = &p->probes[i];
		bool same_source = last_failed && inst->probe->loc.line == last_failed->loc.line &&
				   inst->probe->loc.col == last_failed->loc.col;
		if (same_source)
			continue;
		if (!check_probe(p, inst, true)) {
			failed = 1;
			last_failed = inst->probe;
		}
	}
	return failed ? -1 : 0;
}

struct program *sema_run(struct node *ast, const struct params *params)
{
	struct program *p = arena_alloc(sizeof(*p));
	p->ast = ast;
	if (positional_substitute(ast, params) || expand_probes(p) || check_all(p))
		return NULL;
	return p;
}
