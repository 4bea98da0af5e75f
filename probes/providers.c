/* The provider table and what all providers share. */
#include "provider.h"

#include <string.h>

#include "../compiler/arena.h"

static const struct provider *const providers[] = {
	&provider_begin, &provider_end, &provider_tracepoint,
	&provider_interval, &provider_profile,
};

/* Probe types bpftrace has that lantern does not yet: named so the user is
 * told "not supported yet" rather than "unknown". */
static const char *const later_types[] = {
	"kprobe", "k", "kretprobe", "kr", "uprobe", "u", "uretprobe", "ur",
	"usdt", "U", "kfunc", "kretfunc", "fentry", "f", "fexit", "fr",
	"rawtracepoint", "rt", "software", "s", "hardware", "h",
	"watchpoint", "w", "asyncwatchpoint", "aw", "iter", "it",
};

int provider_expand(const char *text, struct loc loc, struct attach_list *out)
{
	size_t type_len = strcspn(text, ":");
	for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		const struct provider *p = providers[i];
		bool match = (strlen(p->name) == type_len && !strncmp(text, p->name, type_len)) ||
			     (p->alias && strlen(p->alias) == type_len && !strncmp(text, p->alias, type_len));
		if (!match)
			continue;
		if (p->special)
			return p->expand(text, loc, out);
		if (!text[type_len]) {
			diag_error(loc, "%s probe needs more: '%s:...'", p->name, p->name);
			return -1;
		}
		return p->expand(text + type_len + 1, loc, out);
	}
	for (size_t i = 0; i < sizeof(later_types) / sizeof(later_types[0]); i++) {
		if (strlen(later_types[i]) == type_len && !strncmp(text, later_types[i], type_len)) {
			diag_error(loc, "%.*s probes are not supported yet", (int)type_len, text);
			return -1;
		}
	}
	diag_error(loc, "unknown probe type '%.*s'", (int)type_len, text);
	return -1;
}

struct attach_point *attach_point_new(const struct provider *p, const char *name, struct loc loc)
{
	struct attach_point *ap = arena_alloc(sizeof(*ap));
	ap->provider = p;
	ap->name = name;
	ap->loc = loc;
	return ap;
}

void attach_list_push(struct attach_list *list, struct attach_point *ap)
{
	list->items = arena_grow(list->items, list->n, &list->cap, sizeof(*list->items));
	list->items[list->n++] = ap;
}
