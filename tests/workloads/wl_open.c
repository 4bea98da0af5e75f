/* wl_open N: openat("/dev/null") then close, N times.
 * Gives tracepoint tests an exact number of sys_enter_openat events. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: wl_open N\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	for (long i = 0; i < n; i++) {
		/* openat() directly: open() may be routed through another syscall. */
		int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY);
		if (fd < 0) {
			perror("openat /dev/null");
			return 1;
		}
		close(fd);
	}
	return 0;
}
