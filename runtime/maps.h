/* Reading a map out of the kernel into a sorted snapshot, with per-CPU
 * values combined; and clearing or zeroing it. */
#ifndef LANTERN_MAPS_H
#define LANTERN_MAPS_H
#include "../codegen/map_layout.h"

struct map_entry {
	unsigned long long order; /* the value as it sorts, unsigned */
	unsigned long long key0;  /* the first key part as it sorts, if an integer */
	const unsigned char *key;
	unsigned long long *value; /* value_size / 8 words, CPUs combined */
};

struct map_snapshot {
	const struct map_info *m;
	const struct map_layout *l;
	int n;
	struct map_entry *entries;
	unsigned char *keys;
	unsigned long long *values;
};

/* Where a map's elements are: a BPF map, or, for a CPU-slots layout, its
 * first slot in the runtime's mapping of the CPU-slots global. */
struct map_place {
	int fd;
	unsigned char *slots;
	/* A key-less map's element always exists (a never-hit count prints 0,
	 * as bpftrace); clear() makes it absent until a value comes again. */
	bool cleared;
};

int map_snapshot_read(const struct map_place *p, const struct map_info *m, const struct map_layout *l,
		      struct map_snapshot *out);
/* bpftrace's order: ascending by value (by average for avg/stats, by total
 * count for hist/lhist), keys breaking ties; plain strings by key. */
void map_snapshot_sort(struct map_snapshot *s);
void map_snapshot_free(struct map_snapshot *s);

int map_clear(struct map_place *p, const struct map_layout *l);
int map_zero(struct map_place *p, const struct map_layout *l);

/* The integer a value stands for: count, sum, min, max, avg. */
long long map_value_number(const struct map_info *m, const unsigned long long *v);
bool map_value_signed(const struct map_info *m);

#endif
