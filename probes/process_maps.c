/* /proc/PID/maps lines: "START-END PERMS OFFSET DEV INODE PATH", the path
 * missing for anonymous memory (left out here). */
#include "process_maps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct process_maps *process_maps_read(int pid)
{
	char name[64];
	snprintf(name, sizeof(name), "/proc/%d/maps", pid);
	FILE *f = fopen(name, "r");
	if (!f)
		return NULL;
	struct process_maps *m = calloc(1, sizeof(*m));
	if (!m)
		abort();
	m->pid = pid;
	int cap = 0;
	char line[4096 + 128];
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, offset;
		int at = 0;
		if (sscanf(line, "%llx-%llx %*s %llx %*s %*s %n", &start, &end, &offset, &at) != 3 || !at)
			continue;
		char *path = line + at;
		path[strcspn(path, "\n")] = 0;
		if (!*path)
			continue;
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->regions = realloc(m->regions, sizeof(*m->regions) * (size_t)cap);
			if (!m->regions)
				abort();
		}
		char *copy = strdup(path);
		if (!copy)
			abort();
		m->regions[m->n++] = (struct process_region){ start, end, offset, copy };
	}
	fclose(f);
	if (!m->n) { /* a zombie's: it maps nothing any more */
		process_maps_free(m);
		return NULL;
	}
	return m;
}

void process_maps_free(struct process_maps *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++)
		free((char *)m->regions[i].path);
	free(m->regions);
	free(m);
}

const struct process_region *process_region_at(const struct process_maps *m, unsigned long long addr)
{
	for (int i = 0; i < m->n; i++)
		if (addr >= m->regions[i].start && addr < m->regions[i].end)
			return &m->regions[i];
	return NULL;
}

unsigned long long process_address_of(const struct process_maps *m, const char *path, unsigned long long off)
{
	for (int i = 0; i < m->n; i++) {
		const struct process_region *r = &m->regions[i];
		if (!strcmp(r->path, path) && off >= r->offset && off - r->offset < r->end - r->start)
			return r->start + (off - r->offset);
	}
	return 0;
}
