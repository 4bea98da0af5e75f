#include "types.h"

#include "arena.h"

const char *agg_name(enum agg_kind agg)
{
	static const char *names[] = {
		[AGG_NONE] = "none", [AGG_COUNT] = "count", [AGG_SUM] = "sum",
		[AGG_MIN] = "min",   [AGG_MAX] = "max",     [AGG_AVG] = "avg",
		[AGG_STATS] = "stats", [AGG_HIST] = "hist", [AGG_LHIST] = "lhist",
	};
	return names[agg];
}

const char *type_name(const struct type *t)
{
	switch (t->kind) {
	case TY_NONE: return "unknown";
	case TY_VOID: return "void";
	case TY_INT: return t->is_signed ? "int64" : "uint64";
	case TY_STR: return arena_printf("string[%d]", t->size);
	case TY_PROBE: return "probe";
	case TY_AGG: return arena_printf("%s()", agg_name(t->agg));
	}
	return "?";
}
