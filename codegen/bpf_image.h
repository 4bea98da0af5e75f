/* The contract between codegen and the runtime: the object codegen makes,
 * how its maps are laid out, and the names both sides find things by in
 * it. No LLVM here: the runtime builds without it. */
#ifndef LANTERN_BPF_IMAGE_H
#define LANTERN_BPF_IMAGE_H
#include <stddef.h>

#include "../compiler/program.h"
#include "map_layout.h"

struct bpf_image {
	void *data;
	size_t size;
	struct map_layout *layouts; /* indexed by map id */
	size_t cpu_slots_size;      /* bytes of the CPU-slots global; 0: there is none */
	void *llvm_buffer;          /* owner of data */
	/* The file names the object's line info gives each source id (a
	 * script's path, /proc/self/fd/N for -e): runtime/line_info.c maps
	 * an instruction back to the script with them. */
	const char **source_files;
	int nsource_files;
};

#define PROG_PREFIX "lantern_"
#define PROG_NAME_FMT PROG_PREFIX "%d"
#define RINGBUF_MAP_NAME "events"
#define LOST_MAP_NAME "lost_events"
/* Per-CPU u64 by map id: updates of a hash map that it refused (full). */
#define DROPPED_MAP_NAME "dropped_updates"
#define SMALL_RINGBUF_SIZE (64 << 10)
#define START_TIME_NAME "start_time"
#define CPU_SLOTS_NAME "cpu_slots"
#define SCRATCH_MAP_NAME "scratch" /* per-CPU memory for buffers past the stack (scratch.c) */

/* The name of a script map's BPF map in the object. */
const char *map_global_name(const struct map_info *m);

#endif
