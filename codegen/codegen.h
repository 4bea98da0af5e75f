/* Typed program in, BPF ELF object out (in memory). The only part of
 * lantern that includes llvm-c. */
#ifndef LANTERN_CODEGEN_H
#define LANTERN_CODEGEN_H
#include <stdbool.h>
#include <stdio.h>

#include "../compiler/program.h"
#include "bpf_image.h"

struct codegen_options {
	FILE *dump_ir;  /* LLVM IR after optimization, or NULL */
	/* --emit-llvm: the IR before and after optimization, each file
	 * rewritten by every attempt (the last one's stays), or NULL */
	FILE *emit_ir_original, *emit_ir_optimized;
	FILE *dump_asm; /* BPF assembly, or NULL */
	int ringbuf_size; /* bytes, a power of two multiple of the page size */
	int max_map_keys; /* capacity of undeclared hash maps; 0: DEFAULT_MAP_KEYS */
	const char *license; /* the programs' (GPL-compatible); NULL: "GPL" */
	bool task_storage; /* tracing programs may use task storage (maps keyed by tid) */
	int cpu_ids;       /* highest possible CPU id + 1, for CPU slots; 0: unknown, no slots */
	int ncpus;         /* the CPUs that may run: the `ncpus` builtin */
	/* Given: buffers past on_stack_limit bytes go to per-CPU scratch
	 * memory. Not given: only if the programs do not fit the stack
	 * otherwise (then those past SCRATCH_FALLBACK_LIMIT). */
	bool on_stack_limit_given;
	int on_stack_limit;
	/* -p: programs of probe types with pid_filter return unless this
	 * process is running; 0: no filter */
	int filter_pid;
	/* -k: a failed probe read sends an event (ASYNC_HELPER_ERROR) */
	bool helper_errors;
	/* the kernel takes BPF's v4 instructions: code is generated for them
	 * (long jumps, sign-extending loads and moves); else for v3 */
	bool cpu_v4;
};

#define SCRATCH_FALLBACK_LIMIT 32 /* bpftrace's on_stack_limit */

/* "19.1.7": the LLVM lantern generates code with (--info). */
const char *codegen_llvm_version(void);

int codegen_compile(struct program *p, const struct codegen_options *o, struct bpf_image *out);
/* Frees what codegen_compile made (its buffer is LLVM's). */
void bpf_image_free(struct bpf_image *img);

#endif
