/* How each script map is laid out in the kernel, chosen per use (see
 * DESIGN.md): key-less aggregates in per-CPU arrays, keyed aggregates in
 * per-CPU hashes, plain values in hashes, and shared (non per-CPU) maps
 * with atomic updates for aggregates the script reads in the kernel, and
 * task-local storage for plain values keyed by `tid` alone.
 * Codegen builds the maps from it; the runtime reads them with it. */
#ifndef LANTERN_MAP_LAYOUT_H
#define LANTERN_MAP_LAYOUT_H
#include <stdbool.h>

#include "../compiler/program.h"

#define HIST_BUCKETS 66 /* (..., 0), [0], [1], [2, 4) ... [2^63, 2^64) */
#define DEFAULT_MAP_KEYS 4096
#define MAX_TASK_LOCAL_VALUE 256 /* the exit-time reader's buffer per value */

struct map_layout {
	int bpf_type;    /* BPF_MAP_TYPE_* */
	bool percpu;
	bool keyless;    /* an array with one element at key 0 */
	/* BPF_MAP_TYPE_TASK_STORAGE: the element of `tid` hangs off the current
	 * task, found without hashing or locks, and goes when the task exits.
	 * It holds the value, then a word that is 1 while the element exists
	 * (`delete` clears it; storage, once made, stays). key_size and
	 * value_size describe the map as lantern prints it: tid, then value. */
	bool task_local;
	int key_size;
	int key_offsets[MAX_MAP_KEYS];
	int value_size;
	int max_entries;
	int flags;       /* BPF_F_* map flags */
	int nbuckets;    /* hist/lhist */
};

/* max_keys: the capacity of hash maps (BPFTRACE_MAP_KEYS_MAX);
 * task_storage: the kernel lets tracing programs use task storage. */
void map_layout_choose(const struct map_info *m, int max_keys, bool task_storage, struct map_layout *out);

/* Whether a map can live in task storage: plain values, every key exactly
 * `tid`, never used as a whole (print, clear, zero: those need a hash). */
bool map_task_local_eligible(const struct map_info *m);

/* Bucket count of an lhist: under, the [min, max) steps, over. */
int lhist_buckets(const struct type *t);

#endif
