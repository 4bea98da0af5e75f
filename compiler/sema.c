#include "sema.h"

#include <string.h>

#include "../probes/provider.h"
#include "arena.h"
#include "passes.h"

static const struct {
	const char *name;
	int (*run)(struct program *p);
} passes[] = {
	{ "config", pass_config },
	{ "macro", pass_macro },
	{ "config_values", pass_config_values },
	{ "unreachable", pass_unreachable },
	{ "agg_blocks", pass_agg_blocks },
	{ "positional", pass_positional },
	{ "named", pass_named },
	{ "cdefs", pass_cdefs },
	{ "expand", pass_expand },
	{ "context", pass_context },
	{ "types", pass_types },
	{ "decls", pass_decls },
	{ "share", pass_share },
	{ "limits", pass_limits },
	{ "events", pass_events },
};

#define NPASSES (sizeof(passes) / sizeof(passes[0]))

bool sema_is_pass(const char *name)
{
	for (size_t i = 0; i < NPASSES; i++)
		if (!strcmp(passes[i].name, name))
			return true;
	return false;
}

const char *sema_last_pass(void)
{
	return passes[NPASSES - 1].name;
}

const char *sema_pass_names(void)
{
	static char names[256];
	if (!names[0])
		for (size_t i = 0; i < NPASSES; i++)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
				 passes[i].name);
	return names;
}

void sema_dump(FILE *out, const struct program *p)
{
	if (!p->nprobes) { /* not expanded yet */
		ast_dump(out, p->ast, 0);
		return;
	}
	for (int i = 0; i < p->nprobes; i++) {
		fprintf(out, "%s\n", p->probes[i].ap->name);
		ast_dump(out, p->probes[i].probe, 1);
	}
}

void passes_rewrite_probes(struct program *p, void (*visit)(struct node **slot, void *ctx))
{
	struct node_list *probes = &p->ast->program.probes;
	for (int i = 0; i < probes->n; i++)
		visit(&probes->items[i], NULL);
}

int passes_each_instance(struct program *p, bool (*check)(struct program *p, struct probe_instance *inst))
{
	int failed = 0;
	const struct node *last_failed = NULL;
	for (int i = 0; i < p->nprobes; i++) {
		struct probe_instance *inst = &p->probes[i];
		if (inst->source == last_failed)
			continue;
		if (!check(p, inst)) {
			failed = 1;
			last_failed = inst->source;
		}
	}
	return failed ? -1 : 0;
}

/* name is one of the comma-separated names of list */
static bool in_list(const char *list, const char *name)
{
	size_t len = strlen(name);
	for (const char *s = list; s; s = strchr(s, ',') ? strchr(s, ',') + 1 : NULL)
		if (!strncmp(s, name, len) && (s[len] == ',' || !s[len]))
			return true;
	return false;
}

struct program *sema_run(struct node *ast, const struct params *params, const struct sema_options *o)
{
	struct program *p = arena_alloc(sizeof(*p));
	p->ast = ast;
	p->params = params;
	p->unsafe = o && o->unsafe;
	provider_allow_unsafe(p->unsafe);
	p->probe_filter = o ? o->probe_filter : NULL;
	p->quiet = o && o->quiet;
	for (size_t i = 0; i < NPASSES; i++) {
		if (passes[i].run(p))
			return NULL;
		if (o && o->dump_after && in_list(o->dump_after, passes[i].name))
			sema_dump(o->dump_to, p);
	}
	return p;
}
