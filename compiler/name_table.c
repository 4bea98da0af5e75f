#include "name_table.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of name, or the free slot where it would go. */
static struct name_entry *slot_of(const struct name_table *t, const char *name)
{
	uint32_t mask = (uint32_t)t->cap - 1;
	for (uint32_t i = hash(name) & mask;; i = (i + 1) & mask)
		if (!t->slots[i].name || !strcmp(t->slots[i].name, name))
			return &t->slots[i];
}

void *name_table_get(const struct name_table *t, const char *name)
{
	if (!t->cap)
		return NULL;
	struct name_entry *e = slot_of(t, name);
	return e->name ? e->value : NULL;
}

void name_table_put(struct name_table *t, const char *name, void *value)
{
	if ((t->n + 1) * 2 > t->cap) { /* at most half full: probes stay short */
		struct name_table grown = { .cap = t->cap ? t->cap * 2 : 64 };
		grown.slots = arena_alloc(sizeof(*grown.slots) * (size_t)grown.cap);
		for (int i = 0; i < t->cap; i++)
			if (t->slots[i].name)
				*slot_of(&grown, t->slots[i].name) = t->slots[i];
		grown.n = t->n;
		*t = grown;
	}
	struct name_entry *e = slot_of(t, name);
	if (!e->name)
		t->n++;
	e->name = name;
	e->value = value;
}
