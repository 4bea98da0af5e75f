#include "../compiler/arena.h"
#include "../compiler/config.h"
#include "../probes/provider.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>

static const struct {
	const char *name;
	const struct output_ops *ops;
} formats[] = {
	{ "text", &output_text }, /* the default: first */
	{ "json", &output_json },
};

const struct output_ops *output_format(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!name || !strcmp(name, formats[i].name))
			return formats[i].ops;
	return NULL;
}

const char *output_probe_name(const struct program *p, const struct type *t, unsigned long long id)
{
	if (id >= (unsigned long long)p->nprobes)
		return "?";
	const struct attach_point *ap = p->probes[id].ap;
	return t->of_func ? (ap->func ? ap->func : "?") : ap->name;
}

/* Maps of a million keys print a million lines: no printf on this path. */
void output_write_int(FILE *out, unsigned long long v, bool is_signed)
{
	char buf[24], *p = buf + sizeof(buf);
	bool negative = is_signed && (long long)v < 0;
	if (negative)
		v = -v;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	if (negative)
		*--p = '-';
	fwrite_unlocked(p, 1, (size_t)(buf + sizeof(buf) - p), out);
}

size_t output_string_shown(char *out, const char *data, int size)
{
	size_t len = strnlen(data, (size_t)size);
	memcpy(out, data, len);
	if (len + 1 >= (size_t)size && len >= (size_t)config_int(CONFIG_MAX_STRLEN)) {
		const char *trailer = config_text(CONFIG_STR_TRUNC_TRAILER);
		size_t more = strnlen(trailer, OUTPUT_TRAILER_MAX);
		memcpy(out + len, trailer, more);
		len += more;
	}
	out[len] = 0;
	return len;
}

void output_write_value(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	const unsigned char *b = data;
	switch (t->kind) {
	case TY_STR: {
		char shown[t->size + OUTPUT_TRAILER_MAX + 1];
		fwrite_unlocked(shown, 1, output_string_shown(shown, data, t->size), out);
		return;
	}
	case TY_PROBE:
		fputs(output_probe_name(p, t, type_read_int(t, data)), out);
		return;
	case TY_BOOL:
		fputs(type_read_int(t, data) ? "true" : "false", out);
		return;
	case TY_RESOLVED:
		output_write_resolved(out, p, t, data);
		return;
	case TY_PTR:
		fprintf(out, "0x%llx", type_read_int(t, data));
		return;
	case TY_ARRAY:
		fputc('[', out);
		for (int i = 0; i < t->count; i++) {
			if (i)
				fputc(',', out);
			output_write_value(out, p, t->elem, b + i * t->elem->size);
		}
		fputc(']', out);
		return;
	case TY_TUPLE:
		fputc('(', out);
		for (int i = 0; i < t->nmembers; i++) {
			if (i)
				fputs(", ", out);
			output_write_value(out, p, t->members[i].type, b + t->members[i].offset);
		}
		fputc(')', out);
		return;
	case TY_RECORD:
	case TY_STRUCT:
	case TY_UNION:
		fputs("{ ", out);
		for (int i = 0; i < t->nmembers; i++) {
			const struct type_member *m = &t->members[i];
			fprintf(out, "%s.%s = ", i ? ", " : "", m->name);
			if (m->bit_width > 0)
				output_write_int(out, type_read_bitfield(m, b), m->type->is_signed);
			else
				output_write_value(out, p, m->type, b + m->offset);
		}
		fputs(" }", out);
		return;
	default:
		if (t->nenumerators) { /* an enum's value prints as its name */
			const char *name = type_enumerator_name(t, (long long)type_read_int(t, data));
			if (name) {
				fputs(name, out);
				return;
			}
		}
		output_write_int(out, type_read_int(t, data), t->is_signed);
	}
}

const char *output_helper_name(int helper)
{
	switch (helper) {
	case BPF_FUNC_probe_read_kernel: return "probe_read_kernel";
	case BPF_FUNC_probe_read_user: return "probe_read_user";
	case BPF_FUNC_probe_read_kernel_str: return "probe_read_kernel_str";
	case BPF_FUNC_probe_read_user_str: return "probe_read_user_str";
	default: return arena_printf("helper %d", helper);
	}
}

void output_flush(struct output *o)
{
	if (!o->full_buffering)
		fflush(o->out);
}

void output_write_printf(FILE *f, const struct program *p, const struct async_call *a, const unsigned char *rec)
{
	const struct printf_format *fmt = &a->fmt;
	int arg = 0;
	for (int i = 0; i < fmt->nsegs; i++) {
		const struct printf_segment *seg = &fmt->segs[i];
		fwrite(seg->literal, 1, (size_t)seg->literal_len, f);
		if (!seg->has_conv)
			continue;
		const struct async_arg *x = &a->args[arg++];
		const unsigned char *data = rec + x->offset;
		if (x->type->kind == TY_STR) {
			char shown[x->type->size + OUTPUT_TRAILER_MAX + 1];
			output_string_shown(shown, (const char *)data, x->type->size);
			printf_format_str(f, seg, shown);
		} else if (x->type->kind == TY_RESOLVED) {
			char *text = NULL;
			size_t len = 0;
			FILE *m = open_memstream(&text, &len);
			if (seg->kind == CONV_BUF)
				output_write_buffer(m, data, seg->buf_style);
			else
				output_write_resolved(m, p, x->type, data);
			fclose(m);
			printf_format_str(f, seg, text ? text : "");
			free(text);
		} else if (seg->kind == CONV_STR && x->type->nenumerators) { /* an enum's value: its name */
			long long v;
			memcpy(&v, data, 8);
			const char *name = type_enumerator_name(x->type, v);
			char number[24];
			snprintf(number, sizeof(number), "%llu", (unsigned long long)v);
			printf_format_str(f, seg, name ? name : number);
		} else if (x->type->kind == TY_PROBE) {
			unsigned long long id;
			memcpy(&id, data, 8);
			printf_format_str(f, seg, output_probe_name(p, x->type, id));
		} else {
			long long v;
			memcpy(&v, data, 8);
			printf_format_int(f, seg, v);
		}
	}
}
