/* bpftrace's text format (0.26), byte for byte: the script's output and
 * the maps on stdout, the banner and lost events on stderr. */
#include "../probes/provider.h"
#include "../compiler/diag.h"
#include "output.h"

#include <string.h>

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
	if (!s->n) /* bpftrace prints an empty map as an empty line */
		fputc('\n', out);
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
	.flush = output_flush,
};
