/* wl_open N [PATH]: openat(PATH, default "/dev/null") then close, N times.
 * Gives tracepoint tests an exact number of sys_enter_openat events. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: wl_open N [PATH]\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	const char *path = argc == 3 ? argv[2] : "/dev/null";
	for (long i = 0; i < n; i++) {
		/* openat() directly: open() may be routed through another syscall. */
		int fd = openat(AT_FDCWD, path, O_RDONLY);
		if (fd < 0) {
			perror(path);
			return 1;
		}
		close(fd);
	}
	return 0;
}
