/* wl_spin MS: burn CPU for MS milliseconds (for profile:hz tests). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: wl_spin MS\n");
		return 2;
	}
	double end = now_ms() + strtod(argv[1], NULL);
	/* volatile so the busy loop is not optimised away */
	volatile unsigned long sink = 0;
	while (now_ms() < end)
		for (int i = 0; i < 10000; i++)
			sink += (unsigned long)i;
	return 0;
}
