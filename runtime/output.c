#include "../probes/provider.h"
#include "output.h"

#include <string.h>

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

void output_flush(struct output *o)
{
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
			char buf[x->type->size + 1];
			memcpy(buf, data, (size_t)x->type->size);
			buf[x->type->size] = 0;
			printf_format_str(f, seg, buf);
		} else if (x->type->kind == TY_PROBE) {
			unsigned long long id;
			memcpy(&id, data, 8);
			printf_format_str(f, seg, id < (unsigned long long)p->nprobes ? p->probes[id].ap->name : "?");
		} else {
			long long v;
			memcpy(&v, data, 8);
			printf_format_int(f, seg, v);
		}
	}
}
