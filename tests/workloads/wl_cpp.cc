// wl_cpp N LINGER_MS: calls wl::Thing::work(i) N times (a C++ function:
// its ELF symbol is mangled), then waits LINGER_MS, so a tracer can print
// its ustacks while it still runs. Frame pointers kept, work not inlined.
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

namespace wl {
struct Thing {
	__attribute__((noinline)) static long work(int n);
};
}

long wl::Thing::work(int n)
{
	return getpid() + n;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1, linger = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	long sum = 0;
	for (long i = 0; i < n; i++)
		sum += wl::Thing::work((int)i);
	struct timespec ts = { linger / 1000, (linger % 1000) * 1000000 };
	nanosleep(&ts, NULL);
	return sum == 0;
}
