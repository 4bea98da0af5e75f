/* glibc's /etc/ld.so.cache (the "glibc-ld.so.cache1.1" format, alone or
 * after the old "ld.so-1.7.0" table), read as the loader reads it: entries
 * in order, names and paths as offsets from the new header. Libraries
 * for other architectures (/lib32) are told apart by their ELF header. */
#include "ld_cache.h"

#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../compiler/arena.h"

#define OLD_MAGIC "ld.so-1.7.0"
#define NEW_MAGIC "glibc-ld.so.cache1.1"
#define MAX_CACHE_BYTES (64 << 20)

struct new_header {
	char magic[sizeof(NEW_MAGIC) - 1];
	uint32_t nlibs, len_strings;
	uint8_t flags, pad[3];
	uint32_t extension_offset, unused[3];
};

struct new_entry {
	int32_t flags;
	uint32_t key, value; /* the name and the path, from the new header */
	uint32_t osversion;
	uint64_t hwcap;
};

struct old_entry {
	int32_t flags;
	uint32_t key, value;
};

/* ELF class and machine of a file, from its header; 0 if it is no ELF. */
static int elf_kind_of(const char *path)
{
	unsigned char h[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t got = read(fd, h, sizeof(h));
	close(fd);
	if (got != (ssize_t)sizeof(h) || memcmp(h, ELFMAG, SELFMAG))
		return 0;
	int machine = h[EI_DATA] == ELFDATA2MSB ? h[18] << 8 | h[19] : h[19] << 8 | h[18];
	return h[EI_CLASS] << 16 | machine;
}

/* A library lantern's own programs could load: its architecture. */
static bool fits_host(const char *path)
{
	static int host = -1;
	if (host < 0)
		host = elf_kind_of("/proc/self/exe");
	int kind = elf_kind_of(path);
	return kind && kind == host;
}

static char *read_whole(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			char *p = cap <= MAX_CACHE_BYTES ? realloc(buf, cap) : NULL;
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (!got)
			break;
	}
	fclose(f);
	*size = n;
	return buf;
}

/* Where the new format begins: at 0, or after the old table, aligned. */
static size_t new_format_start(const char *buf, size_t size)
{
	if (size < sizeof(OLD_MAGIC) - 1 + 4 || memcmp(buf, OLD_MAGIC, sizeof(OLD_MAGIC) - 1))
		return 0;
	uint32_t nlibs;
	size_t header = (sizeof(OLD_MAGIC) - 1 + 3) / 4 * 4 + 4;
	memcpy(&nlibs, buf + header - 4, 4);
	size_t end = header + (size_t)nlibs * sizeof(struct old_entry);
	return (end + 7) / 8 * 8;
}

static const char *from_cache(const char *soname_prefix)
{
	size_t size;
	char *buf = read_whole("/etc/ld.so.cache", &size);
	if (!buf)
		return NULL;
	const char *found = NULL;
	size_t start = new_format_start(buf, size);
	struct new_header h;
	if (start + sizeof(h) <= size && !memcmp(buf + start, NEW_MAGIC, sizeof(h.magic))) {
		memcpy(&h, buf + start, sizeof(h));
		const char *base = buf + start;
		size_t avail = size - start, prefix = strlen(soname_prefix);
		for (uint32_t i = 0; !found && i < h.nlibs && sizeof(h) + (i + 1) * sizeof(struct new_entry) <= avail;
		     i++) {
			struct new_entry e;
			memcpy(&e, base + sizeof(h) + i * sizeof(e), sizeof(e));
			if (e.key >= avail || e.value >= avail || !memchr(base + e.key, 0, avail - e.key) ||
			    !memchr(base + e.value, 0, avail - e.value))
				continue;
			if (!strncmp(base + e.key, soname_prefix, prefix) && fits_host(base + e.value))
				found = arena_strdup(base + e.value);
		}
	}
	free(buf);
	return found;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first, by name, of dir's entries beginning with prefix that fits. */
static const char *from_directory(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	int n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		names = arena_grow(names, n, &cap, sizeof(*names));
		names[n++] = arena_printf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, (size_t)n, sizeof(*names), by_name);
	for (int i = 0; i < n; i++)
		if (fits_host(names[i]))
			return names[i];
	return NULL;
}

const char *ld_cache_find(const char *soname_prefix)
{
	const char *path = from_cache(soname_prefix);
	if (path)
		return path;
	struct utsname u;
	const char *machine = uname(&u) ? "" : u.machine;
	const char *dirs[] = {
		arena_printf("/lib/%s-linux-gnu", machine), arena_printf("/usr/lib/%s-linux-gnu", machine),
		"/lib64", "/usr/lib64", "/lib", "/usr/lib",
	};
	for (size_t i = 0; !path && i < sizeof(dirs) / sizeof(dirs[0]); i++)
		path = from_directory(dirs[i], soname_prefix);
	return path;
}
