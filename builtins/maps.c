/* Builtins that act on maps: delete, clear, zero. (Aggregations, which
 * fill them, are in aggregations.c.) */
#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

/* delete(@m[key]), and delete(@m, key) as current bpftrace writes it. */
static const struct type *check_delete(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP) {
		check_error(c, m->loc, "delete() needs a map element, as in delete(@x[key])");
		return TYPE_VOID;
	}
	if (n->call.args.n == 2) { /* fold the key into the map reference */
		struct node *key = n->call.args.items[1];
		if (m->map.keys.n) {
			check_error(c, key->loc, "delete() got a key twice");
			return TYPE_VOID;
		}
		if (key->kind == N_TUPLE)
			m->map.keys = key->tuple.elems;
		else
			node_list_push(&m->map.keys, key);
		n->call.args.n = 1;
	}
	struct map_info *info = check_map_keys(c, m);
	info->deleted_from = true;
	if (info->value->kind == TY_NONE)
		check_error(c, m->loc, "%s is deleted from here but never assigned", info->name);
	return TYPE_VOID;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_delete(struct cg *g, struct node *n)
{
	cg_map_delete_ref(g, n->call.args.items[0]);
	return (struct cg_value){ .v = cg_const(g, 0), .type = n->type };
}
#endif

/* clear(@m), zero(@m): userspace does it, when the event arrives. */
static const struct type *check_whole_map_call(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP || m->map.keys.n) {
		check_error(c, m->loc, "%s() needs a whole map, as in %s(@x)", n->call.name, n->call.name);
		return TYPE_VOID;
	}
	check_whole_map(c, m);
	return TYPE_VOID;
}

static void map_event(struct async_call *a, const struct node *call)
{
	a->map = call->call.args.items[0]->map.map;
}

static const struct builtin rows[] = {
	{ .name = "delete", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "delete(@map[key])",
	  .check = check_delete, .lower = BACKEND(lower_delete) },
	{ .name = "clear", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "clear(@map)",
	  .check = check_whole_map_call, .event = ASYNC_CLEAR, .event_args = map_event },
	{ .name = "zero", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "zero(@map)",
	  .check = check_whole_map_call, .event = ASYNC_ZERO, .event_args = map_event },
	{ 0 },
};

const struct builtin_family builtins_maps = { "maps", rows };
