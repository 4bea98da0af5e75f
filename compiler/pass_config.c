/* The config pass: the settings, first of all (the other passes read
 * them): defaults, then the script's config block, then the environment,
 * which wins over the block, as in bpftrace. Each error in the block is
 * at its `name = value`. */
#include "config.h"
#include "passes.h"

/* A literal's text: an identifier (raw, warn) is a word, as bpftrace has it. */
static const char *set_from_literal(enum config_id id, const struct node *v)
{
	switch (v->kind) {
	case N_INT: return config_set_number(id, v->integer.value, CONFIG_FROM_SCRIPT);
	case N_STR: return config_set_text(id, v->string.bytes, CONFIG_FROM_SCRIPT);
	default: return config_set_text(id, v->ident.name, CONFIG_FROM_SCRIPT);
	}
}

static int apply_block(const struct node *block)
{
	int failed = 0;
	const struct node *seen[CONFIG_COUNT] = { 0 };
	for (int i = 0; block && i < block->config.settings.n; i++) {
		const struct node *set = block->config.settings.items[i];
		const char *key = set->assign.target->ident.name, *why = NULL;
		int id = config_lookup(key, &why);
		if (id >= 0 && seen[id]) {
			diag_error(set->loc, "%s: set twice in the config block (first at %d:%d)", key,
				   seen[id]->loc.line, seen[id]->loc.col);
			failed = 1;
			continue;
		}
		if (id >= 0)
			why = set_from_literal(id, set->assign.value);
		if (why) {
			diag_error(set->loc, "%s: %s", key, why);
			failed = 1;
			continue;
		}
		seen[id] = set;
	}
	return failed;
}

int pass_config(struct program *p)
{
	config_reset();
	int failed = apply_block(p->ast->program.config);
	if (config_load_environment())
		failed = 1;
	return failed ? -1 : 0;
}
