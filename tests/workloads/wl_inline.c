/* wl_inline [N]: N times (default 1), a USDT probe (wl_inline:here) in
 * code inlined twice into outer(), 1 ms apart: ustack at the probe shows
 * the inlined calls with their source lines (built -O2 -g). */
#define _DEFAULT_SOURCE /* usleep */
#include <stdlib.h>
#include <sys/sdt.h>
#include <unistd.h>

static inline __attribute__((always_inline)) void inner(int i)
{
	DTRACE_PROBE1(wl_inline, here, i);
}

static inline __attribute__((always_inline)) void middle(int i)
{
	inner(i);
}

__attribute__((noinline)) void outer(int i)
{
	middle(i);
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	for (int i = 0; i < n; i++) {
		outer(i);
		usleep(1000);
	}
	return 0;
}
