/* wl_stack N [LINGER_MS [DELAY_MS]]: after DELAY_MS (default 0), N times
 * main -> wl_stack_outer -> wl_stack_middle -> wl_stack_inner, which calls
 * getpid() (a syscall) and spins a little; then waits LINGER_MS (default
 * 0), so a tracer can print its ustacks while the process, and so its
 * maps, still exist. wl_stack_answer is 42 (uaddr's tests read it). Built with
 * frame pointers, the functions kept and not inlined: the kernel's user
 * unwinder walks the chain. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define KEEP __attribute__((noinline, noipa))

volatile unsigned long wl_stack_sink;
volatile long wl_stack_answer = 42;

KEEP void wl_stack_inner(int i)
{
	wl_stack_sink += (unsigned long)getpid();
	for (int k = 0; k < 100000; k++)
		wl_stack_sink += (unsigned long)(k ^ i);
}

KEEP void wl_stack_middle(int i)
{
	wl_stack_inner(i);
	wl_stack_sink++;
}

KEEP void wl_stack_outer(int i)
{
	wl_stack_middle(i);
	wl_stack_sink++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	long n = strtol(argv[1], NULL, 10);
	long linger = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	long delay = argc > 3 ? strtol(argv[3], NULL, 10) : 0;
	sleep_ms(delay);
	for (long i = 0; i < n; i++)
		wl_stack_outer((int)i);
	sleep_ms(linger);
	return 0;
}
