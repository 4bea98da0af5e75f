/* Aggregations: count, sum, avg, min, max, stats, hist, lhist. They only
 * appear as `@map = f(...)`, and the map assignment lowers them
 * (codegen/lower_maps.c), after the map's layout. */
#include "../compiler/builtin.h"
#include "../compiler/check.h"

static struct type aggregation(struct checker *c, struct node *n, enum agg_kind agg)
{
	struct type t = { .kind = TY_AGG, .agg = agg };
	if (n->call.args.n > 0) {
		struct node *value = n->call.args.items[0];
		struct type v = check_expr(c, value);
		if (v.kind != TY_INT && v.kind != TY_NONE)
			check_error(c, value->loc, "%s() needs an integer, not %s", n->call.name, type_name(&v));
		t.is_signed = v.is_signed;
	}
	return t;
}

static struct type check_count(struct checker *c, struct node *n) { return aggregation(c, n, AGG_COUNT); }
static struct type check_sum(struct checker *c, struct node *n) { return aggregation(c, n, AGG_SUM); }
static struct type check_avg(struct checker *c, struct node *n) { return aggregation(c, n, AGG_AVG); }
static struct type check_min(struct checker *c, struct node *n) { return aggregation(c, n, AGG_MIN); }
static struct type check_max(struct checker *c, struct node *n) { return aggregation(c, n, AGG_MAX); }
static struct type check_stats(struct checker *c, struct node *n) { return aggregation(c, n, AGG_STATS); }
static struct type check_hist(struct checker *c, struct node *n) { return aggregation(c, n, AGG_HIST); }

#define LHIST_MAX_BUCKETS 1000

static struct type check_lhist(struct checker *c, struct node *n)
{
	struct type t = aggregation(c, n, AGG_LHIST);
	struct node **args = n->call.args.items;
	long long min, max, step;
	if (!check_const_int(c, args[1], "lhist()'s min", &min) || !check_const_int(c, args[2], "lhist()'s max", &max) ||
	    !check_const_int(c, args[3], "lhist()'s step", &step))
		return t;
	if (min < 0 || step <= 0 || max <= min) {
		check_error(c, n->loc, "lhist() needs 0 <= min < max and step > 0");
		return t;
	}
	if ((max - min) / step > LHIST_MAX_BUCKETS) {
		check_error(c, n->loc, "lhist() would have more than %d buckets", LHIST_MAX_BUCKETS);
		return t;
	}
	t.lhist_min = min;
	t.lhist_max = max;
	t.lhist_step = step;
	return t;
}

#define AGGREGATION(name_, args, sig, rule)                                                                \
	{ .name = name_, .kind = BUILTIN_AGGREGATION, .min_args = args, .max_args = args, .signature = sig, \
	  .check = rule }

static const struct builtin rows[] = {
	AGGREGATION("count", 0, "count()", check_count),
	AGGREGATION("sum", 1, "sum(int)", check_sum),
	AGGREGATION("avg", 1, "avg(int)", check_avg),
	AGGREGATION("min", 1, "min(int)", check_min),
	AGGREGATION("max", 1, "max(int)", check_max),
	AGGREGATION("stats", 1, "stats(int)", check_stats),
	AGGREGATION("hist", 1, "hist(int)", check_hist),
	AGGREGATION("lhist", 4, "lhist(int, min, max, step)", check_lhist),
	{ 0 },
};

const struct builtin_family builtins_aggregations = { "aggregations", rows };
