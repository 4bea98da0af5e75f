/* The kernel functions a probe can trace: tracefs's
 * available_filter_functions ("name" or "name [module]"), read once when
 * a kprobe or fentry probe first needs it and kept for the process. */
#ifndef LANTERN_KERNEL_FUNCTIONS_H
#define LANTERN_KERNEL_FUNCTIONS_H
#include <stdbool.h>

#include "../compiler/diag.h"

struct kernel_function {
	const char *name;
	const char *module; /* "vmlinux" for the kernel's own */
};

struct kernel_functions {
	/* in the list's order; each (name, module) once */
	const struct kernel_function *items;
	int n;
	/* tracefs's list could not be read (a locked-down tracefs):
	 * /proc/kallsyms's text symbols instead, traceable or not */
	bool from_kallsyms;
};

/* --traceable-functions FILE: the list is read from FILE instead */
void kernel_functions_from_file(const char *path);
/* The table, or NULL with *why set when neither list can be read. */
const struct kernel_functions *kernel_functions(const char **why);
/* The table a kprobe or fentry expansion of a function in module (NULL:
 * any) at loc looks in (listing: -l's); NULL when there is nothing to
 * expand, with *rc what the expansion returns: -1 when the table cannot
 * be read (reported), 0 for -l when what is traceable is not known,
 * provider_missing's when module is not loaded. */
const struct kernel_functions *kernel_functions_for(const char *module, bool listing, struct loc loc, int *rc);
/* The function named name whose module matches the fnmatch pattern
 * module (NULL: any), the kernel's own first; or NULL. */
const struct kernel_function *kernel_function_find(const struct kernel_functions *t, const char *name,
						   const char *module);
/* Those whose name and module match the patterns (module NULL: any),
 * sorted by name, then module, in an array in the arena; their count. */
int kernel_functions_matching(const struct kernel_functions *t, const char *name, const char *module,
			      const struct kernel_function ***out);
/* Whether name is one the table leaves out on purpose: ftrace's
 * placeholders, and functions a probe must not run in (rcu_*, the idle
 * loop), as bpftrace leaves them out. */
bool kernel_function_left_out(const char *name);
/* Why function name (written what: "module:name" or "name") is not in
 * the table, naming the nearest names: for provider_missing. */
const char *kernel_function_absent(const struct kernel_functions *t, const char *name, const char *what);
/* Whether a kernel module of that name is loaded (or it is "vmlinux"). */
bool kernel_module_exists(const char *module);

#endif
