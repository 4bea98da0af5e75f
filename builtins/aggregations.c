/* Aggregations: count, sum, avg, min, max, stats, hist, lhist. Each is a
 * builtin row (its type rule) and an aggregation descriptor
 * (compiler/aggregation.h): its value's layout, its update in the kernel,
 * how CPUs' copies combine, the number it stands for, its buckets. They
 * only appear as `@map = f(...)`; the map assignment lowers them after
 * the map's layout (codegen/lower_maps.c) through the descriptor. */
#include <limits.h>
#include <stdio.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

#define HIST_MAX_BITS 5 /* hist(x, k): k up to 5, as bpftrace */
#define LHIST_MAX_BUCKETS 1000

/* ---- layouts ---- */

static int one_word(const struct aggregate *a)
{
	(void)a;
	return 1;
}

/* min/max: the value, and whether it was set; avg/stats: count, total */
static int two_words(const struct aggregate *a)
{
	(void)a;
	return 2;
}

/* As bpftrace: (..., 0); then 0 .. 2^(k+1) - 1 one value each; then each
 * power of 2 from 2^(k+1) to 2^63 in 2^k parts. For k = 0: (..., 0),
 * [0], [1], [2, 4) ... [2^63, 2^64), 66 buckets. */
static int hist_buckets(const struct aggregate *a)
{
	return ((65 - a->bits) << a->bits) + 1;
}

/* As bpftrace: (max - min) / step whole steps, then under and over;
 * values past the last whole step, up to max, count as over. */
static int lhist_buckets(const struct aggregate *a)
{
	return (int)((a->max - a->min) / a->step) + 2;
}

/* ---- userspace: combining CPUs' copies, numbers, labels ---- */

static void add_words(const struct aggregate *a, unsigned long long *total, const unsigned long long *copy)
{
	int words = a->kind->words(a);
	for (int w = 0; w < words; w++)
		total[w] += copy[w];
}

static bool better(const struct aggregate *a, bool is_min, unsigned long long x, unsigned long long than)
{
	if (a->is_signed)
		return is_min ? (long long)x < (long long)than : (long long)x > (long long)than;
	return is_min ? x < than : x > than;
}

/* min, max: a copy that was set and is better replaces the total */
static void keep_extreme(const struct aggregate *a, bool is_min, unsigned long long *total,
			 const unsigned long long *copy)
{
	if (copy[1] && (!total[1] || better(a, is_min, copy[0], total[0]))) {
		total[0] = copy[0];
		total[1] = 1;
	}
}

static void keep_min(const struct aggregate *a, unsigned long long *total, const unsigned long long *copy)
{
	keep_extreme(a, true, total, copy);
}

static void keep_max(const struct aggregate *a, unsigned long long *total, const unsigned long long *copy)
{
	keep_extreme(a, false, total, copy);
}

static bool always(const struct aggregate *a, const unsigned long long *v)
{
	(void)a;
	(void)v;
	return true; /* count and sum print 0, as bpftrace does */
}

static bool second_word_set(const struct aggregate *a, const unsigned long long *v)
{
	(void)a;
	return v[1] != 0;
}

static bool first_word_set(const struct aggregate *a, const unsigned long long *v)
{
	(void)a;
	return v[0] != 0;
}

static long long first_word(const struct aggregate *a, const unsigned long long *v)
{
	(void)a;
	return (long long)v[0];
}

static long long average(const struct aggregate *a, const unsigned long long *v)
{
	if (!v[0])
		return 0;
	return a->is_signed ? (long long)v[1] / (long long)v[0] : (long long)(v[1] / v[0]);
}

/* The first value of the part that bucket j + 1 holds (j past the
 * single values), as bpftrace writes it: power 2^p times (2^k + part),
 * p cut by tens with K, M, G... (so 2^64 is "16E"). */
static void part_label(const struct aggregate *a, int j, char *buf, size_t size)
{
	static const char suffixes[] = { 0, 'K', 'M', 'G', 'T', 'P', 'E' };
	unsigned n = 1U << a->bits, part = (unsigned)j & (n - 1);
	int power = (j >> a->bits) - 1, s = power / 10;
	unsigned long long v = (1ULL << (power - 10 * s)) * (n + part);
	if (suffixes[s])
		snprintf(buf, size, "%llu%c", v, suffixes[s]);
	else
		snprintf(buf, size, "%llu", v);
}

static void hist_label(const struct aggregate *a, int i, char *buf, size_t size)
{
	if (i == 0) {
		snprintf(buf, size, "(..., 0)");
	} else if (i <= 2 << a->bits) {
		snprintf(buf, size, "[%d]", i - 1);
	} else {
		char lo[32], hi[32];
		part_label(a, i - 1, lo, sizeof(lo));
		part_label(a, i, hi, sizeof(hi));
		snprintf(buf, size, "[%s, %s)", lo, hi);
	}
}

static void lhist_label(const struct aggregate *a, int i, char *buf, size_t size)
{
	if (i == 0)
		snprintf(buf, size, "(..., %lld)", a->min);
	else if (i == lhist_buckets(a) - 1)
		snprintf(buf, size, "[%lld, ...)", a->max);
	else
		snprintf(buf, size, "[%lld, %lld)", a->min + (i - 1) * a->step, a->min + i * a->step);
}

/* The first value of bucket j + 1's part (see part_label), or 0 past 2^63 */
static unsigned long long part_start(const struct aggregate *a, int j)
{
	unsigned n = 1U << a->bits, part = (unsigned)j & (n - 1);
	int power = (j >> a->bits) - 1;
	return power + a->bits >= 64 ? 0 : (1ULL << power) * (n + part);
}

static void hist_bounds(const struct aggregate *a, int i, struct bucket_bounds *b)
{
	if (i == 0) { /* (..., 0) */
		*b = (struct bucket_bounds){ .max = -1, .has_max = true };
		return;
	}
	if (i <= 2 << a->bits) {
		*b = (struct bucket_bounds){ i - 1, i - 1, true, true };
		return;
	}
	unsigned long long lo = part_start(a, i - 1), next = part_start(a, i);
	long long hi = !next || next - 1 > LLONG_MAX ? LLONG_MAX : (long long)(next - 1);
	*b = (struct bucket_bounds){ lo > LLONG_MAX ? LLONG_MAX : (long long)lo, hi, true, true };
}

static void lhist_bounds(const struct aggregate *a, int i, struct bucket_bounds *b)
{
	if (i == 0)
		*b = (struct bucket_bounds){ .max = a->min - 1, .has_max = true };
	else if (i == lhist_buckets(a) - 1)
		*b = (struct bucket_bounds){ .min = a->max, .has_min = true };
	else
		*b = (struct bucket_bounds){ a->min + (i - 1) * a->step, a->min + i * a->step - 1, true, true };
}

/* ---- codegen: updates and reads in the kernel ---- */

#ifndef LANTERN_FRONT_END_ONLY
static void update_count(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)a;
	(void)x;
	cg_add_to(g, v, cg_const(g, 1), atomic);
}

static void update_sum(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)a;
	cg_add_to(g, v, x, atomic);
}

/* avg, stats: count, then total */
static void update_count_total(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)a;
	cg_add_to(g, v, cg_const(g, 1), atomic);
	cg_add_to(g, cg_gep(g, v, 8), x, atomic);
}

/* min, max: the value, then whether it was set. Per-CPU copies only (a
 * min read in the kernel is shared, and its race is bpftrace's too). */
static void update_extreme(struct cg *g, const struct aggregate *a, bool is_min, LLVMValueRef v, LLVMValueRef x)
{
	LLVMValueRef set_p = cg_gep(g, v, 8);
	LLVMValueRef old = cg_load(g, g->i64, v);
	LLVMValueRef unset = LLVMBuildICmp(g->b, LLVMIntEQ, cg_load(g, g->i64, set_p), cg_const(g, 0), "");
	LLVMIntPredicate pred = is_min ? (a->is_signed ? LLVMIntSLT : LLVMIntULT) : (a->is_signed ? LLVMIntSGT : LLVMIntUGT);
	LLVMValueRef improves = LLVMBuildOr(g->b, unset, LLVMBuildICmp(g->b, pred, x, old, ""), "");
	LLVMBasicBlockRef store = cg_block(g, "minmax_store"), done = cg_block(g, "minmax_done");
	LLVMBuildCondBr(g->b, improves, store, done);
	LLVMPositionBuilderAtEnd(g->b, store);
	cg_store(g, x, v);
	cg_store(g, cg_const(g, 1), set_p);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

static void update_min(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)atomic;
	update_extreme(g, a, true, v, x);
}

static void update_max(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)atomic;
	update_extreme(g, a, false, v, x);
}

static void count_in_bucket(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef idx, bool atomic)
{
	idx = cg_clamp(g, idx, a->kind->buckets(a) - 1);
	cg_add_to(g, cg_gep_var(g, v, LLVMBuildShl(g->b, idx, cg_const(g, 3), "")), cg_const(g, 1), atomic);
}

/* log2 buckets: (..., 0), [0], [1], [2, 4), ... For x > 0 the bucket is
 * 2 + floor(log2 x), found by halving the width six times (BPF has no
 * count-leading-zeros; LLVM's expansion of one is 45 instructions). x = 0
 * gives bucket 1 as it should: floor(log2 0) comes out as 0, minus one. */
static void update_hist(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	LLVMValueRef n = x, log2 = cg_const(g, 0);
	for (int shift = 32; shift >= 1; shift /= 2) {
		LLVMValueRef high = LLVMBuildLShr(g->b, n, cg_const(g, shift), "");
		LLVMValueRef has_high = LLVMBuildICmp(g->b, LLVMIntNE, high, cg_const(g, 0), "");
		n = LLVMBuildSelect(g->b, has_high, high, n, "");
		log2 = LLVMBuildSelect(g->b, has_high, LLVMBuildAdd(g->b, log2, cg_const(g, shift), ""), log2, "");
	}
	/* below 2^(k+1): one bucket each, x + 1; else the power's part:
	 * ((p - k + 1) << k) + (the k bits below the top one) + 1 */
	int k = a->bits;
	LLVMValueRef single = LLVMBuildICmp(g->b, LLVMIntULT, x, cg_const(g, 2LL << k), "");
	LLVMValueRef below = LLVMBuildSub(g->b, log2, cg_const(g, k), "");
	LLVMValueRef part = LLVMBuildAnd(g->b, LLVMBuildLShr(g->b, x, below, ""), cg_const(g, (1LL << k) - 1), "");
	LLVMValueRef power = LLVMBuildShl(g->b, LLVMBuildAdd(g->b, below, cg_const(g, 1), ""), cg_const(g, k), "");
	LLVMValueRef idx = LLVMBuildSelect(g->b, single, LLVMBuildAdd(g->b, x, cg_const(g, 1), ""),
					   LLVMBuildAdd(g->b, LLVMBuildAdd(g->b, power, part, ""), cg_const(g, 1), ""), "");
	if (a->is_signed) {
		LLVMValueRef neg = LLVMBuildICmp(g->b, LLVMIntSLT, x, cg_const(g, 0), "");
		idx = LLVMBuildSelect(g->b, neg, cg_const(g, 0), idx, "");
	}
	count_in_bucket(g, a, v, idx, atomic);
}

static void update_lhist(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	bool s = a->is_signed;
	LLVMValueRef min = cg_const(g, a->min), max = cg_const(g, a->max);
	LLVMValueRef below = LLVMBuildICmp(g->b, s ? LLVMIntSLT : LLVMIntULT, x, min, "");
	LLVMValueRef above = LLVMBuildICmp(g->b, s ? LLVMIntSGE : LLVMIntUGE, x, max, "");
	LLVMValueRef step = LLVMBuildUDiv(g->b, LLVMBuildSub(g->b, x, min, ""), cg_const(g, a->step), "");
	LLVMValueRef idx = LLVMBuildAdd(g->b, step, cg_const(g, 1), "");
	idx = LLVMBuildSelect(g->b, above, cg_const(g, lhist_buckets(a) - 1), idx, "");
	count_in_bucket(g, a, v, LLVMBuildSelect(g->b, below, cg_const(g, 0), idx, ""), atomic);
}

static LLVMValueRef load_first(struct cg *g, const struct aggregate *a, LLVMValueRef v)
{
	(void)a;
	return cg_load(g, g->i64, v);
}

static LLVMValueRef load_average(struct cg *g, const struct aggregate *a, LLVMValueRef v)
{
	LLVMValueRef count = cg_load(g, g->i64, v);
	LLVMValueRef total = cg_load(g, g->i64, cg_gep(g, v, 8));
	return cg_arith(g, OP_DIV, total, count, a->is_signed);
}
#endif

static const struct aggregation count = {
	"count", AGG_SHOW_NUMBER, .readable = true, .unsigned_number = true, .words = one_word, .combine = add_words,
	.has_data = always, .number = first_word, .update = BACKEND(update_count), .load = BACKEND(load_first),
};
static const struct aggregation sum = {
	"sum", AGG_SHOW_NUMBER, .readable = true, .words = one_word, .combine = add_words, .has_data = always,
	.number = first_word, .update = BACKEND(update_sum), .load = BACKEND(load_first),
};
static const struct aggregation avg = {
	"avg", AGG_SHOW_NUMBER, .readable = true, .averages = true, .words = two_words, .combine = add_words,
	.has_data = first_word_set, .number = average, .update = BACKEND(update_count_total),
	.load = BACKEND(load_average),
};
static const struct aggregation min = {
	"min", AGG_SHOW_NUMBER, .readable = true, .words = two_words, .combine = keep_min,
	.has_data = second_word_set, .number = first_word, .update = BACKEND(update_min), .load = BACKEND(load_first),
};
static const struct aggregation max = {
	"max", AGG_SHOW_NUMBER, .readable = true, .words = two_words, .combine = keep_max,
	.has_data = second_word_set, .number = first_word, .update = BACKEND(update_max), .load = BACKEND(load_first),
};
static const struct aggregation stats = {
	"stats", AGG_SHOW_STATS, .averages = true, .words = two_words, .combine = add_words, .has_data = first_word_set,
	.number = average, .update = BACKEND(update_count_total),
};
static const struct aggregation hist = {
	"hist", AGG_SHOW_BUCKETS, .words = hist_buckets, .buckets = hist_buckets, .combine = add_words,
	.bucket_label = hist_label, .bucket_bounds = hist_bounds, .update = BACKEND(update_hist),
};
static const struct aggregation lhist = {
	"lhist", AGG_SHOW_BUCKETS, .words = lhist_buckets, .buckets = lhist_buckets, .combine = add_words,
	.bucket_label = lhist_label, .bucket_bounds = lhist_bounds, .update = BACKEND(update_lhist),
};

/* ---- type rules ---- */

/* count(), sum(x)...: x must be an integer; the row's descriptor is
 * what the map will hold. */
static const struct type *check_aggregation(struct checker *c, struct node *n)
{
	const struct aggregation *agg = n->call.builtin->aggregation;
	bool is_signed = false;
	if (n->call.args.n > 0) {
		struct node *value = n->call.args.items[0];
		const struct type *v = check_expr(c, value);
		if (!type_is_integer(v) && v->kind != TY_NONE)
			check_error(c, value->loc, "%s() needs an integer, not %s", n->call.name, type_name(v));
		is_signed = v->is_signed;
	}
	c->made = (struct aggregate){ .kind = agg, .is_signed = is_signed };
	return type_agg(agg, is_signed);
}

/* hist(x, k): 2^k buckets per power of 2, 0 <= k <= 5 */
static const struct type *check_hist(struct checker *c, struct node *n)
{
	const struct type *t = check_aggregation(c, n);
	long long k = 0;
	if (n->call.args.n > 1 && check_const_int(c, n->call.args.items[1], "hist()'s k", &k) &&
	    (k < 0 || k > HIST_MAX_BITS)) {
		check_error(c, n->call.args.items[1]->loc, "hist()'s k must be between 0 and %d", HIST_MAX_BITS);
		k = 0;
	}
	c->made.bits = (int)k;
	return t;
}

static const struct type *check_lhist(struct checker *c, struct node *n)
{
	const struct type *t = check_aggregation(c, n);
	struct node **args = n->call.args.items;
	long long lo, hi, step;
	if (!check_const_int(c, args[1], "lhist()'s min", &lo) || !check_const_int(c, args[2], "lhist()'s max", &hi) ||
	    !check_const_int(c, args[3], "lhist()'s step", &step))
		return t;
	if (lo < 0 || step <= 0 || hi <= lo) {
		check_error(c, n->loc, "lhist() needs 0 <= min < max and step > 0");
		return t;
	}
	if ((hi - lo) / step > LHIST_MAX_BUCKETS) {
		check_error(c, n->loc, "lhist() would have more than %d buckets", LHIST_MAX_BUCKETS);
		return t;
	}
	c->made.min = lo;
	c->made.max = hi;
	c->made.step = step;
	return t;
}

#define AGGREGATION(descriptor, args, sig, rule)                                                       \
	{ .name = #descriptor, .kind = BUILTIN_AGGREGATION, .min_args = args, .max_args = args, .signature = sig, \
	  .check = rule, .aggregation = &descriptor }

static const struct builtin rows[] = {
	AGGREGATION(count, 0, "count()", check_aggregation),
	AGGREGATION(sum, 1, "sum(int)", check_aggregation),
	AGGREGATION(avg, 1, "avg(int)", check_aggregation),
	AGGREGATION(min, 1, "min(int)", check_aggregation),
	AGGREGATION(max, 1, "max(int)", check_aggregation),
	AGGREGATION(stats, 1, "stats(int)", check_aggregation),
	{ .name = "hist", .kind = BUILTIN_AGGREGATION, .min_args = 1, .max_args = 2, .signature = "hist(int [, k])",
	  .check = check_hist, .aggregation = &hist },
	AGGREGATION(lhist, 4, "lhist(int, min, max, step)", check_lhist),
	{ 0 },
};

const struct builtin_family builtins_aggregations = { "aggregations", rows };
