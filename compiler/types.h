/* The types of lantern expressions. Integers are 64-bit in registers; the
 * declared size only matters where they are loaded (tracepoint fields) and
 * signedness decides printing, division, comparison and hist buckets. */
#ifndef LANTERN_TYPES_H
#define LANTERN_TYPES_H
#include <stdbool.h>

enum type_kind {
	TY_NONE,  /* not yet known */
	TY_VOID,  /* statements and functions that return nothing */
	TY_INT,
	TY_STR,   /* fixed-size, NUL-padded buffer of `size` bytes */
	TY_PROBE, /* the `probe` builtin: a probe id, printed as its name */
	TY_AGG,   /* the result of count(), hist()...: only assignable to a map */
};

enum agg_kind {
	AGG_NONE,
	AGG_COUNT,
	AGG_SUM,
	AGG_MIN,
	AGG_MAX,
	AGG_AVG,
	AGG_STATS,
	AGG_HIST,
	AGG_LHIST,
};

struct type {
	enum type_kind kind;
	int size;       /* bytes: 8 for ints, buffer size for strings */
	bool is_signed; /* TY_INT; for TY_AGG, of the aggregated value */
	bool is_ptr;    /* TY_INT holding an address (str() accepts it) */
	bool user_ptr;  /* ... into user memory */
	enum agg_kind agg;
	long long lhist_min, lhist_max, lhist_step;
};

static inline struct type type_int(bool is_signed)
{
	return (struct type){ .kind = TY_INT, .size = 8, .is_signed = is_signed };
}

static inline struct type type_str(int size)
{
	return (struct type){ .kind = TY_STR, .size = size };
}

const char *type_name(const struct type *t); /* for messages: "int64", "string[16]" */
const char *agg_name(enum agg_kind agg);     /* "count", "hist", ... */

/* Buffers (strings, keys, record slots) are kept in whole 8-byte words, so
 * they can be written and compared a word at a time. */
static inline int round8(int n)
{
	return (n + 7) & ~7;
}

/* Default size of str() results, as bpftrace 0.17's BPFTRACE_STRLEN. */
#define STR_DEFAULT_SIZE 64
#define COMM_SIZE 16

#endif
