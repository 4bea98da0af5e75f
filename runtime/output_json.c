/* bpftrace's JSON output (-f json): one JSON object per line on stdout,
 * {"type": ..., "data": ...}, for what the script prints, the maps, the
 * attached probes and lost events. */
#include "../probes/provider.h"
#include "../compiler/cdefs.h"
#include "../compiler/diag.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

static void put_string(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* A buffer is an array of its bytes (as signed chars, as bpftrace
 * writes them), the rest the text they print as. */
static void put_resolved(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	if (t->resolved == RESOLVED_BUFFER) {
		unsigned long long n;
		memcpy(&n, data, 8);
		const signed char *b = (const signed char *)data + BUFFER_HEADER;
		fputc('[', out);
		for (unsigned long long i = 0; i < n; i++)
			fprintf(out, i ? ",%d" : "%d", b[i]);
		fputc(']', out);
		return;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	output_write_resolved(f, p, t, data);
	fclose(f);
	put_string(out, text, len);
	free(text);
}

/* A value: strings and probe names quoted, numbers as they are. */
static void put_value(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	const unsigned char *b = data;
	switch (t->kind) {
	case TY_STR: {
		char shown[t->size + OUTPUT_TRAILER_MAX + 1];
		put_string(out, shown, output_string_shown(shown, data, t->size));
		return;
	}
	case TY_PROBE:
		put_string(out, output_probe_name(p, t, type_read_int(t, data)), (size_t)-1);
		return;
	case TY_BOOL:
		fputs(type_read_int(t, data) ? "true" : "false", out);
		return;
	case TY_RESOLVED:
		put_resolved(out, p, t, data);
		return;
	case TY_TUPLE: /* an array */
	case TY_RECORD: /* objects */
	case TY_STRUCT:
	case TY_UNION: {
		bool named = t->kind != TY_TUPLE;
		fputc(named ? '{' : '[', out);
		for (int i = 0; i < t->nmembers; i++) {
			const struct type_member *m = &t->members[i];
			if (i) /* bpftrace's: a tuple's members joined by "," alone */
				fputs(named ? ", " : ",", out);
			if (named)
				fprintf(out, "\"%s\": ", m->name);
			if (m->bit_width > 0)
				output_write_int(out, type_read_bitfield(m, b), m->type->is_signed);
			else
				put_value(out, p, m->type, b + m->offset);
		}
		fputc(named ? '}' : ']', out);
		return;
	}
	case TY_ARRAY:
		if (cdefs_is_float(t)) {
			fputs("null", out);
			return;
		}
		fputc('[', out);
		for (int i = 0; i < t->count; i++) {
			if (i)
				fputc(',', out);
			put_value(out, p, t->elem, b + i * t->elem->size);
		}
		fputc(']', out);
		return;
	default:
		output_write_int(out, type_read_int(t, data), t->is_signed);
	}
}

/* A map key as bpftrace writes it in JSON: its parts joined by ",", and
 * without spaces (bpftrace erases them: a kstack key's lines lose their
 * indent). */
static void put_key(FILE *out, const struct program *p, const struct map_snapshot *s, const unsigned char *key)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	for (int i = 0; i < s->m->nkeys; i++) {
		if (i)
			fputc(',', f);
		output_write_value(f, p, s->m->keys[i], key + s->l->key_offsets[i]);
	}
	fclose(f);
	size_t kept = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ')
			text[kept++] = text[i];
	len = kept;
	put_string(out, text, len);
	free(text);
}

static void put_buckets(FILE *out, const struct map_snapshot *s, const unsigned long long *v)
{
	const struct aggregate *a = &s->m->agg;
	int first = -1, last = -1;
	for (int i = 0; i < s->l->nbuckets; i++) {
		if (v[i]) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	fputc('[', out);
	for (int i = first; first >= 0 && i <= last; i++) {
		struct bucket_bounds b;
		a->kind->bucket_bounds(a, i, &b);
		fputs(i > first ? ", {" : "{", out);
		if (b.has_min)
			fprintf(out, "\"min\": %lld, ", b.min);
		if (b.has_max)
			fprintf(out, "\"max\": %lld, ", b.max);
		fprintf(out, "\"count\": %llu}", v[i]);
	}
	fputc(']', out);
}

static void put_entry_value(FILE *out, const struct program *p, const struct map_snapshot *s,
			    const unsigned long long *v, long long div)
{
	const struct map_info *m = s->m;
	unsigned long long d = div > 0 ? (unsigned long long)div : 1;
	if (m->value->kind != TY_AGG) {
		if (type_is_integer(m->value) && div > 0)
			output_write_int(out, m->value->is_signed ? (unsigned long long)((long long)v[0] / (long long)d) : v[0] / d,
				   m->value->is_signed);
		else
			put_value(out, p, m->value, v);
		return;
	}
	switch (m->agg.kind->shape) {
	case AGG_SHOW_TSERIES:
		output_write_tseries_json(out, &m->agg, v, output_tseries_last(s));
		break;
	case AGG_SHOW_BUCKETS:
		put_buckets(out, s, v);
		break;
	case AGG_SHOW_STATS:
		fprintf(out, "{\"count\": %llu, \"average\": %lld, \"total\": %lld}", v[0], map_value_number(m, v),
			(long long)v[1]);
		break;
	case AGG_SHOW_NUMBER: {
		long long n = map_value_number(m, v);
		bool is_signed = map_value_signed(m);
		output_write_int(out, is_signed ? (unsigned long long)(n / (long long)d) : (unsigned long long)n / d, is_signed);
	}
	}
}

/* bpftrace's type of a map's JSON line: averaging maps (avg, stats) are
 * "stats", histograms "hist". */
static const char *map_kind(const struct map_info *m)
{
	if (m->value->kind != TY_AGG)
		return "map";
	if (m->agg.kind->shape == AGG_SHOW_TSERIES)
		return "tseries";
	return m->agg.kind->shape == AGG_SHOW_BUCKETS ? "hist" : m->agg.kind->averages ? "stats" : "map";
}

static void json_map(struct output *o, const struct map_snapshot *s, long long top, long long div)
{
	const struct map_info *m = s->m;
	FILE *out = o->out;
	bool empty_list = m->value->kind == TY_AGG &&
			  (m->agg.kind->shape == AGG_SHOW_BUCKETS || m->agg.kind->shape == AGG_SHOW_TSERIES);
	if (!m->nkeys && !s->n && !empty_list) /* a key-less map cleared: absent, as bpftrace */
		return;
	fprintf(out, "{\"type\": \"%s\", \"data\": {", map_kind(m));
	put_string(out, m->name, (size_t)-1);
	fputs(": ", out);
	if (!m->nkeys) {
		if (s->n)
			put_entry_value(out, o->prog, s, s->entries[0].value, div);
		else
			fputs("[]", out);
		fputs("}}\n", out);
		return;
	}
	int start = top > 0 && top < s->n ? s->n - (int)top : 0;
	fputc('{', out);
	for (int i = start; i < s->n; i++) {
		if (i > start)
			fputs(", ", out);
		put_key(out, o->prog, s, s->entries[i].key);
		fputs(": ", out);
		put_entry_value(out, o->prog, s, s->entries[i].value, div);
	}
	fputs("}}}\n", out);
}

static void json_printf(struct output *o, const struct async_call *a, const unsigned char *rec)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	output_write_printf(f, o->prog, a, rec);
	fclose(f);
	fputs("{\"type\": \"printf\", \"data\": ", o->out);
	put_string(o->out, text, len);
	fputs("}\n", o->out);
	free(text);
}

static void json_value(struct output *o, const struct type *t, const void *data)
{
	fputs("{\"type\": \"value\", \"data\": ", o->out);
	put_value(o->out, o->prog, t, data);
	fputs("}\n", o->out);
}

static void json_time(struct output *o, const char *text)
{
	fputs("{\"type\": \"time\", \"data\": ", o->out);
	put_string(o->out, text, strlen(text));
	fputs("}\n", o->out);
}

static void json_message(struct output *o, enum output_message kind, const char *text, size_t len)
{
	static const char *const types[] = { [MESSAGE_CAT] = "cat", [MESSAGE_JOIN] = "join", [MESSAGE_SYSTEM] = "syscall" };
	fprintf(o->out, "{\"type\": \"%s\", \"data\": ", types[kind]);
	put_string(o->out, text, len);
	fputs("}\n", o->out);
}

static void json_helper_error(struct output *o, const struct async_call *a, long long retcode)
{
	const char *msg = strerror((int)-retcode);
	const struct source *src = diag_source(a->loc.source);
	fputs("{\"type\": \"helper_error\", \"msg\": ", o->out);
	put_string(o->out, msg, strlen(msg));
	fprintf(o->out, ", \"helper\": \"%s\", \"retcode\": %lld, \"filename\": ", output_helper_name(a->helper), retcode);
	put_string(o->out, src ? diag_shown_name(src) : "", (size_t)-1);
	fprintf(o->out, ", \"line\": %d, \"col\": %d}\n", a->loc.line, a->loc.col);
}

static void json_exit_maps(struct output *o)
{
	(void)o; /* the text format's blank lines have no JSON counterpart */
}

static void json_attached(struct output *o, int nprobes)
{
	fprintf(o->out, "{\"type\": \"attached_probes\", \"count\": %d, \"data\": {\"probes\": %d}}\n", nprobes,
		nprobes);
}

static void json_lost_events(struct output *o, unsigned long long n)
{
	fprintf(o->out, "{\"type\": \"lost_events\", \"data\": {\"events\": %llu}}\n", n);
}

/* {"type": "test_result", "data": {"NAME": {"duration": ns, "passed": b, "output": "..."}}} */
static void json_test_result(struct output *o, const struct run_results *r, int index, unsigned long long duration_ns,
			     const char *printed)
{
	fputs("{\"type\": \"test_result\", \"data\": {", o->out);
	put_string(o->out, r->names[index], (size_t)-1);
	fprintf(o->out, ": {\"duration\": %llu, \"passed\": %s, \"output\": ", duration_ns,
		r->passed[index] ? "true" : "false");
	put_string(o->out, printed, (size_t)-1);
	fputs("}}}\n", o->out);
}

/* {"type": "benchmark_result", "data": {"NAME": {"average": ns, "iters": n}}} */
static void json_bench_result(struct output *o, const struct run_results *r, int index, unsigned long long average_ns,
			      unsigned long long iters)
{
	fputs("{\"type\": \"benchmark_result\", \"data\": {", o->out);
	put_string(o->out, r->names[index], (size_t)-1);
	fprintf(o->out, ": {\"average\": %llu, \"iters\": %llu}}}\n", average_ns, iters);
}

const struct output_ops output_json = {
	.printf_event = json_printf,
	.value = json_value,
	.map = json_map,
	.exit_maps = json_exit_maps,
	.attached = json_attached,
	.lost_events = json_lost_events,
	.time = json_time,
	.message = json_message,
	.helper_error = json_helper_error,
	.test_result = json_test_result,
	.bench_result = json_bench_result,
	.flush = output_flush,
};
