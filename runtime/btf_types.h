/* The kernel's types, for the C definitions' registry (compiler/cdefs.h):
 * a struct, union, enum or typedef the script names but does not define
 * is read from /sys/kernel/btf/vmlinux into lantern's types. */
#ifndef LANTERN_BTF_TYPES_H
#define LANTERN_BTF_TYPES_H
#include "../compiler/cdefs.h"

struct btf;

/* For cdefs_set_kernel. The BTF is loaded the first time a name is
 * missing (~10 ms, ~10 MB), never for scripts that need none. */
extern const struct cdefs_kernel btf_kernel_types;

/* Reads btf instead of the kernel's (tests); NULL: the kernel's again. */
void btf_types_use(struct btf *btf);

#endif
