/* The shapes the rest of lantern builds on: AST walking and copying, types
 * as shared pointers, diagnostics per source and held back, the builtin
 * rows and the aggregation descriptors. */
#include <stdlib.h>

#include "../../compiler/arena.h"
#include "../../compiler/builtin.h"
#include "unit.h"

static void count_child(struct node **child, void *ctx)
{
	(void)child;
	(*(int *)ctx)++;
}

static void test_ast(void)
{
	struct loc at = { 0 };
	struct node *call = node_new(N_CALL, at);
	call->call.name = "f";
	node_list_push(&call->call.args, node_new(N_INT, at));
	node_list_push(&call->call.args, node_new(N_STR, at));
	CHECK(call->call.event_id == -1 && call->type == TYPE_NONE);
	int n = 0;
	node_for_each_child(call, count_child, &n);
	CHECK(n == 2);
	/* the copy has its own list and its own children */
	struct node *copy = node_clone(call);
	CHECK(copy != call && copy->call.args.items != call->call.args.items);
	CHECK(copy->call.args.items[0] != call->call.args.items[0] && copy->call.args.items[1]->kind == N_STR);
	node_list_push(&copy->call.args, node_new(N_INT, at));
	CHECK(call->call.args.n == 2 && copy->call.args.n == 3);
	/* a for loop's five places, NULL ones skipped */
	struct node *loop = node_new(N_FOR, at);
	loop->for_loop.var = node_new(N_VAR, at);
	loop->for_loop.map = node_new(N_MAP, at);
	loop->for_loop.body = node_new(N_BLOCK, at);
	n = 0;
	node_for_each_child(loop, count_child, &n);
	CHECK(n == 3);
	arena_free_all();
}

static void test_type_shapes(void)
{
	const struct type *s16 = type_str(16), *p = type_ptr(type_int(true), AS_USER);
	CHECK(!strcmp(type_name(s16), "string[16]") && !strcmp(type_name(type_int(false)), "uint64"));
	CHECK(!strcmp(type_name(p), "int64 *") && p->size == 8 && p->space == AS_USER);
	const struct type *a = type_array(type_int(false), 4);
	CHECK(a->size == 32 && !strcmp(type_name(a), "uint64[4]"));
	CHECK(type_equal(type_str(16), s16) && !type_equal(s16, type_str(17)));
	CHECK(!type_equal(p, type_ptr(type_int(true), AS_KERNEL)) && type_equal(p, type_ptr(type_int(true), AS_USER)));
	CHECK(type_is_integer(p) && type_is_integer(type_int(true)) && !type_is_integer(s16));
	CHECK(type_with_sign(type_int(true), false) == type_int(false));
	arena_free_all();
}

static void test_sources_and_holding(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	struct source one = { "one.bt", "BEGIN { }\n" }, two = { "two.bt", "first\nsecond line\n" };
	int id1 = diag_add_source(&one), id2 = diag_add_source(&two);
	CHECK(id1 != id2 && diag_source(id2) == &two);
	diag_error((struct loc){ id2, 2, 1, 2, 6 }, "here");
	diag_hold();
	diag_error((struct loc){ id1, 1, 1, 1, 5 }, "dropped");
	diag_release(false);
	diag_hold();
	diag_error((struct loc){ id1, 1, 1, 1, 5 }, "kept");
	CHECK(diag_error_count() == 1); /* held errors count once printed */
	diag_release(true);
	fclose(out);
	diag_set_stream(NULL);
	CHECK_CONTAINS(buf, "two.bt:2:1-7: ERROR: here\nsecond line\n~~~~~~\n");
	CHECK_CONTAINS(buf, "one.bt:1:1-6: ERROR: kept\n");
	CHECK(!strstr(buf, "dropped") && diag_error_count() == 2);
	free(buf);
	diag_reset();
}

static void test_builtin_rows(void)
{
	CHECK(builtins_self_check());
	CHECK(builtin_lookup("pid")->flags & BF_STABLE);
	CHECK(!(builtin_lookup("nsecs")->flags & BF_STABLE));
	CHECK(builtin_positional_as_text("str") && !builtin_positional_as_text("printf"));
	CHECK(builtin_lookup("printf")->event == ASYNC_PRINTF && builtin_lookup("nope") == NULL);
}

static void test_aggregations(void)
{
	const struct aggregation *lhist = builtin_lookup("lhist")->aggregation;
	struct aggregate l = { .kind = lhist, .min = 0, .max = 100, .step = 30 };
	CHECK(lhist->buckets(&l) == 5); /* under, [0,30) [30,60) [60,90), over */
	char label[64];
	lhist->bucket_label(&l, 3, label, sizeof label);
	CHECK(!strcmp(label, "[60, 90)"));
	lhist->bucket_label(&l, 4, label, sizeof label);
	CHECK(!strcmp(label, "[100, ...)"));
	const struct aggregation *hist = builtin_lookup("hist")->aggregation;
	struct aggregate h = { .kind = hist };
	CHECK(hist->buckets(&h) == 66);
	hist->bucket_label(&h, 12, label, sizeof label);
	CHECK(!strcmp(label, "[1K, 2K)"));
	hist->bucket_label(&h, 65, label, sizeof label);
	CHECK(!strcmp(label, "[8E, 16E)"));
	struct aggregate h2 = { .kind = hist, .bits = 2 }; /* 4 parts per power of 2, as bpftrace */
	CHECK(hist->buckets(&h2) == (63 << 2) + 1);
	hist->bucket_label(&h2, 8, label, sizeof label);
	CHECK(!strcmp(label, "[7]"));
	hist->bucket_label(&h2, 9, label, sizeof label);
	CHECK(!strcmp(label, "[8, 10)"));
	hist->bucket_label(&h2, 38, label, sizeof label);
	CHECK(!strcmp(label, "[1280, 1536)"));
	/* min over CPUs: only copies that saw a value, compared signed */
	const struct aggregation *min = builtin_lookup("min")->aggregation;
	struct aggregate m = { .kind = min, .is_signed = true };
	unsigned long long total[2] = { 0 }, unset[2] = { 0, 0 }, five[2] = { 5, 1 }, minus[2] = { (unsigned long long)-3, 1 };
	min->combine(&m, total, unset);
	min->combine(&m, total, five);
	min->combine(&m, total, minus);
	CHECK(min->number(&m, total) == -3 && min->has_data(&m, total));
	const struct aggregation *avg = builtin_lookup("avg")->aggregation;
	struct aggregate a = { .kind = avg, .is_signed = true };
	unsigned long long v[2] = { 4, (unsigned long long)-10 };
	CHECK(avg->number(&a, v) == -2 && avg->readable && !builtin_lookup("stats")->aggregation->readable);
	CHECK(builtin_lookup("count")->aggregation->unsigned_number);
}

/* tseries: CPUs' copies combine bucket by bucket, the later epoch
 * winning, the same epoch combining; avg divides per interval. */
static void test_tseries(void)
{
	const struct aggregation *ts = builtin_lookup("tseries")->aggregation;
	struct aggregate a = { .kind = ts, .is_signed = true, .interval = 100, .intervals = 2, .func = TSERIES_AVG };
	CHECK(ts->words(&a) == 6 && ts->shape == AGG_SHOW_TSERIES && !ts->readable);
	/* buckets { value, meta (count), epoch }: epoch 7 is bucket 1, 8 bucket 0 */
	unsigned long long total[6] = { 0 }, cpu0[6] = { 0, 0, 0, 10, 2, 7 }, cpu1[6] = { 4, 1, 8, 2, 1, 7 },
			   stale[6] = { 99, 1, 6, 99, 1, 5 };
	CHECK(!ts->has_data(&a, total));
	ts->combine(&a, total, cpu0);
	ts->combine(&a, total, stale);
	ts->combine(&a, total, cpu1);
	long long x;
	CHECK(ts->tseries_point(&a, total, 7, &x) && x == 4); /* (10 + 2) / 3 */
	CHECK(ts->tseries_point(&a, total, 8, &x) && x == 4);
	CHECK(!ts->tseries_point(&a, total, 6, &x) && !ts->tseries_point(&a, total, 9, &x));
	CHECK(ts->number(&a, total) == 8 && ts->has_data(&a, total));
	/* the last value: the copy written last (meta: its time) wins */
	struct aggregate l = a;
	l.func = TSERIES_LAST;
	unsigned long long t2[6] = { 0 }, early[6] = { 0, 0, 0, 1, 50, 3 }, late[6] = { 0, 0, 0, 2, 60, 3 };
	ts->combine(&l, t2, late);
	ts->combine(&l, t2, early);
	CHECK(ts->tseries_point(&l, t2, 3, &x) && x == 2);
}

void test_shape(void)
{
	test_ast();
	test_type_shapes();
	test_sources_and_holding();
	test_builtin_rows();
	test_aggregations();
	test_tseries();
}
