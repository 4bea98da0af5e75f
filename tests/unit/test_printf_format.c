/* printf formats: parsed once, then formatted like C's printf. */
#include <stdlib.h>

#include "../../compiler/arena.h"
#include "../../compiler/printf_format.h"
#include "unit.h"

static const char *format(const char *fmt, long long a, const char *s)
{
	static char out[256];
	struct printf_format f;
	const char *err;
	int off;
	if (printf_format_parse(fmt, (int)strlen(fmt), &f, &err, &off))
		return err;
	FILE *m = fmemopen(out, sizeof(out), "w");
	for (int i = 0; i < f.nsegs; i++) {
		fwrite(f.segs[i].literal, 1, (size_t)f.segs[i].literal_len, m);
		if (!f.segs[i].has_conv)
			continue;
		if (f.segs[i].kind == CONV_STR)
			printf_format_str(m, &f.segs[i], s);
		else
			printf_format_int(m, &f.segs[i], a);
	}
	fputc(0, m);
	fclose(m);
	return out;
}

void test_printf_format(void)
{
	CHECK(!strcmp(format("%5d|", 42, ""), "   42|"));
	CHECK(!strcmp(format("%-5d|", 42, ""), "42   |"));
	CHECK(!strcmp(format("%05d", 42, ""), "00042"));
	CHECK(!strcmp(format("%x %X %o", 255, ""), "ff FF 377"));
	CHECK(!strcmp(format("%lld %lu %ld", -7, ""), "-7 18446744073709551609 -7"));
	/* the C type of the length modifier, as bpftrace casts: int without one */
	CHECK(!strcmp(format("%x %u %d", -1, ""), "ffffffff 4294967295 -1"));
	CHECK(!strcmp(format("%d %ld %zu", 5000000000LL, ""), "705032704 5000000000 5000000000"));
	CHECK(!strcmp(format("%hhx %hhd %hu %hd %jx %tx", 0x1ff, ""), "ff -1 511 511 1ff 1ff"));
	CHECK(!strcmp(format("%hd", 70000, ""), "4464"));
	CHECK(!strcmp(format("%c", 65, ""), "A"));
	CHECK(!strcmp(format("%p", 4096, ""), "0x1000"));
	CHECK(!strcmp(format("100%% %s!", 0, "sure"), "100% sure!"));
	CHECK(!strcmp(format("%-6s|%6s", 0, "ab"), "ab    |    ab"));
	CHECK(!strcmp(format("%q", 0, ""), "unknown format specifier '%q'"));
	CHECK(!strcmp(format("abc %", 0, ""), "incomplete format specifier at the end"));
	/* %r, %rx, %rh: a buffer's conversion, its style kept; what follows stays literal */
	struct printf_format f;
	const char *err;
	int off;
	CHECK(!printf_format_parse("%r %rx %rh %ry", 14, &f, &err, &off));
	CHECK(f.nconvs == 4 && f.segs[0].kind == CONV_BUF && !f.segs[0].buf_style);
	CHECK(f.segs[1].buf_style == 'x' && f.segs[2].buf_style == 'h' && !f.segs[3].buf_style);
	CHECK(f.nsegs == 5 && f.segs[4].literal_len == 1 && f.segs[4].literal[0] == 'y');
	arena_free_all();
}
