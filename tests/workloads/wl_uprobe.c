/* wl_uprobe [-w FILE] N: N times, calls wl_add(2, 40), wl_greet("lantern",
 * i) and getpid() (libc's); then wl_fact(5), recursive, and wl_negative(),
 * which returns -7, and pair_sum(&pair) once (a struct: an int array, a
 * name, a pointer to an int; not named wl_*, which tests count). With -w it first waits (up to 20 s) until FILE
 * exists, so a tracer can attach to it by pid before the calls.
 * Functions are noipa: gcc keeps them, under these names, with their
 * arguments in the calling convention's registers. Built dynamically,
 * so getpid is libc.so's. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define KEEP __attribute__((noipa))

KEEP int wl_add(int a, int b)
{
	return a + b;
}

KEEP size_t wl_greet(const char *who, int times)
{
	return strlen(who) * (size_t)times;
}

KEEP long wl_fact(int n)
{
	if (n <= 1)
		return 1;
	long r = wl_fact(n - 1);
	__asm__ volatile("" : "+r"(r)); /* no loop made of the recursion */
	return n * r;
}

KEEP int wl_negative(void)
{
	return -7;
}

struct wl_pair {
	int v[2];
	char name[8];
	int *counted;
};

KEEP int pair_sum(struct wl_pair *p)
{
	return p->v[0] + *p->counted;
}

static int wait_for(const char *path)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (int i = 0; i < 2000; i++) {
		if (access(path, F_OK) == 0)
			return 0;
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "wl_uprobe: %s did not appear\n", path);
	return 1;
}

int main(int argc, char **argv)
{
	int arg = 1;
	if (argc > 2 && !strcmp(argv[1], "-w")) {
		if (wait_for(argv[2]))
			return 1;
		arg = 3;
	}
	if (arg != argc - 1) {
		fprintf(stderr, "usage: wl_uprobe [-w FILE] N\n");
		return 2;
	}
	long n = strtol(argv[arg], NULL, 10);
	/* on the stack: a probe reads it without faulting a page in */
	char who[] = "lantern";
	size_t sum = 0;
	for (long i = 0; i < n; i++) {
		sum += (size_t)wl_add(2, 40);
		sum += wl_greet(who, (int)i);
		sum += (size_t)getpid();
	}
	sum += (size_t)wl_fact(5) + (size_t)wl_negative();
	int counted = 42;
	struct wl_pair pair = { { 7, -3 }, "pair", &counted };
	sum += (size_t)pair_sum(&pair);
	return sum == 0; /* used, so nothing is optimized away */
}
