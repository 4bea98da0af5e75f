/* Typed program in, BPF ELF object out (in memory). The only part of
 * lantern that includes llvm-c. */
#ifndef LANTERN_CODEGEN_H
#define LANTERN_CODEGEN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../compiler/program.h"
#include "map_layout.h"

struct codegen_options {
	FILE *dump_ir;  /* LLVM IR after optimization, or NULL */
	FILE *dump_asm; /* BPF assembly, or NULL */
	int ringbuf_size; /* bytes, a power of two multiple of the page size */
	int max_map_keys; /* capacity of hash maps; 0: DEFAULT_MAP_KEYS */
	bool task_storage; /* tracing programs may use task storage (maps keyed by tid) */
	int cpu_ids;       /* highest possible CPU id + 1, for CPU slots; 0: unknown, no slots */
};

struct bpf_image {
	void *data;
	size_t size;
	struct map_layout *layouts; /* indexed by map id */
	size_t cpu_slots_size;      /* bytes of the CPU-slots global; 0: there is none */
	void *llvm_buffer;          /* owner of data */
};

int codegen_compile(struct program *p, const struct codegen_options *o, struct bpf_image *out);
void bpf_image_free(struct bpf_image *img);

/* Names shared with the runtime. */
#define PROG_NAME_FMT "lantern_%d"
#define RINGBUF_MAP_NAME "events"
#define LOST_MAP_NAME "lost_events"
#define SMALL_RINGBUF_SIZE (64 << 10)
#define START_TIME_NAME "start_time"
#define CPU_SLOTS_NAME "cpu_slots"
const char *map_global_name(const struct map_info *m);

#endif
