/* The kernel functions a probe can trace: tracefs's
 * available_filter_functions ("name" or "name [module]"), read once when
 * a kprobe or fentry probe first needs it and kept for the process. */
#ifndef LANTERN_KERNEL_FUNCTIONS_H
#define LANTERN_KERNEL_FUNCTIONS_H
#include <stdbool.h>

struct kernel_function {
	const char *name;
	const char *module; /* "vmlinux" for the kernel's own */
};

struct kernel_functions {
	/* sorted by name, then module; each (name, module) once */
	const struct kernel_function *items;
	int n;
	/* tracefs's list could not be read (a locked-down tracefs):
	 * /proc/kallsyms's text symbols instead, traceable or not */
	bool from_kallsyms;
};

/* The table, or NULL with *why set when neither list can be read. */
const struct kernel_functions *kernel_functions(const char **why);
/* The first entry named name (of any module), or NULL. */
const struct kernel_function *kernel_function_named(const struct kernel_functions *t, const char *name);
/* Whether name is one the table leaves out on purpose: ftrace's
 * placeholders, and functions a probe must not run in (rcu_*, the idle
 * loop), as bpftrace leaves them out. */
bool kernel_function_left_out(const char *name);
/* Whether a kernel module of that name is loaded (or it is "vmlinux"). */
bool kernel_module_exists(const char *module);

#endif
