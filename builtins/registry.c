/* The families of builtins, looked up by name. A new family is a file
 * here and a line in `families`. */
#include <stdio.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/spelling.h"

static const struct builtin_family *const families[] = {
	&builtins_process, &builtins_output, &builtins_memory, &builtins_maps, &builtins_aggregations,
	&builtins_strings, &builtins_time, &builtins_debug, &builtins_types, &builtins_net,
	&builtins_signal, &builtins_tseries, &builtins_stacks,
	&builtins_cgroups, &builtins_string_build, &builtins_task,
	&builtins_messages, &builtins_kfuncs, &builtins_kernel_objects, &builtins_override, &builtins_skboutput,
};

#define NFAMILIES (sizeof(families) / sizeof(families[0]))

const struct builtin *builtin_lookup(const char *name)
{
	for (size_t f = 0; f < NFAMILIES; f++)
		for (const struct builtin *b = families[f]->rows; b->name; b++)
			if (!strcmp(b->name, name))
				return b;
	return NULL;
}

void builtins_offer_names(struct nearest *nr)
{
	for (size_t f = 0; f < NFAMILIES; f++)
		for (const struct builtin *b = families[f]->rows; b->name; b++)
			nearest_offer(nr, b->name);
}

bool builtin_positional_as_text(const char *name)
{
	const struct builtin *b = builtin_lookup(name);
	return b && (b->flags & BF_POSITIONAL_TEXT);
}

/* What a row of its kind cannot do without, or NULL. */
static const char *missing(const struct builtin *b)
{
	if (!b->check)
		return "a type rule";
	if (b->event != ASYNC_NONE && !b->event_args)
		return "its event's arguments";
	const struct aggregation *agg = b->aggregation;
	if (b->kind == BUILTIN_AGGREGATION && !agg)
		return "an aggregation descriptor";
	if (agg && (!agg->words || !agg->combine || (agg->shape == AGG_SHOW_BUCKETS ? !agg->buckets || !agg->bucket_label || !agg->bucket_bounds
										: !agg->number || !agg->has_data) ||
		    (agg->shape == AGG_SHOW_TSERIES && !agg->tseries_point)))
		return "its aggregation's layout, combining or printing";
#ifndef LANTERN_FRONT_END_ONLY
	if (agg)
		return !agg->update || (agg->readable && !agg->load) ? "its aggregation's lowering" : NULL;
	if (b->event == ASYNC_NONE && !b->lower && !b->lower_into)
		return "a lowering";
#endif
	return NULL;
}

bool builtins_self_check(void)
{
	bool ok = true;
	for (size_t f = 0; f < NFAMILIES; f++) {
		for (const struct builtin *b = families[f]->rows; b->name; b++) {
			const char *what = missing(b);
			if (what) {
				fprintf(stderr, "ERROR: internal error: builtin %s (%s) lacks %s\n", b->name,
					families[f]->name, what);
				ok = false;
			}
		}
	}
	return ok;
}
