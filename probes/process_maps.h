/* A process's mappings of files (/proc/PID/maps): where each part of a
 * file lies in its memory. User addresses (ustack, usym) are turned back
 * into a file and an address of that file through them, and uaddr() of a
 * position-independent program finds where the -p process loaded it. */
#ifndef LANTERN_PROCESS_MAPS_H
#define LANTERN_PROCESS_MAPS_H

struct process_region {
	unsigned long long start, end; /* [start, end) in the process */
	unsigned long long offset;     /* of start in the file */
	const char *path;              /* the file; "[vdso]" and the like too */
};

struct process_maps {
	int pid;
	struct process_region *regions;
	int n;
};

/* pid's mappings that name a file, or NULL when the process is gone (or
 * a zombie) or cannot be read. malloc'd: process_maps_free. */
struct process_maps *process_maps_read(int pid);
void process_maps_free(struct process_maps *m);
/* The region addr is in, or NULL. */
const struct process_region *process_region_at(const struct process_maps *m, unsigned long long addr);
/* The address in the process of the file's byte at file offset off, as
 * path is mapped; 0 when no region maps it. */
unsigned long long process_address_of(const struct process_maps *m, const char *path, unsigned long long off);

#endif
