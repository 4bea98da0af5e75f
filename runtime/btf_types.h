/* The kernel's types, for the C definitions' registry (compiler/cdefs.h):
 * a struct, union, enum or typedef the script names but does not define
 * is read from /sys/kernel/btf/vmlinux into lantern's types. */
#ifndef LANTERN_BTF_TYPES_H
#define LANTERN_BTF_TYPES_H
#include <stdbool.h>
#include <stdio.h>

#include "../compiler/cdefs.h"

struct btf;

/* For cdefs_set_kernel. The BTF is loaded the first time a name is
 * missing (~10 ms, ~10 MB), never for scripts that need none. */
extern const struct cdefs_kernel btf_kernel_types;

/* -lv 'struct NAME' (or union, enum): pattern names a kernel type, whose
 * definition btf_list_type prints as C, "vmlinux: struct NAME {" first,
 * as bpftrace -lv does. Returns 0, or -1 after reporting it is unknown. */
bool kernel_type_listing(const char *pattern);
int btf_list_type(const char *pattern, FILE *out);

/* Reads btf instead of the kernel's (tests); NULL: the kernel's again. */
void btf_types_use(struct btf *btf);

#endif
