/* How each script map is laid out in the kernel, chosen per use (see
 * DESIGN.md): key-less aggregates in per-CPU slots of one global (or
 * per-CPU arrays where slots are not possible), keyed aggregates in
 * per-CPU hashes, plain values in hashes, and shared (non per-CPU) maps
 * with atomic updates for aggregates the script reads in the kernel, and
 * task-local storage for plain values keyed by `tid` alone. A map the
 * script declares (let @m = lruhash(100)) takes the declared kind and
 * capacity instead. Codegen builds the maps from it; the runtime reads
 * them with it. */
#ifndef LANTERN_MAP_LAYOUT_H
#define LANTERN_MAP_LAYOUT_H
#include <stdbool.h>

#include "../compiler/program.h"

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
	/* Key-less, per-CPU: no BPF map of its own. CPU c's copy of the value
	 * is at slot_offset + c * slot_stride in the program's CPU-slots global
	 * (CPU_SLOTS_NAME), found from the CPU id with no map lookup. Each
	 * copy starts a cache line of its own, so CPUs never share one.
	 * (bpf_type stays the per-CPU array it would be otherwise; unused.) */
	bool cpu_slots;
	int slot_offset;
	int slot_stride;
	int nslots;      /* a power of two > every possible CPU id */
	int key_size;
	int key_offsets[MAX_MAP_KEYS];
	int value_size;
	int max_entries;
	int flags;       /* BPF_F_* map flags */
	int nbuckets;    /* hist/lhist */
};

struct layout_options {
	int max_keys;      /* the capacity of undeclared hash maps (max_map_keys); 0: default */
	bool task_storage; /* the kernel lets tracing programs use task storage */
	int cpu_ids;       /* highest possible CPU id + 1, for CPU slots; 0: unknown, no slots */
};

#define CACHE_LINE 64
/* Past these, per-CPU arrays: lantern's own limits, to keep the global
 * small and delete()'s loop over every slot cheap for the verifier. */
#define MAX_CPU_SLOTS_SIZE (1 << 20)
#define MAX_SLOT_CPU_IDS 1024

void map_layout_choose(const struct map_info *m, const struct layout_options *o, struct map_layout *out);

/* Gives each CPU-slots layout among ls[0..n) its place in the CPU-slots
 * global; returns the global's size in bytes (0: no slots). */
int map_layout_place_slots(struct map_layout *ls, int n);

/* Whether a map can live in task storage: plain values, every key exactly
 * `tid`, never used as a whole (print, clear, zero: those need a hash). */
bool map_task_local_eligible(const struct map_info *m);


#endif
