/* How each script map is laid out in the kernel, chosen per use (see
 * DESIGN.md): key-less aggregates in per-CPU arrays, keyed aggregates in
 * per-CPU hashes, plain values in hashes, and shared (non per-CPU) maps
 * with atomic updates for aggregates the script reads in the kernel.
 * Codegen builds the maps from it; the runtime reads them with it. */
#ifndef LANTERN_MAP_LAYOUT_H
#define LANTERN_MAP_LAYOUT_H
#include <stdbool.h>

#include "../compiler/program.h"

#define HIST_BUCKETS 66 /* (..., 0), [0], [1], [2, 4) ... [2^63, 2^64) */
#define DEFAULT_MAP_KEYS 4096

struct map_layout {
	int bpf_type;    /* BPF_MAP_TYPE_* */
	bool percpu;
	bool keyless;    /* an array with one element at key 0 */
	int key_size;
	int key_offsets[MAX_MAP_KEYS];
	int value_size;
	int max_entries;
	int flags;       /* BPF_F_* map flags */
	int nbuckets;    /* hist/lhist */
};

/* max_keys: the capacity of hash maps (BPFTRACE_MAP_KEYS_MAX). */
void map_layout_choose(const struct map_info *m, int max_keys, struct map_layout *out);

/* Bucket count of an lhist: under, the [min, max) steps, over. */
int lhist_buckets(const struct type *t);

#endif
