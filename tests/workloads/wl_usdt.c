/* wl_usdt [-w FILE] N: N times, fires USDT probes (sys/sdt.h) of provider
 * "wl": args(i, -5 * i, (int8)-3, "lantern"), a probe whose arguments are
 * an int, a negative long, a signed byte and a string; twice(i), at two
 * places (an inlined function called from two places, with different
 * operands: i, then 100 + i); gated(i) only while its semaphore is set
 * (the kernel sets it while the probe is traced); tick(semaphore value),
 * which shows it either way (and wl_other:tick, of another provider, with
 * none); stack(i, -i), built without optimization,
 * so its arguments are read from memory (-4@-20(%rbp)); elem(p[i]), an
 * element of an array read through base + index * 8; variables(total,
 * -i), a global and a static array's element, read at their addresses;
 * then the library's
 * wl_lib:ping(i) (libwl_usdt.so, beside the binary). wl:gated is in
 * lib/wl_usdt_gated.c: sys/sdt.h gives all the probes of a file a
 * semaphore or none. With -w it first
 * waits (up to 20 s) until FILE exists, so a tracer can attach by pid. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/sdt.h>
#include <time.h>
#include <unistd.h>

void wl_lib_ping(int i);
void wl_gated(int i);
unsigned short wl_gated_state(void);

static inline __attribute__((always_inline)) void twice(long v)
{
	DTRACE_PROBE1(wl, twice, v);
}

__attribute__((noipa, optimize("O0"))) void wl_stack(int i)
{
	int neg = -i;
	DTRACE_PROBE2(wl, stack, i, neg);
}

__attribute__((noipa)) void wl_elem(const long *p, long i)
{
	DTRACE_PROBE1(wl, elem, p[i]);
}

/* variables: their notes say where relative to the program counter
 * ("-8@wl_total(%rip)", "-4@8+wl_table(%rip)") */
long wl_total;
static int wl_table[4];

__attribute__((noipa)) void wl_variables(void)
{
	DTRACE_PROBE2(wl, variables, wl_total, wl_table[2]);
}

static int wait_for(const char *path)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (int i = 0; i < 2000; i++) {
		if (access(path, F_OK) == 0)
			return 0;
		nanosleep(&tick, NULL);
	}
	return -1;
}

int main(int argc, char **argv)
{
	int arg = 1;
	if (argc > 2 && !strcmp(argv[1], "-w")) {
		if (wait_for(argv[2]))
			return 1;
		arg = 3;
	}
	int n = argc > arg ? atoi(argv[arg]) : 1;
	long squares[10]; /* written, so its page is there to read */
	for (int k = 0; k < 10; k++)
		squares[k] = k * k;
	volatile int sink = 0;
	for (int i = 0; i < n; i++) {
		/* on the stack: a string in a page never touched is not there
		 * for the probe to read */
		char name[] = "lantern";
		signed char small = -3;
		DTRACE_PROBE4(wl, args, i, -5L * i, small, name);
		twice(i);
		sink += i;
		twice(100 + sink);
		wl_gated(i);
		DTRACE_PROBE1(wl, tick, wl_gated_state());
		DTRACE_PROBE(wl_other, tick);
		wl_stack(i + 1);
		wl_elem(squares, i % 10);
		wl_total += i;
		wl_table[2] = -i;
		wl_variables();
		wl_lib_ping(i);
	}
	return 0;
}
