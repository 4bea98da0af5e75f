/* bpftrace's text format (0.26), byte for byte: the script's output and
 * the maps on stdout, the banner and lost events on stderr. */
#include "../probes/provider.h"
#include "../compiler/diag.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 52

static void print_key(FILE *out, const struct program *p, const struct map_snapshot *s, const unsigned char *key)
{
	const struct map_info *m = s->m;
	fputs(m->name, out);
	if (!m->nkeys)
		return;
	fputc('[', out);
	for (int i = 0; i < m->nkeys; i++) {
		if (i)
			fputs(", ", out);
		output_write_value(out, p, m->keys[i], key + s->l->key_offsets[i]);
	}
	fputc(']', out);
}

static void print_buckets(FILE *out, const struct map_snapshot *s, const unsigned long long *v)
{
	int first = -1, last = -1;
	unsigned long long max = 0;
	for (int i = 0; i < s->l->nbuckets; i++) {
		if (!v[i])
			continue;
		if (first < 0)
			first = i;
		last = i;
		if (v[i] > max)
			max = v[i];
	}
	for (int i = first; first >= 0 && i <= last; i++) {
		char label[64], bar[BAR_WIDTH + 1];
		s->m->agg.kind->bucket_label(&s->m->agg, i, label, sizeof(label));
		int width = (int)(v[i] * BAR_WIDTH / max);
		memset(bar, '@', (size_t)width);
		memset(bar + width, ' ', (size_t)(BAR_WIDTH - width));
		bar[BAR_WIDTH] = 0;
		fprintf(out, "%-16s%8llu |%s|\n", label, v[i], bar);
	}
}

static void print_map(FILE *out, const struct program *p, const struct map_snapshot *s, long long top, long long div)
{
	const struct map_info *m = s->m;
	/* an empty map prints nothing, as in bpftrace 0.26 (0.17 printed
	 * an empty line) */
	int start = top > 0 && top < s->n ? s->n - (int)top : 0;
	unsigned long long d = div > 0 ? (unsigned long long)div : 1;
	bool tseries = m->value->kind == TY_AGG && m->agg.kind->shape == AGG_SHOW_TSERIES;
	unsigned long long last_epoch = tseries ? output_tseries_last(s) : 0;
	for (int i = start; i < s->n; i++) {
		const struct map_entry *e = &s->entries[i];
		print_key(out, p, s, e->key);
		if (m->value->kind != TY_AGG) {
			fputs(": ", out);
			if (type_is_integer(m->value) && div > 0 && m->value->is_signed) {
				fprintf(out, "%lld", (long long)e->value[0] / (long long)d);
			} else if (type_is_integer(m->value) && div > 0) {
				fprintf(out, "%llu", e->value[0] / d);
			} else {
				output_write_value(out, p, m->value, e->value);
			}
			fputc('\n', out);
			continue;
		}
		switch (m->agg.kind->shape) {
		case AGG_SHOW_TSERIES:
			fputs(":\n", out);
			output_write_tseries(out, &m->agg, e->value, last_epoch);
			fputc('\n', out);
			break;
		case AGG_SHOW_BUCKETS:
			fputs(":\n", out);
			print_buckets(out, s, e->value);
			fputc('\n', out);
			break;
		case AGG_SHOW_STATS: /* bpftrace does not divide stats */
			fprintf(out, ": { .count = %llu, .average = %lld, .total = %lld }\n", e->value[0],
				map_value_number(m, e->value), (long long)e->value[1]);
			break;
		case AGG_SHOW_NUMBER: {
			long long v = map_value_number(m, e->value);
			bool is_signed = map_value_signed(m);
			fputs_unlocked(": ", out);
			output_write_int(out, is_signed ? (unsigned long long)(v / (long long)d) : (unsigned long long)v / d, is_signed);
			fputc_unlocked('\n', out);
		}
		}
	}
}

static void text_printf(struct output *o, const struct async_call *a, const unsigned char *rec)
{
	output_write_printf(o->out, o->prog, a, rec);
}

static void text_value(struct output *o, const struct type *t, const void *data)
{
	output_write_value(o->out, o->prog, t, data);
	fputc('\n', o->out);
}

static void text_map(struct output *o, const struct map_snapshot *s, long long top, long long div)
{
	print_map(o->out, o->prog, s, top, div);
}

static void text_time(struct output *o, const char *text)
{
	fputs(text, o->out);
}

static void text_message(struct output *o, enum output_message kind, const char *text, size_t len)
{
	fwrite(text, 1, len, o->out);
	if (kind == MESSAGE_JOIN)
		fputc('\n', o->out);
}

/* As bpftrace's -k warning: the error, the helper, the place. */
static void text_helper_error(struct output *o, const struct async_call *a, long long retcode)
{
	fflush(o->out); /* after what the script printed before it failed */
	diag_warning(a->loc, "%s\nAdditional Info - helper: %s, retcode: %lld", strerror((int)-retcode),
		     output_helper_name(a->helper), retcode);
}

static void text_exit_maps(struct output *o)
{
	fputs("\n\n", o->out);
}

static void text_attached(struct output *o, int nprobes)
{
	fprintf(o->err, "Attached %d probe%s\n", nprobes, nprobes == 1 ? "" : "s");
}

static void text_lost_events(struct output *o, unsigned long long n)
{
	fprintf(o->err, "Lost %llu events\n", n);
}

/* --mode test: googletest's layout and colours, as bpftrace prints it;
 * colours only on a terminal, unless BPFTRACE_COLOR says always or never */
static bool coloured(FILE *out)
{
	const char *how = getenv("BPFTRACE_COLOR");
	if (how && !strcmp(how, "always"))
		return true;
	if (how && !strcmp(how, "never"))
		return false;
	return isatty(fileno(out));
}

#define GREEN (colour ? "\033[32m" : "")
#define RED (colour ? "\033[31m" : "")
#define PLAIN (colour ? "\033[0m" : "")

static const char *tests_word(int n)
{
	return n == 1 ? "test" : "tests";
}

/* A run's time in the largest unit it has one of: "35 ns", "2 μs". */
static void print_duration(FILE *out, unsigned long long ns)
{
	static const struct {
		unsigned long long scale;
		const char *unit;
	} units[] = { { 1000000000ULL, "s" }, { 1000000ULL, "ms" }, { 1000ULL, "\xce\xbc" "s" /* μs */ }, { 1, "ns" } };
	size_t i = 0;
	while (ns < units[i].scale && units[i].scale > 1)
		i++;
	fprintf(out, "%llu %s", ns / units[i].scale, units[i].unit);
}

static void text_test_result(struct output *o, const struct run_results *r, int index, unsigned long long duration_ns,
			     const char *printed)
{
	FILE *out = o->out;
	bool colour = coloured(out);
	const char *name = r->names[index];
	if (index == 0)
		fprintf(out, "%s[==========]%s Running %d tests.\n", GREEN, PLAIN, r->n);
	fprintf(out, "%s[ RUN      ]%s %s\n", GREEN, PLAIN, name);
	if (r->passed[index]) {
		fprintf(out, "%s[       OK ]%s %s", GREEN, PLAIN, name);
	} else {
		/* what the test printed, its blank lines left out */
		for (const char *line = printed; *line;) {
			size_t len = strcspn(line, "\n");
			if (len)
				fprintf(out, "%.*s\n", (int)len, line);
			line += len + (line[len] == '\n');
		}
		fprintf(out, "%s[  FAILED  ]%s %s", RED, PLAIN, name);
	}
	fputs(" (", out);
	print_duration(out, duration_ns);
	fputs(")\n", out);
	if (index < r->n - 1)
		return;
	int failed = 0;
	for (int i = 0; i < r->n; i++)
		failed += !r->passed[i];
	fprintf(out, "%s[==========]%s %d %s ran.\n", GREEN, PLAIN, r->n, tests_word(r->n));
	fprintf(out, "%s[  PASSED  ]%s %d %s.\n", GREEN, PLAIN, r->n - failed, tests_word(r->n - failed));
	if (!failed)
		return;
	fprintf(out, "%s[  FAILED  ]%s %d %s, listed below:\n", RED, PLAIN, failed, tests_word(failed));
	for (int i = 0; i < r->n; i++)
		if (!r->passed[i])
			fprintf(out, "%s[  FAILED  ]%s %s\n", RED, PLAIN, r->names[i]);
}

/* --mode bench: a table, its header over the first result; the name
 * column at least 40 wide, as bpftrace's */
static void text_bench_result(struct output *o, const struct run_results *r, int index, unsigned long long average_ns,
			      unsigned long long iters)
{
	int width = 40;
	for (int i = 0; i < r->n; i++)
		if ((int)strlen(r->names[i]) > width)
			width = (int)strlen(r->names[i]);
	if (r->shown == 0) {
		fprintf(o->out, "%-*s%-15s%s\n", width + 1, "Benchmark", "Time(ns)", "Iterations");
		for (int i = 0; i < width + 1 + 15 + 10; i++)
			fputc('-', o->out);
		fputc('\n', o->out);
	}
	fprintf(o->out, "%-*s%-15llu%llu\n", width + 1, r->names[index], average_ns, iters);
}

const struct output_ops output_text = {
	.printf_event = text_printf,
	.value = text_value,
	.map = text_map,
	.exit_maps = text_exit_maps,
	.attached = text_attached,
	.lost_events = text_lost_events,
	.time = text_time,
	.message = text_message,
	.helper_error = text_helper_error,
	.test_result = text_test_result,
	.bench_result = text_bench_result,
	.flush = output_flush,
};
