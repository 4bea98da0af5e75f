/* Attaching programs to places in user code: what uprobes, uretprobes
 * and USDT probes share. A provider that uses these keeps a struct
 * uprobe_point first in its attach points' data (ap->data). */
#ifndef LANTERN_UPROBE_ATTACH_H
#define LANTERN_UPROBE_ATTACH_H
#include <stdbool.h>

#include "provider.h"

/* Where the kernel puts the breakpoint. */
struct uprobe_point {
	const char *path;
	unsigned long long offset; /* in the file */
	/* A USDT semaphore's offset in the file, or 0: the kernel adds one
	 * to it in each process while the uprobe is there (its reference
	 * counter), so code guarded by it runs only while traced. */
	unsigned long long ref_ctr_offset;
	bool retprobe;
	bool usdt; /* with -c too, in the command alone (bpftrace's rule); uprobes only with -p */
};

#ifndef LANTERN_FRONT_END_ONLY
struct bpf_program;
/* provider.h's attach, prepare and attach_many, for uprobe_points: one
 * uprobe_multi link per binary where the kernel has it, else a perf event
 * each; with -p, in that process only (USDT's with -c too). */
int uprobe_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
		  struct link_list *links);
void uprobe_prepare(struct bpf_program *prog, const struct attach_point *const *aps, int n);
int uprobe_attach_many(const struct attach_point *const *aps, const unsigned long long *cookies, int n,
		       struct bpf_program *prog, struct link_list *links, int *errors);
#endif

#endif
