#include "builtins.h"

#include <string.h>

#include "arena.h"
#include "check.h"

/* ---- variables ---- */

static struct type uint_var(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return type_int(false);
}

static struct type comm_var(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return type_str(COMM_SIZE);
}

static struct type probe_var(struct checker *c, struct node *n)
{
	(void)c;
	(void)n;
	return (struct type){ .kind = TY_PROBE, .size = 8 };
}

static struct type args_var(struct checker *c, struct node *n)
{
	if (!c->inst->ap->provider->has_args)
		check_error(c, n->loc, "%s probes have no args", c->inst->ap->provider->name);
	else
		check_error(c, n->loc, "args can only be used with a field, as in args->name, for now");
	return (struct type){ .kind = TY_NONE };
}

/* ---- functions ---- */

static struct type printf_call(struct checker *c, struct node *n)
{
	struct node *fmt = n->args.items[0];
	if (fmt->kind != N_STR) {
		check_error(c, fmt->loc, "printf() needs a string literal as its format");
		return (struct type){ .kind = TY_VOID };
	}
	struct printf_format parsed;
	const char *err;
	int off;
	if (printf_format_parse(fmt->name, (int)fmt->ival, &parsed, &err, &off)) {
		struct loc at = fmt->loc;
		if (at.line == at.end_line) { /* point at the conversion itself */
			at.col += off + 1;
			at.end_col = at.col;
		}
		check_error(c, at, "%s", err);
		return (struct type){ .kind = TY_VOID };
	}
	int nargs = n->args.n - 1;
	if (nargs != parsed.nconvs) {
		check_error(c, n->loc, "printf() format has %d conversion%s but %d argument%s given",
			    parsed.nconvs, parsed.nconvs == 1 ? "" : "s", nargs, nargs == 1 ? " is" : "s are");
		return (struct type){ .kind = TY_VOID };
	}
	if (nargs > MAX_ASYNC_ARGS) {
		check_error(c, n->loc, "printf() takes at most %d arguments", MAX_ASYNC_ARGS);
		return (struct type){ .kind = TY_VOID };
	}
	struct type types[MAX_ASYNC_ARGS];
	int conv = 0;
	for (int i = 1; i < n->args.n; i++) {
		struct node *arg = n->args.items[i];
		types[i - 1] = check_expr(c, arg);
		while (!parsed.segs[conv].has_conv)
			conv++;
		const struct printf_segment *seg = &parsed.segs[conv++];
		enum type_kind k = types[i - 1].kind;
		if (k == TY_NONE)
			continue;
		bool ok = seg->kind == CONV_STR ? (k == TY_STR || k == TY_PROBE) : k == TY_INT;
		if (!ok)
			check_error(c, arg->loc, "%%%c expects %s, but this is %s", seg->conv,
				    seg->kind == CONV_STR ? "a string" : "an integer", type_name(&types[i - 1]));
	}
	struct async_call *a = check_new_async(c, ASYNC_PRINTF, n);
	if (a) {
		a->fmt = parsed;
		for (int i = 0; i < nargs; i++)
			async_add_arg(a, types[i]);
	}
	return (struct type){ .kind = TY_VOID };
}

static bool is_whole_map(const struct node *n)
{
	return n->kind == N_MAP && n->args.n == 0;
}

static struct type print_call(struct checker *c, struct node *n)
{
	struct node *what = n->args.items[0];
	if (is_whole_map(what)) {
		struct map_info *m = check_whole_map(c, what);
		long long top = 0, div = 0;
		if (n->args.n > 1 && !check_const_int(c, n->args.items[1], "print()'s top", &top))
			return (struct type){ .kind = TY_VOID };
		if (n->args.n > 2 && !check_const_int(c, n->args.items[2], "print()'s divisor", &div))
			return (struct type){ .kind = TY_VOID };
		if (top < 0 || div < 0)
			check_error(c, n->loc, "print()'s top and divisor cannot be negative");
		struct async_call *a = check_new_async(c, ASYNC_PRINT_MAP, n);
		if (a) {
			a->map = m;
			a->top = top;
			a->div = div;
		}
		return (struct type){ .kind = TY_VOID };
	}
	if (n->args.n > 1) {
		check_error(c, n->loc, "print() takes top and divisor only for whole maps");
		return (struct type){ .kind = TY_VOID };
	}
	struct type t = check_expr(c, what);
	if (t.kind == TY_VOID || t.kind == TY_AGG)
		check_error(c, what->loc, "print() cannot print %s", type_name(&t));
	struct async_call *a = check_new_async(c, ASYNC_PRINT_VALUE, n);
	if (a)
		async_add_arg(a, t);
	return (struct type){ .kind = TY_VOID };
}

static struct type str_call(struct checker *c, struct node *n)
{
	struct node *src = n->args.items[0];
	struct type t = check_expr(c, src);
	int size = STR_DEFAULT_SIZE;
	if (n->args.n > 1) {
		long long len;
		if (!check_const_int(c, n->args.items[1], "str()'s length", &len))
			return type_str(size);
		if (len < 1 || len >= STR_DEFAULT_SIZE * 16) {
			check_error(c, n->args.items[1]->loc, "str()'s length must be between 1 and %d",
				    STR_DEFAULT_SIZE * 16 - 1);
			return type_str(size);
		}
		size = (int)len + 1;
	}
	if (t.kind == TY_STR)
		return t.size < size ? t : type_str(size);
	if (t.kind != TY_INT && t.kind != TY_NONE)
		check_error(c, src->loc, "str() needs a pointer or a string, not %s", type_name(&t));
	return type_str(size);
}

static struct type aggregation(struct checker *c, struct node *n, enum agg_kind agg)
{
	struct type t = { .kind = TY_AGG, .agg = agg };
	if (!c->agg_allowed) {
		check_error(c, n->loc, "%s() must be assigned to a map, as in @x = %s(...)", n->name, n->name);
		return (struct type){ .kind = TY_NONE };
	}
	c->agg_allowed = false;
	if (n->args.n > 0) {
		struct type v = check_expr(c, n->args.items[0]);
		if (v.kind != TY_INT && v.kind != TY_NONE)
			check_error(c, n->args.items[0]->loc, "%s() needs an integer, not %s", n->name, type_name(&v));
		t.is_signed = v.is_signed;
	}
	return t;
}

static struct type count_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_COUNT); }
static struct type sum_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_SUM); }
static struct type avg_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_AVG); }
static struct type min_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_MIN); }
static struct type max_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_MAX); }
static struct type stats_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_STATS); }
static struct type hist_call(struct checker *c, struct node *n) { return aggregation(c, n, AGG_HIST); }

#define LHIST_MAX_BUCKETS 1000

static struct type lhist_call(struct checker *c, struct node *n)
{
	bool allowed = c->agg_allowed;
	struct type t = aggregation(c, n, AGG_LHIST);
	if (!allowed)
		return t;
	long long min, max, step;
	if (!check_const_int(c, n->args.items[1], "lhist()'s min", &min) ||
	    !check_const_int(c, n->args.items[2], "lhist()'s max", &max) ||
	    !check_const_int(c, n->args.items[3], "lhist()'s step", &step))
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

static struct type delete_call(struct checker *c, struct node *n)
{
	struct node *m = n->args.items[0];
	if (m->kind != N_MAP) {
		check_error(c, m->loc, "delete() needs a map element, as in delete(@x[key])");
		return (struct type){ .kind = TY_VOID };
	}
	if (n->args.n == 2) { /* delete(@m, key): fold the key into the map ref */
		if (m->args.n) {
			check_error(c, n->args.items[1]->loc, "delete() got a key twice");
			return (struct type){ .kind = TY_VOID };
		}
		struct node *key = n->args.items[1];
		if (key->kind == N_TUPLE)
			m->args = key->args;
		else
			node_list_push(&m->args, key);
		n->args.n = 1;
	}
	check_map_keys(c, m)->deleted_from = true;
	return (struct type){ .kind = TY_VOID };
}

static struct type map_event(struct checker *c, struct node *n, enum async_kind kind)
{
	struct node *m = n->args.items[0];
	if (!is_whole_map(m)) {
		check_error(c, m->loc, "%s() needs a whole map, as in %s(@x)", n->name, n->name);
		return (struct type){ .kind = TY_VOID };
	}
	struct map_info *info = check_whole_map(c, m);
	struct async_call *a = check_new_async(c, kind, n);
	if (a)
		a->map = info;
	return (struct type){ .kind = TY_VOID };
}

static struct type clear_call(struct checker *c, struct node *n) { return map_event(c, n, ASYNC_CLEAR); }
static struct type zero_call(struct checker *c, struct node *n) { return map_event(c, n, ASYNC_ZERO); }

static struct type exit_call(struct checker *c, struct node *n)
{
	if (n->args.n)
		check_int(c, n->args.items[0], "exit()'s code");
	struct async_call *a = check_new_async(c, ASYNC_EXIT, n);
	if (a)
		async_add_arg(a, type_int(true));
	return (struct type){ .kind = TY_VOID };
}

static const struct builtin builtins[] = {
	{ "pid", B_PID, false, 0, 0, "pid", uint_var },
	{ "tid", B_TID, false, 0, 0, "tid", uint_var },
	{ "uid", B_UID, false, 0, 0, "uid", uint_var },
	{ "gid", B_GID, false, 0, 0, "gid", uint_var },
	{ "comm", B_COMM, false, 0, 0, "comm", comm_var },
	{ "nsecs", B_NSECS, false, 0, 0, "nsecs", uint_var },
	{ "elapsed", B_ELAPSED, false, 0, 0, "elapsed", uint_var },
	{ "cpu", B_CPU, false, 0, 0, "cpu", uint_var },
	{ "probe", B_PROBE, false, 0, 0, "probe", probe_var },
	{ "args", B_ARGS, false, 0, 0, "args", args_var },
	{ "printf", F_PRINTF, true, 1, 1 + MAX_ASYNC_ARGS, "printf(format, ...)", printf_call },
	{ "print", F_PRINT, true, 1, 3, "print(@map [, top [, divisor]]) or print(value)", print_call },
	{ "str", F_STR, true, 1, 2, "str(pointer [, length])", str_call },
	{ "count", F_COUNT, true, 0, 0, "count()", count_call },
	{ "sum", F_SUM, true, 1, 1, "sum(int)", sum_call },
	{ "avg", F_AVG, true, 1, 1, "avg(int)", avg_call },
	{ "min", F_MIN, true, 1, 1, "min(int)", min_call },
	{ "max", F_MAX, true, 1, 1, "max(int)", max_call },
	{ "stats", F_STATS, true, 1, 1, "stats(int)", stats_call },
	{ "hist", F_HIST, true, 1, 1, "hist(int)", hist_call },
	{ "lhist", F_LHIST, true, 4, 4, "lhist(int, min, max, step)", lhist_call },
	{ "delete", F_DELETE, true, 1, 2, "delete(@map[key])", delete_call },
	{ "clear", F_CLEAR, true, 1, 1, "clear(@map)", clear_call },
	{ "zero", F_ZERO, true, 1, 1, "zero(@map)", zero_call },
	{ "exit", F_EXIT, true, 0, 1, "exit([code])", exit_call },
};

const struct builtin *builtin_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

bool builtin_is_aggregation(const struct builtin *b)
{
	return b->id >= F_COUNT && b->id <= F_LHIST;
}
