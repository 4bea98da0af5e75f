/* wl_thread_exit MS: main starts a thread that spins for MS milliseconds,
 * then ends itself alone (pthread_exit): the process lives on with its
 * main thread a zombie, which a tracer of the main thread cannot stop. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *spin(void *arg)
{
	double end = now_ms() + *(double *)arg;
	volatile unsigned long n = 0;
	while (now_ms() < end)
		n++;
	return NULL;
}

int main(int argc, char **argv)
{
	static double ms;
	ms = argc > 1 ? strtod(argv[1], NULL) : 1000;
	pthread_t t;
	if (pthread_create(&t, NULL, spin, &ms))
		return 1;
	pthread_exit(NULL);
}
