/* wl_read N SIZE: open /dev/zero once, then read(fd, buf, SIZE) N times.
 * Every sys_exit_read of this process returns exactly SIZE. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: wl_read N SIZE\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	long size = strtol(argv[2], NULL, 10);
	if (size < 0) {
		fprintf(stderr, "wl_read: SIZE must be >= 0\n");
		return 2;
	}
	char *buf = malloc(size ? (size_t)size : 1);
	if (!buf) {
		perror("malloc");
		return 1;
	}
	int fd = open("/dev/zero", O_RDONLY);
	if (fd < 0) {
		perror("open /dev/zero");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		ssize_t r = read(fd, buf, (size_t)size);
		if (r != size) {
			fprintf(stderr, "wl_read: short read %zd\n", r);
			return 1;
		}
	}
	close(fd);
	free(buf);
	return 0;
}
