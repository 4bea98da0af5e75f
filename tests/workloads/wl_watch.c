/* wl_watch [-t] [-s MS] [-g MS] N: maps a page at 0x10000000 (a place
 * watchpoint tests can name before the program runs), then writes its
 * first byte N times and reads it once; with -t from a thread it starts,
 * with -s after sleeping MS milliseconds first (for -p: time to attach),
 * with -g MS milliseconds between writes (time for a tracer to act on
 * one before the next). */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define WATCHED ((void *)0x10000000)

static int times, gap_ms;

static void *write_it(void *page)
{
	volatile char *c = page;
	for (int i = 0; i < times; i++) {
		if (i && gap_ms)
			usleep((useconds_t)gap_ms * 1000);
		c[0] = (char)i;
	}
	return (void *)(long)c[0];
}

int main(int argc, char **argv)
{
	int thread = 0, sleep_ms = 0, i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-t"))
			thread = 1;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			sleep_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-g") && i + 1 < argc)
			gap_ms = atoi(argv[++i]);
	}
	if (i >= argc) {
		fprintf(stderr, "usage: wl_watch [-t] [-s MS] [-g MS] N\n");
		return 2;
	}
	times = atoi(argv[i]);
	void *page = mmap(WATCHED, 4096, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		perror("wl_watch: mmap");
		return 1;
	}
	usleep((useconds_t)sleep_ms * 1000);
	if (thread) {
		pthread_t t;
		pthread_create(&t, NULL, write_it, page);
		pthread_join(t, NULL);
	} else {
		write_it(page);
	}
	return 0;
}
