/* Map lookups reused within a probe. `/@start[tid]/ { ... @start[tid] ... }`
 * looks @start[tid] up once: a lookup is remembered with the element
 * pointer it returned, and a later read of the same map with the same key
 * expression reuses it when
 *  - the key is built only from values that cannot change during the probe
 *    (pid, tid, comm, args fields, literals...),
 *  - the lookup dominates the read: it was not made in a branch that has
 *    been left since (scopes), nor in an earlier iteration of a loop,
 *  - and nothing wrote or deleted in that map since (an update replaces the
 *    element, so the old pointer would be stale). */
#include <stdio.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "cg.h"

static bool append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);
	if (n + strlen(s) + 1 > size)
		return false;
	strcpy(buf + n, s);
	return true;
}

/* A text that is equal for equal, stable key expressions; false when the
 * expression may change value within the probe. */
static bool signature(const struct node *n, char *buf, size_t size)
{
	char part[64];
	switch (n->kind) {
	case N_INT:
		snprintf(part, sizeof(part), "i%lld,", n->integer.value);
		return append(buf, size, part);
	case N_STR:
		return append(buf, size, "s\"") && append(buf, size, n->string.bytes) && append(buf, size, "\",");
	case N_IDENT: /* pid, comm...; not nsecs, new every time */
		return (n->ident.builtin->flags & BF_STABLE) && append(buf, size, n->ident.name) &&
		       append(buf, size, ",");
	case N_CONTEXT:
		return append(buf, size, n->context.name) && append(buf, size, ",");
	default:
		return false;
	}
}

void cg_cache_reset(struct cg *g)
{
	g->ncached = 0;
}

void cg_scope_enter(struct cg *g)
{
	g->scope_level++;
}

void cg_scope_leave(struct cg *g)
{
	g->scope_level--;
	int kept = 0;
	for (int i = 0; i < g->ncached; i++)
		if (g->cached[i].level <= g->scope_level)
			g->cached[kept++] = g->cached[i];
	g->ncached = kept;
}

void cg_cache_forget_map(struct cg *g, int map_id)
{
	int kept = 0;
	for (int i = 0; i < g->ncached; i++)
		if (g->cached[i].map_id != map_id)
			g->cached[kept++] = g->cached[i];
	g->ncached = kept;
}

LLVMValueRef cg_cached_lookup(struct cg *g, struct node *map_ref)
{
	return cg_cached_lookup_key(g, map_ref, NULL);
}

LLVMValueRef cg_cached_lookup_key(struct cg *g, struct node *map_ref, LLVMValueRef key)
{
	char sig[sizeof(g->cached[0].key)] = "";
	bool stable = true;
	for (int i = 0; i < map_ref->map.keys.n && stable; i++)
		stable = signature(map_ref->map.keys.items[i], sig, sizeof(sig));
	int id = map_ref->map.map->id;
	for (int i = 0; stable && i < g->ncached; i++)
		if (g->cached[i].map_id == id && !strcmp(g->cached[i].key, sig))
			return g->cached[i].ptr;
	LLVMValueRef ptr = cg_map_element(g, map_ref, key);
	if (stable && g->ncached < MAX_CACHED_LOOKUPS) {
		struct cached_lookup *c = &g->cached[g->ncached++];
		c->map_id = id;
		strcpy(c->key, sig);
		c->ptr = ptr;
		c->level = g->scope_level;
	}
	return ptr;
}
