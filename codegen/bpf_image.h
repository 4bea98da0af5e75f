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

#define RINGBUF_MAP_NAME "events"
#define LOST_MAP_NAME "lost_events"
/* skboutput()'s packets: a perf event array, as bpf_skb_output wants */
#define SKB_EVENTS_MAP_NAME "skb_events"
/* Per-CPU u64 by map id: updates of a hash map that it refused (full). */
#define DROPPED_MAP_NAME "dropped_updates"
#define SMALL_RINGBUF_SIZE (64 << 10)
#define START_TIME_NAME "start_time"
#define CPU_SLOTS_NAME "cpu_slots"
#define SCRATCH_MAP_NAME "scratch" /* per-CPU memory for buffers past the stack (scratch.c) */

/* The programs' names: what each runs for, as bpftrace names its
 * programs (`kprobe_vfs_read_1`, what bpftool shows): its attach point,
 * or the attach point as written when instances of a wildcard share the
 * program (`kretprobe_ksys___1`); anything but letters and digits is
 * '_', and the program's number + 1 ends it. Named once, after the share
 * pass; program_number reads the number back from a name that ends at
 * *end (libbpf's and LLVM's messages), or -1 when it is no program's (a
 * loop body's function, say). */
void program_names_assign(struct program *p);
const char *program_name(const struct program *p, int id);
int program_number(const struct program *p, const char *name, const char *end);

/* The name of a script map's BPF map in the object. */
const char *map_global_name(const struct map_info *m);

#endif
