/* The decls pass: `let @m = kind(max_entries);` at the top of a script
 * gives map @m its BPF map kind and capacity (map_layout.c then lays it
 * out so). After the types pass, which knows what each map holds: the
 * kind must fit it, as in bpftrace. A declared map no probe uses is a
 * warning. */
#include <string.h>

#include "arena.h"
#include "passes.h"

static const struct map_decl kinds[] = {
	{ .kind_name = "hash" },
	{ .kind_name = "lruhash", .lru = true },
	{ .kind_name = "percpuhash", .percpu = true },
	{ .kind_name = "percpulruhash", .percpu = true, .lru = true },
	{ .kind_name = "percpuarray", .percpu = true, .array = true },
};

#define NKINDS (int)(sizeof(kinds) / sizeof(kinds[0]))
#define MAX_DECLARED_ENTRIES 100000000 /* as max_map_keys */

static const char *kind_names(void)
{
	const char *names = "";
	for (int i = 0; i < NKINDS; i++)
		names = arena_printf("%s%s%s", names, i ? ", " : "", kinds[i].kind_name);
	return names;
}

/* The declaration as written, checked on its own; NULL after an error. */
static struct map_decl *read_decl(const struct node *d)
{
	const struct node *call = d->map_decl.kind;
	const struct map_decl *kind = NULL;
	for (int i = 0; i < NKINDS && !kind; i++)
		if (!strcmp(kinds[i].kind_name, call->call.name))
			kind = &kinds[i];
	if (!kind) {
		diag_error(call->loc, "%s is not a map type; the map types are %s", call->call.name, kind_names());
		return NULL;
	}
	const struct node *arg = call->call.args.n == 1 ? call->call.args.items[0] : NULL;
	if (!arg || arg->kind != N_INT) {
		diag_error(arg ? arg->loc : call->loc, "%s() takes one argument, the map's max entries, a number: %s(100)",
			   kind->kind_name, kind->kind_name);
		return NULL;
	}
	long long n = arg->integer.value;
	if (n < 1 || n > MAX_DECLARED_ENTRIES) {
		diag_error(arg->loc, "a map's max entries must be from 1 to %d, not %lld", MAX_DECLARED_ENTRIES, n);
		return NULL;
	}
	if (kind->array && n != 1) {
		diag_error(arg->loc, "max entries can only be 1 for map type %s", kind->kind_name);
		return NULL;
	}
	struct map_decl *decl = arena_alloc(sizeof(*decl));
	*decl = *kind;
	decl->max_entries = (int)n;
	decl->loc = d->loc;
	return decl;
}

static struct map_info *map_named(struct program *p, const char *name)
{
	for (int i = 0; i < p->nmaps; i++)
		if (!strcmp(p->maps[i]->name, name))
			return p->maps[i];
	return NULL;
}

/* The kinds that fit what m holds, by bpftrace's rule: aggregates per
 * CPU (a key-less one in an array too), plain values shared. */
static const char *fitting_kinds(const struct map_info *m)
{
	if (m->value->kind != TY_AGG)
		return "hash or lruhash";
	return m->nkeys == 0 ? "percpuarray, percpuhash or percpulruhash" : "percpuhash or percpulruhash";
}

/* Whether decl fits what m holds. lantern keeps an aggregate the script
 * reads in a probe in one copy all CPUs update (atomically), so that one
 * needs a shared kind, where bpftrace would sum per-CPU copies. */
static bool fits(struct map_info *m, const struct map_decl *decl)
{
	bool agg = m->value->kind == TY_AGG;
	if (m->value->kind == TY_NONE) /* the types pass said why */
		return true;
	if (agg && m->read_in_kernel && decl->percpu) {
		diag_error(decl->loc, "%s is read in a probe, so lantern keeps one copy of it that every CPU updates: "
				      "a %s cannot hold it; declare it hash or lruhash",
			   m->name, decl->kind_name);
		return false;
	}
	bool needs_percpu = agg && !m->read_in_kernel;
	if (needs_percpu == decl->percpu && (!decl->array || m->nkeys == 0))
		return true;
	diag_error(m->value_loc, "incompatible map types: %s is declared %s (at %d:%d), but what it holds needs %s",
		   m->name, decl->kind_name, decl->loc.line, decl->loc.col, fitting_kinds(m));
	return false;
}

int pass_decls(struct program *p)
{
	int failed = 0;
	const struct node_list *decls = &p->ast->program.decls;
	for (int i = 0; i < decls->n; i++) {
		const struct node *d = decls->items[i];
		const char *name = d->map_decl.map->map.name;
		const struct node *twice = NULL;
		for (int j = 0; j < i && !twice; j++)
			if (!strcmp(decls->items[j]->map_decl.map->map.name, name))
				twice = decls->items[j];
		if (twice) {
			diag_error(d->loc, "%s is declared twice (first at %d:%d)", name, twice->loc.line, twice->loc.col);
			failed = 1;
			continue;
		}
		struct map_decl *decl = read_decl(d);
		if (!decl) {
			failed = 1;
			continue;
		}
		struct map_info *m = map_named(p, name);
		if (!m) {
			diag_warning(d->loc, "Unused map: %s", name); /* bpftrace's words */
			continue;
		}
		if (!fits(m, decl)) {
			failed = 1;
			continue;
		}
		m->decl = decl;
	}
	return failed ? -1 : 0;
}
