/* wl_dwarf N: N times calls functions whose parameters are of many C
 * types (integers, char, bool, an enum, a typedef, pointers, strings, a
 * struct with nested members, arrays, a union and bitfields), one with
 * more arguments than registers, some taking structs by value or
 * floating-point values, and
 * wl_lines(n), whose lines marked LINE-A, LINE-B (n > 50) and LINE-C
 * (else: the first call) the tests find by grep. Built with -g -O0 (the
 * Makefile), and again as copies whose debug info is elsewhere: a
 * stripped one beside a .debug file, one with a .gnu_debuglink to
 * .debug/, one with split DWARF (a .dwo), one with it in a .dwp. */
#include <stdbool.h>
#include <stdlib.h>

#define KEEP __attribute__((noipa, used))

typedef unsigned int wl_count_t;
enum wl_color { WL_RED, WL_GREEN = 5, WL_BLUE };

struct wl_inner {
	short s;
	char tag[6];
};

struct wl_rec {
	int id;
	char name[12];
	int vals[3];
	struct wl_inner in;
	struct wl_rec *next;
	unsigned int flag : 1, level : 3;
	union {
		int i;
		char c;
	} u;
};

KEEP int wl_scalars(int a, char c, unsigned long ul, wl_count_t t, enum wl_color col, bool b, short sh)
{
	return a + c + (int)ul + (int)t + (int)col + b + sh;
}

KEEP int wl_strings(const char *s, char *buf, int *p)
{
	return s[0] + buf[0] + *p;
}

KEEP int wl_record(struct wl_rec *r, struct wl_rec *other)
{
	return r->id + other->id;
}

KEEP long wl_many(long a, long b, long c, long d, long e, long f, long g)
{
	return a + b + c + d + e + f + g;
}

/* x86_64 passes in (8 bytes) in one register, two (16 bytes) in two,
 * big (24) on the stack, and the doubles in vector registers */
struct wl_two {
	long lo;
	int hi;
};

struct wl_big {
	long a, b, c;
};

KEEP int wl_byvalue(struct wl_inner in, int after, struct wl_two two, struct wl_big big, long last)
{
	return in.s + after + (int)two.lo + (int)big.c + (int)last;
}

KEEP long wl_mixed(double d, int i, float f, long l)
{
	return (long)d + i + (long)f + l;
}

/* args laid out as wl_lines's, under another name */
KEEP int wl_twice(int m)
{
	return 2 * m;
}

KEEP int wl_lines(int n)
{
	int x = n * 2; /* LINE-A */
	if (x > 100)
		x -= 100; /* LINE-B */
	else
		x += 1; /* LINE-C */
	return x;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	/* on the stack: a probe reads them without faulting a page in */
	char hello[] = "hello", buf[] = "scratch";
	int seven = 7;
	struct wl_rec second = { .id = 2, .name = "second" };
	struct wl_rec first = { .id = 1,
				.name = "first",
				.vals = { 10, 20, 30 },
				.in = { .s = -5, .tag = "inner" },
				.next = &second,
				.flag = 1,
				.level = 5,
				.u = { .i = 65 } };
	struct wl_inner byval = { 3, "val" };
	struct wl_two two = { -11, 12 };
	struct wl_big big = { 100, 200, 300 };
	long sum = 0;
	for (long i = 0; i < n; i++) {
		sum += wl_scalars(-42, 'x', 1234567890123UL, 77, WL_GREEN, true, -3);
		sum += wl_strings(hello, buf, &seven);
		sum += wl_record(&first, &second);
		sum += wl_many(1, 2, 3, 4, 5, 6, 7);
		sum += wl_byvalue(byval, 9, two, big, 77);
		sum += wl_mixed(1.5, 2, 3.5f, 4);
		sum += wl_twice((int)i + 21);
		sum += wl_lines((int)i * 100);
	}
	return sum == 0;
}
