/* Aggregations (count, sum, hist...) are descriptors: one per kind, in
 * builtins/aggregations.c beside its builtin row, with everything the
 * layers need of it: the value's layout in a map, its update in the
 * kernel (codegen), how per-CPU copies combine and how it sorts (the
 * runtime), and what an output format prints of it. A map that
 * aggregates holds a `struct aggregate`: the kind and what it was given. */
#ifndef LANTERN_AGGREGATION_H
#define LANTERN_AGGREGATION_H
#include <stdbool.h>
#include <stddef.h>

#include "backend.h"

struct cg;
struct LLVMOpaqueValue;
struct aggregation;

/* What a map's aggregate is: the kind, the sign of the values it takes,
 * and its parameters (lhist's). */
/* tseries()'s fourth argument: how values of one interval combine
 * (none: the last one stays). */
enum tseries_func { TSERIES_LAST, TSERIES_AVG, TSERIES_MAX, TSERIES_MIN, TSERIES_SUM };

struct aggregate {
	const struct aggregation *kind;
	bool is_signed;
	long long min, max, step;
	/* tseries: interval_ns, num_intervals, the combining function */
	long long interval, intervals;
	enum tseries_func func;
	int bits; /* hist(x, k): 2^k buckets per power of 2 */
};

/* What an output format shows of a value. */
enum agg_shape {
	AGG_SHOW_NUMBER,  /* one integer: number() */
	AGG_SHOW_STATS,   /* count, average, total */
	AGG_SHOW_BUCKETS, /* a histogram: buckets() counts with bucket_label() */
	AGG_SHOW_TSERIES, /* a time series: tseries_point() for each interval */
};

/* A histogram bucket's range as numbers: [min, max], an end missing for
 * the buckets below and above the rest. */
struct bucket_bounds {
	long long min, max;
	bool has_min, has_max;
};

struct aggregation {
	const char *name;
	enum agg_shape shape;
	/* The value can be read in an expression (@x = count(); if (@x > 5)). */
	bool readable;
	/* Its number is unsigned whatever it aggregates (count). */
	bool unsigned_number;
	/* Its number is an average (avg, stats): bpftrace 0.17's text output
	 * ends such a map with a blank line. */
	bool averages;
	/* Words (8 bytes) of one copy of the value, and of them how many are
	 * histogram buckets (0 for the rest). */
	int (*words)(const struct aggregate *a);
	int (*buckets)(const struct aggregate *a);
	/* Userspace: fold one CPU's copy into the total. */
	void (*combine)(const struct aggregate *a, unsigned long long *total, const unsigned long long *copy);
	/* A key-less value that never saw an event is not printed. */
	bool (*has_data)(const struct aggregate *a, const unsigned long long *v);
	/* The integer the value stands for: printing, sorting, reading. */
	long long (*number)(const struct aggregate *a, const unsigned long long *v);
	/* A histogram bucket's label, as bpftrace prints it. */
	void (*bucket_label)(const struct aggregate *a, int bucket, char *buf, size_t size);
	void (*bucket_bounds)(const struct aggregate *a, int bucket, struct bucket_bounds *out);
	/* A time series' value for interval number epoch (its start is epoch *
	 * interval ns of CLOCK_TAI): false when it has none. */
	bool (*tseries_point)(const struct aggregate *a, const unsigned long long *v, unsigned long long epoch,
			      long long *out);
	/* Codegen: add x to the value at v (atomically if the map is shared
	 * between CPUs), and the value as an i64 for reading it. */
	void (*update)(struct cg *g, const struct aggregate *a, struct LLVMOpaqueValue *v, struct LLVMOpaqueValue *x,
		       bool atomic);
	struct LLVMOpaqueValue *(*load)(struct cg *g, const struct aggregate *a, struct LLVMOpaqueValue *v);
};

#endif
