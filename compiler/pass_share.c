/* The share pass: the expanded instances of one probe often compile to
 * the same program (a wildcard whose body does not depend on which
 * tracepoint fired); one program then serves them all, and verifying and
 * loading 300 copies is saved. They are clones of one tree, so their code
 * can differ only where their provider resolved the context differently
 * (a field's place or type): instances of one probe, of one provider that
 * allows it, with the same context resolutions, share. One pass over the
 * instances, with a hash table of what was seen. */
#include <string.h>

#include "../probes/provider.h"
#include "arena.h"
#include "passes.h"

/* What, in this instance, came from its attach point: appended to the
 * signature at *ctx (a few context uses a probe, so a copy each is fine). */
static void context_uses(struct node **slot, void *ctx)
{
	const char **sig = ctx;
	struct node *n = *slot;
	if (n->kind == N_CONTEXT)
		*sig = arena_printf("%s%d:%d:%d:%lld:%d:%d:%s:%d;", *sig, n->context.offset, n->context.size,
				    n->context.access, n->context.value, n->context.index, n->context.scale,
				    type_name(n->type), n->type->space);
	if (n->kind == N_STR && n->string.of_probe) /* `probe` as text: the attach point's name */
		*sig = arena_printf("%s\"%s\";", *sig, n->string.bytes);
	/* a struct made for the attach point (a uprobe's args whole): its members */
	if (n->kind == N_CONTEXT && n->type->kind == TY_STRUCT)
		for (int i = 0; i < n->type->nmembers; i++)
			*sig = arena_printf("%s%s@%d:%s;", *sig, n->type->members[i].name, n->type->members[i].offset,
					    type_name(n->type->members[i].type));
	node_for_each_child(n, context_uses, ctx);
}

struct seen {
	const struct node *source;
	const struct provider *provider;
	const char *signature;
	unsigned long hash;
	int owner; /* -1: empty slot */
};

static unsigned long hash_of(const struct node *source, const struct provider *provider, const char *signature)
{
	unsigned long h = (unsigned long)source * 31 + (unsigned long)provider;
	for (const char *c = signature; *c; c++)
		h = h * 131 + (unsigned char)*c;
	return h;
}

int pass_share(struct program *p)
{
	int cap = 16;
	while (cap < 2 * p->nprobes)
		cap *= 2;
	struct seen *table = arena_alloc(sizeof(*table) * (size_t)cap);
	for (int i = 0; i < cap; i++)
		table[i].owner = -1;
	for (int i = 0; i < p->nprobes; i++) {
		struct probe_instance *inst = &p->probes[i];
		const struct provider *provider = inst->ap->provider;
		if (!inst->probe_from_cookie || !provider->share_programs)
			continue;
		/* routed ones share with those of their via alone (their code picks the attach point) */
		const char *sig = inst->ap->route ? arena_printf("via %s;", inst->ap->route->via) : "";
		context_uses(&inst->probe, &sig);
		unsigned long h = hash_of(inst->source, provider, sig);
		int slot = (int)(h & (unsigned long)(cap - 1));
		while (table[slot].owner >= 0) {
			struct seen *s = &table[slot];
			if (s->hash == h && s->source == inst->source && s->provider == provider &&
			    !strcmp(s->signature, sig))
				break;
			slot = (slot + 1) & (cap - 1);
		}
		if (table[slot].owner >= 0) {
			inst->program = table[slot].owner;
			continue;
		}
		table[slot] = (struct seen){ inst->source, provider, sig, h, i };
	}
	return 0;
}
