/* printf format strings, parsed once at compile time. The compiler checks
 * arguments against the conversions; the runtime formats records with the
 * same parsed form. */
#ifndef LANTERN_PRINTF_FORMAT_H
#define LANTERN_PRINTF_FORMAT_H
#include <stdbool.h>
#include <stdio.h>

enum conv_kind {
	CONV_INT,     /* d i u x X o c and their l/ll/h variants */
	CONV_STR,     /* s */
	CONV_PTR,     /* p */
	CONV_BUF,     /* r, rx, rh: a buf() */
};

struct printf_segment {
	const char *literal; /* text before the conversion, %% already folded */
	int literal_len;
	bool has_conv;       /* the last segment may be literal only */
	enum conv_kind kind;
	char conv;           /* 'd', 'u', 's'... */
	char buf_style;      /* CONV_BUF: 0 (%r: printable bytes kept), 'x' (all \xNN), 'h' (hex pairs) */
	char spec[32];       /* "%-6" flags, width and precision, no length */
	/* CONV_INT: the bytes of the C type the length modifier names (hh 1,
	 * h 2, none 4, l ll j z t 8), to which bpftrace casts the value as
	 * C's printf reads it: %x of -1 is ffffffff, %lx ffffffffffffffff */
	int width;
};

struct printf_format {
	struct printf_segment *segs;
	int nsegs;
	int nconvs;
};

/* Parses fmt; on error returns -1 and points *err at a message and *err_col
 * at the 0-based offset of the bad conversion in fmt. */
int printf_format_parse(const char *fmt, int len, struct printf_format *out, const char **err, int *err_off);

/* The format as the kernel's bpf_seq_printf takes it, for a pinned
 * iterator's printf (integers as 64-bit values, strings as pointers), or
 * NULL with *why when the kernel cannot write it so. */
const char *printf_format_for_file(const struct printf_format *f, const char **why);

/* The conversion as written, for messages: "d", "rx", "gr". */
const char *printf_conv_name(const struct printf_segment *seg);

/* Format one conversion of an integer or a string into out. */
void printf_format_int(FILE *out, const struct printf_segment *seg, long long value);
void printf_format_str(FILE *out, const struct printf_segment *seg, const char *s);

#endif
