#include "printf_format.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "../probes/gfp_flags.h"

static void push(struct printf_format *out, struct printf_segment *seg, int *cap)
{
	out->segs = arena_grow(out->segs, out->nsegs, cap, sizeof(*out->segs));
	out->segs[out->nsegs++] = *seg;
}

/* s[0..n) as it would be written in a string literal: \n, not a newline. */
static const char *escaped(const char *s, int n)
{
	char *out = arena_alloc((size_t)n * 4 + 1), *o = out;
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			o += sprintf(o, "\\n");
		else if (c == '\t')
			o += sprintf(o, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			o += sprintf(o, "\\x%02x", c);
		else
			*o++ = (char)c;
	}
	*o = 0;
	return out;
}

int printf_format_parse(const char *fmt, int len, struct printf_format *out, const char **err, int *err_off)
{
	*out = (struct printf_format){ 0 };
	int cap = 0;
	char *lit = arena_alloc((size_t)len + 1);
	int litn = 0;
	for (int i = 0; i < len; i++) {
		if (fmt[i] != '%') {
			lit[litn++] = fmt[i];
			continue;
		}
		if (i + 1 < len && fmt[i + 1] == '%') {
			lit[litn++] = '%';
			i++;
			continue;
		}
		int start = i++;
		struct printf_segment seg = { .literal = lit, .literal_len = litn, .has_conv = true };
		size_t n = 0;
		seg.spec[n++] = '%';
		while (i < len && strchr("-+ #0", fmt[i]) && n < 8)
			seg.spec[n++] = fmt[i++];
		while (i < len && fmt[i] >= '0' && fmt[i] <= '9' && n < 20)
			seg.spec[n++] = fmt[i++];
		if (i < len && fmt[i] == '.') {
			seg.spec[n++] = fmt[i++];
			while (i < len && fmt[i] >= '0' && fmt[i] <= '9' && n < 28)
				seg.spec[n++] = fmt[i++];
		}
		seg.spec[n] = 0;
		int hs = 0, longs = 0;
		for (; i < len && fmt[i] && strchr("hlzjt", fmt[i]); i++) {
			hs += fmt[i] == 'h';
			longs += fmt[i] != 'h';
		}
		seg.width = longs ? 8 : hs >= 2 ? 1 : hs ? 2 : 4;
		/* %gr: GFP flags by name (g the kind of value, r readable) */
		bool gfp = i + 1 < len && fmt[i] == 'g' && fmt[i + 1] == 'r';
		if (!gfp && (i >= len || !fmt[i] || !strchr("diouxXcspr", fmt[i]))) {
			*err = i >= len ? "incomplete format specifier at the end"
					: arena_printf("unknown format specifier '%s'", escaped(fmt + start, i - start + 1));
			*err_off = start;
			return -1;
		}
		seg.conv = fmt[i];
		seg.kind = seg.conv == 's' ? CONV_STR : seg.conv == 'p' ? CONV_PTR : seg.conv == 'r' ? CONV_BUF : CONV_INT;
		if (seg.kind == CONV_BUF && i + 1 < len && (fmt[i + 1] == 'x' || fmt[i + 1] == 'h'))
			seg.buf_style = fmt[++i];
		if (gfp)
			i++;
		push(out, &seg, &cap);
		out->nconvs++;
		lit = arena_alloc((size_t)(len - i) + 1);
		litn = 0;
	}
	if (litn) {
		struct printf_segment seg = { .literal = lit, .literal_len = litn };
		push(out, &seg, &cap);
	}
	return 0;
}

const char *printf_conv_name(const struct printf_segment *seg)
{
	char name[3] = { seg->conv, seg->conv == 'g' ? 'r' : seg->buf_style, 0 };
	return arena_strdup(name);
}

void printf_format_int(FILE *out, const struct printf_segment *seg, long long value)
{
	char spec[40];
	if (seg->conv == 'g') { /* the flags of the length modifier's unsigned type */
		unsigned long long flags = (unsigned long long)value;
		if (seg->width < 8)
			flags &= (1ULL << (seg->width * 8)) - 1;
		printf_format_str(out, seg, gfp_flags_text(flags));
		return;
	}
	if (seg->conv == 'c') {
		snprintf(spec, sizeof(spec), "%sc", seg->spec);
		fprintf(out, spec, (int)value);
	} else if (seg->conv == 'p') {
		snprintf(spec, sizeof(spec), "%sp", seg->spec);
		fprintf(out, spec, (void *)(unsigned long)value);
	} else {
		/* the value as the C type of the length modifier: truncated,
		 * then widened by the conversion's sign */
		bool is_signed = seg->conv == 'd' || seg->conv == 'i';
		int bits = seg->width * 8;
		if (bits < 64) {
			unsigned long long mask = (1ULL << bits) - 1, v = (unsigned long long)value & mask;
			if (is_signed && (v >> (bits - 1)))
				v |= ~mask;
			value = (long long)v;
		}
		snprintf(spec, sizeof(spec), "%sll%c", seg->spec, seg->conv);
		fprintf(out, spec, value);
	}
}

void printf_format_str(FILE *out, const struct printf_segment *seg, const char *s)
{
	char spec[40];
	snprintf(spec, sizeof(spec), "%ss", seg->spec);
	fprintf(out, spec, s);
}

/* The kernel's seq_printf takes flags "0+- ", a width, l and ll, and
 * d i u x X c s p (bpf_bprintf_prepare), in printable ASCII; %s followed
 * by the end, a space or a punctuation mark; 12 arguments at most. */
#define FILE_FORMAT_MAX_ARGS 12

const char *printf_format_for_file(const struct printf_format *f, const char **why)
{
	if (f->nconvs > FILE_FORMAT_MAX_ARGS) {
		*why = arena_printf("the kernel's seq_printf takes %d arguments at most, not %d", FILE_FORMAT_MAX_ARGS,
				    f->nconvs);
		return NULL;
	}
	size_t cap = 16;
	for (int i = 0; i < f->nsegs; i++)
		cap += (size_t)f->segs[i].literal_len * 2 + sizeof(f->segs[i].spec) + 8;
	char *out = arena_alloc(cap), *o = out;
	for (int i = 0; i < f->nsegs; i++) {
		const struct printf_segment *seg = &f->segs[i];
		for (int j = 0; j < seg->literal_len; j++) {
			unsigned char c = (unsigned char)seg->literal[j];
			if (c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t')) {
				*why = "the kernel writes only printable ASCII, newlines and tabs into an iterator's file";
				return NULL;
			}
			if (c == '%')
				*o++ = '%';
			*o++ = (char)c;
		}
		if (!seg->has_conv)
			continue;
		const struct printf_segment *next = i + 1 < f->nsegs ? &f->segs[i + 1] : NULL;
		unsigned char after = next && next->literal_len ? (unsigned char)next->literal[0] : 0;
		if (seg->kind == CONV_STR && after && !isspace(after) && !ispunct(after)) {
			*why = arena_printf("the kernel's seq_printf wants a space or a punctuation mark after %%s, not "
					    "'%c'",
					    after);
			return NULL;
		}
		if (strpbrk(seg->spec, "#.")) {
			*why = arena_printf("%s%s: the kernel's seq_printf takes the flags 0, +, - and space and a width, "
					    "no '#' or precision",
					    seg->spec, printf_conv_name(seg));
			return NULL;
		}
		const char *conv = NULL;
		switch (seg->kind) {
		case CONV_INT:
			conv = seg->conv == 'd' || seg->conv == 'i' ? "lld"
			       : seg->conv == 'u'		    ? "llu"
			       : seg->conv == 'x'		    ? "llx"
			       : seg->conv == 'X'		    ? "llX"
			       : seg->conv == 'c'		    ? "c"
								    : NULL;
			break;
		case CONV_STR:
			conv = "s";
			break;
		case CONV_PTR: /* bpftrace's %p is 0x and the hex digits; the kernel's would hash it */
			o += sprintf(o, "0x");
			conv = "llx";
			break;
		case CONV_BUF:
			break;
		}
		if (!conv) {
			*why = arena_printf("%%%s is not one the kernel's seq_printf has (d, i, u, x, X, c, s, p)",
					    printf_conv_name(seg));
			return NULL;
		}
		o += sprintf(o, "%s%s", seg->spec, conv);
	}
	*o = 0;
	return out;
}
