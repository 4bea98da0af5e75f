/* wl_paths DEPTH [SECONDS]: calls wl_leaf() once through each of the
 * 2^DEPTH call paths down DEPTH levels of two functions (wl_left,
 * wl_right), so a uprobe on wl_leaf sees 2^DEPTH distinct user stacks:
 * the bench's symbolizing of many stacks at exit. Then it stays SECONDS
 * (default 0), so that its addresses can still be resolved. Frame
 * pointers and no tail calls, so the kernel's unwinder sees every level. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile int sink;

__attribute__((noinline)) void wl_leaf(void)
{
	sink++;
}

static void level(int depth);

__attribute__((noinline)) void wl_left(int depth)
{
	level(depth - 1);
	sink++; /* not a tail call: the frame stays */
}

__attribute__((noinline)) void wl_right(int depth)
{
	level(depth - 1);
	sink++;
}

static void level(int depth)
{
	if (depth == 0) {
		wl_leaf();
		return;
	}
	wl_left(depth);
	wl_right(depth);
}

int main(int argc, char **argv)
{
	int depth = argc > 1 ? atoi(argv[1]) : 10;
	if (depth < 0 || depth > 24) {
		fprintf(stderr, "usage: wl_paths DEPTH (0..24)\n");
		return 2;
	}
	level(depth);
	if (argc > 2)
		sleep((unsigned)atoi(argv[2]));
	return 0;
}
