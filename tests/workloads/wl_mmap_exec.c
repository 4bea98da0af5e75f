/* wl_mmap_exec FILE [N]: maps FILE executable and calls its first byte
 * N times (default 1): code that is in no ELF file, as a JIT's or a flat
 * binary's. The call's int result is the exit status. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: wl_mmap_exec FILE [N]\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 2;
	}
	int (*code)(void) = (int (*)(void))mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if ((void *)code == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	int n = argc > 2 ? atoi(argv[2]) : 1, rc = 0;
	for (int i = 0; i < n; i++)
		rc = code();
	return rc;
}
