/* What the running kernel and machine offer, for main.c to choose
 * codegen's options and for the runtime to read maps. Each answer is
 * found on its first ask and kept: nothing is probed twice, and nothing
 * that is never asked. */
#ifndef LANTERN_KERNEL_FEATURES_H
#define LANTERN_KERNEL_FEATURES_H
#include <stdbool.h>

#include "btf_scan.h"

/* How many CPUs may ever run (a per-CPU map value has a copy for each,
 * in order); at least 1. */
int kernel_possible_cpus(void);

/* The highest id a CPU may ever have, plus one: CPU slots are indexed by
 * id, and ids can have gaps ("0-3,8-11"). 0 when unknown. */
int kernel_cpu_id_limit(void);

/* Tracing programs may call task_storage_get and get_current_task_btf,
 * and the kernel's BTF has what the task-storage reader needs. Loads two
 * tiny programs and scans the BTF (~4 ms): ask only when a map could use
 * it. */
bool kernel_task_storage(void);

/* The verifier takes BPF's v4 instructions (Linux 6.6): among them
 * gotol, a jump past 32,767 instructions, which a big probe's branches
 * need. Loads one tiny program (~0.1 ms). */
bool kernel_bpf_cpu_v4(void);
/* --no-feature bpf_v4: generate v3 code even where the kernel has v4. */
void kernel_disable_bpf_cpu_v4(void);

/* The facts of the kernel's BTF the task-storage reader needs. 0, or the
 * negative errno of btf_scan_vmlinux(). */
int kernel_btf_facts(const struct btf_facts **out);

/* The CPU id limit from the text of /sys/devices/system/cpu/possible. */
int cpu_id_limit_of(const char *possible);

#endif
