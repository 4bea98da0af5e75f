/* tseries(value, interval, num_intervals [, "avg"|"max"|"min"|"sum"]):
 * bpftrace's time series aggregation. The value keeps num_intervals
 * buckets, each { value, meta, epoch }: epoch is the interval's number
 * (CLOCK_TAI ns / interval ns, as bpftrace counts it), the bucket epoch %
 * num_intervals; a bucket of an older epoch starts over. Without a
 * function an interval keeps its last value (meta: when, to pick the last
 * of the CPUs' copies); avg keeps total and count, min/max/sum their
 * value. Userspace combines CPUs' copies bucket by bucket, the latest
 * epoch winning, and prints the chart (runtime/output_tseries.c). */
#include <stdlib.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../compiler/config.h"
#include "../compiler/diag.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

#define TSERIES_MAX_INTERVALS 1000 /* 24 bytes each: a per-CPU value stays under 32 KiB */
#define BUCKET_WORDS 3             /* value, meta, epoch */

static const char *const func_names[] = {
	[TSERIES_LAST] = "", [TSERIES_AVG] = "avg", [TSERIES_MAX] = "max", [TSERIES_MIN] = "min", [TSERIES_SUM] = "sum",
};

static int tseries_words(const struct aggregate *a)
{
	return BUCKET_WORDS * (int)a->intervals;
}

static bool better(const struct aggregate *a, unsigned long long x, unsigned long long than)
{
	bool is_min = a->func == TSERIES_MIN;
	if (a->is_signed)
		return is_min ? (long long)x < (long long)than : (long long)x > (long long)than;
	return is_min ? x < than : x > than;
}

/* Bucket by bucket: the copy of the later epoch wins; of the same epoch,
 * they combine as the function says (bpftrace's reduce_tseries_value). */
static void combine_tseries(const struct aggregate *a, unsigned long long *total, const unsigned long long *copy)
{
	for (int i = 0; i < a->intervals; i++) {
		unsigned long long *t = total + BUCKET_WORDS * i;
		const unsigned long long *c = copy + BUCKET_WORDS * i;
		if (!c[2])
			continue; /* never used */
		if (!t[2] || c[2] > t[2]) {
			memcpy(t, c, BUCKET_WORDS * sizeof(*t));
			continue;
		}
		if (c[2] < t[2])
			continue;
		switch (a->func) {
		case TSERIES_LAST:
			if (c[1] > t[1]) {
				t[0] = c[0];
				t[1] = c[1];
			}
			break;
		case TSERIES_AVG:
			t[0] += c[0];
			t[1] += c[1];
			break;
		case TSERIES_MAX:
		case TSERIES_MIN:
			if (better(a, c[0], t[0]))
				t[0] = c[0];
			break;
		case TSERIES_SUM:
			t[0] += c[0];
			break;
		}
	}
}

/* The latest epoch: what a tseries map sorts by (least recently updated
 * first, as bpftrace), and where its chart ends. */
static long long latest_epoch(const struct aggregate *a, const unsigned long long *v)
{
	unsigned long long latest = 0;
	for (int i = 0; i < a->intervals; i++)
		if (v[BUCKET_WORDS * i + 2] > latest)
			latest = v[BUCKET_WORDS * i + 2];
	return (long long)latest;
}

static bool any_epoch(const struct aggregate *a, const unsigned long long *v)
{
	return latest_epoch(a, v) != 0;
}

static bool point(const struct aggregate *a, const unsigned long long *v, unsigned long long epoch, long long *out)
{
	const unsigned long long *b = v + BUCKET_WORDS * (epoch % (unsigned long long)a->intervals);
	if (b[2] != epoch)
		return false;
	if (a->func != TSERIES_AVG)
		*out = (long long)b[0];
	else if (!b[1])
		*out = 0;
	else
		*out = a->is_signed ? (long long)b[0] / (long long)b[1] : (long long)(b[0] / b[1]);
	return true;
}

#ifndef LANTERN_FRONT_END_ONLY
/* BPFTRACE_DUMMY_TS_MAP=@name, bpftrace's hook for testing: the time is
 * that key-less integer map's value, not the clock's, so intervals are
 * what the script makes them. NULL: the clock. */
static struct map_info *dummy_time_map(const struct program *p)
{
	const char *name = getenv("BPFTRACE_DUMMY_TS_MAP");
	for (int i = 0; name && i < p->nmaps; i++) {
		struct map_info *m = p->maps[i];
		if (!strcmp(m->name, name) && !m->nkeys && type_is_integer(m->value))
			return m;
	}
	return NULL;
}

static LLVMValueRef time_now(struct cg *g)
{
	struct map_info *m = dummy_time_map(g->prog);
	if (!m)
		return cg_helper(g, BPF_FUNC_ktime_get_tai_ns, g->i64, NULL, 0);
	struct node ref = { .kind = N_MAP, .type = m->value };
	ref.map.name = m->name;
	ref.map.map = m;
	/* not through the lookup cache: this runs inside the assignment's
	 * branches, which later statements' lookups must not reuse */
	LLVMValueRef p = cg_map_element(g, &ref, NULL);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), hit = cg_block(g, "dummy_ts"), done = cg_block(g, "dummy_ts_read");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, p, ""), done, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	LLVMValueRef v = cg_load(g, g->i64, p);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "dummy_now");
	LLVMValueRef values[] = { cg_const(g, 0), v };
	LLVMBasicBlockRef blocks[] = { from, hit };
	LLVMAddIncoming(phi, values, blocks, 2);
	return phi;
}

static void update_tseries(struct cg *g, const struct aggregate *a, LLVMValueRef v, LLVMValueRef x, bool atomic)
{
	(void)atomic; /* per-CPU copies but in declared shared maps, whose race is bpftrace's too */
	LLVMValueRef ns = time_now(g);
	LLVMValueRef epoch = LLVMBuildUDiv(g->b, ns, cg_const(g, a->interval), "epoch");
	LLVMValueRef idx = cg_clamp(g, LLVMBuildURem(g->b, epoch, cg_const(g, a->intervals), ""), (int)a->intervals - 1);
	LLVMValueRef val = cg_gep_var(g, v, LLVMBuildMul(g->b, idx, cg_const(g, 8 * BUCKET_WORDS), ""));
	LLVMValueRef meta = cg_gep(g, val, 8), at = cg_gep(g, val, 16);
	LLVMBasicBlockRef reset = cg_block(g, "tseries_new_interval"), same = cg_block(g, "tseries_same_interval"),
			  done = cg_block(g, "tseries_done");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, cg_load(g, g->i64, at), epoch, ""), reset, same);

	/* an interval's first value */
	LLVMPositionBuilderAtEnd(g->b, reset);
	cg_store(g, x, val);
	cg_store(g, a->func == TSERIES_LAST ? ns : cg_const(g, a->func == TSERIES_AVG ? 1 : 0), meta);
	cg_store(g, epoch, at);
	LLVMBuildBr(g->b, done);

	LLVMPositionBuilderAtEnd(g->b, same);
	LLVMValueRef old = cg_load(g, g->i64, val);
	switch (a->func) {
	case TSERIES_LAST:
		cg_store(g, x, val);
		cg_store(g, ns, meta);
		break;
	case TSERIES_AVG:
		cg_store(g, LLVMBuildAdd(g->b, old, x, ""), val);
		cg_store(g, LLVMBuildAdd(g->b, cg_load(g, g->i64, meta), cg_const(g, 1), ""), meta);
		break;
	case TSERIES_SUM:
		cg_store(g, LLVMBuildAdd(g->b, old, x, ""), val);
		break;
	case TSERIES_MAX:
	case TSERIES_MIN: {
		bool is_min = a->func == TSERIES_MIN;
		LLVMIntPredicate pred = is_min ? (a->is_signed ? LLVMIntSLT : LLVMIntULT)
					       : (a->is_signed ? LLVMIntSGT : LLVMIntUGT);
		cg_store(g, LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, pred, x, old, ""), x, old, ""), val);
		break;
	}
	}
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}
#endif

static const struct aggregation tseries = {
	"tseries", AGG_SHOW_TSERIES, .words = tseries_words, .combine = combine_tseries, .has_data = any_epoch,
	.number = latest_epoch, .tseries_point = point, .update = BACKEND(update_tseries),
};

/* unstable_tseries, as bpftrace: error, or a warning (once) unless enable */
static bool unstable_allowed(struct checker *c, struct node *n)
{
	long long mode = config_int(CONFIG_UNSTABLE_TSERIES); /* 0 error, 1 warn, 2 enable */
	if (mode == 0) {
		check_error(c, n->loc, "tseries feature is not enabled by default. To enable this unstable feature, "
				       "set the config flag to enable. unstable_tseries=enable");
		return false;
	}
	if (mode == 1 && !c->prog->warned_unstable_tseries) {
		c->prog->warned_unstable_tseries = true;
		diag_warning((struct loc){ .source = -1 }, "Script is using an unstable feature: tseries. To prevent this warning "
						"you must explicitly enable it in the config e.g. unstable_tseries=enable");
	}
	return true;
}

static const struct type *check_tseries(struct checker *c, struct node *n)
{
	struct node **args = n->call.args.items;
	const struct type *v = check_expr(c, args[0]);
	if (!type_is_integer(v) && v->kind != TY_NONE)
		check_error(c, args[0]->loc, "tseries() needs an integer, not %s", type_name(v));
	c->made = (struct aggregate){ .kind = &tseries, .is_signed = v->is_signed, .interval = 1, .intervals = 1 };
	const struct type *t = type_agg(&tseries, v->is_signed);
	if (!unstable_allowed(c, n))
		return t;
	long long interval, intervals;
	if (!check_const_int(c, args[1], "tseries()'s interval", &interval) ||
	    !check_const_int(c, args[2], "tseries()'s number of intervals", &intervals))
		return t;
	if (interval <= 0) {
		check_error(c, args[1]->loc, "tseries()'s interval must be a positive number of nanoseconds (1s, 100ms...)");
		return t;
	}
	if (intervals < 1 || intervals > TSERIES_MAX_INTERVALS) {
		check_error(c, args[2]->loc, "tseries()'s number of intervals must be between 1 and %d",
			    TSERIES_MAX_INTERVALS);
		return t;
	}
	enum tseries_func func = TSERIES_LAST;
	if (n->call.args.n > 3) {
		struct node *f = args[3];
		check_expr(c, f);
		bool known = false;
		for (int i = TSERIES_AVG; f->kind == N_STR && i <= TSERIES_SUM; i++)
			if (!strcmp(f->string.bytes, func_names[i])) {
				func = (enum tseries_func)i;
				known = true;
			}
		if (!known) {
			check_error(c, f->loc, "tseries()'s aggregation must be \"avg\", \"max\", \"min\" or \"sum\"");
			return t;
		}
	}
	c->made.interval = interval;
	c->made.intervals = intervals;
	c->made.func = func;
	return t;
}

static const struct builtin rows[] = {
	{ .name = "tseries", .kind = BUILTIN_AGGREGATION, .min_args = 3, .max_args = 4,
	  .signature = "tseries(int, interval, num_intervals [, \"avg\"|\"max\"|\"min\"|\"sum\"])",
	  .check = check_tseries, .aggregation = &tseries },
	{ 0 },
};

const struct builtin_family builtins_tseries = { "time series", rows };
