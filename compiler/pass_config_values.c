/* The config_values pass: the settings as values the script reads, as
 * bpftrace 0.26's config() (and the __builtin_config it wraps):
 * config().max_strlen is the setting's value, a literal; config() whole
 * is a record of every setting (numbers and booleans as integers, the
 * others as their text). After the macro pass, so a macro may use them. */
#include <string.h>

#include "arena.h"
#include "config.h"
#include "passes.h"

static bool is_config(const struct node *n)
{
	return (n->kind == N_CALL && !strcmp(n->call.name, "config") && n->call.args.n == 0) ||
	       (n->kind == N_IDENT && !strcmp(n->ident.name, "__builtin_config"));
}

/* n, in its place, made the literal of setting id */
static void to_value(struct node *n, enum config_id id)
{
	enum config_type t = config_settings[id].type;
	if (t == CONFIG_NUMBER || t == CONFIG_BOOL) {
		node_become(n, N_INT);
		n->integer.value = config_int(id);
		n->integer.is_bool = t == CONFIG_BOOL;
	} else {
		node_become(n, N_STR);
		n->string.bytes = config_text(id);
		n->string.len = (int)strlen(n->string.bytes);
	}
}

static void to_record(struct node *n)
{
	node_become(n, N_TUPLE);
	n->tuple.names = arena_alloc(sizeof(*n->tuple.names) * CONFIG_COUNT);
	for (int id = 0; id < CONFIG_COUNT; id++) {
		struct node *v = node_new(N_INT, n->loc);
		to_value(v, (enum config_id)id);
		n->tuple.names[id] = config_settings[id].name;
		node_list_push(&n->tuple.elems, v);
	}
}

static void visit(struct node **slot, void *ctx)
{
	struct node *n = *slot;
	const char *why;
	int id;
	if (n->kind == N_FIELD && is_config(n->field.base) && (id = config_lookup(n->field.name, &why)) >= 0) {
		to_value(n, (enum config_id)id);
		return;
	}
	if (is_config(n)) {
		to_record(n);
		return;
	}
	node_for_each_child(n, visit, ctx);
}

int pass_config_values(struct program *p)
{
	passes_rewrite_probes(p, visit);
	return 0;
}
