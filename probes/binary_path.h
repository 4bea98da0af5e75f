/* Where a uprobe's binary is, as bpftrace finds it: a path (relative to
 * the current directory or absolute, globs allowed), a program in $PATH,
 * a library by name (uprobe:libc), or the files a process maps. With a
 * traced process, paths are those it sees: through /proc/PID/root when
 * it lives in another mount namespace. Strings are in the arena. */
#ifndef LANTERN_BINARY_PATH_H
#define LANTERN_BINARY_PATH_H
#include <stdbool.h>

/* The files target names, in the order found: target itself, then for a
 * name without '/' the same name in each directory of $PATH; globs
 * expanded. Only ELF executables (with execute permission) and shared
 * objects count, each file once. Returns how many (*out holds them). */
int binary_path_resolve(const char *target, int pid, const char ***out);
/* target "libNAME": the library's path, as pid maps it or else as the
 * loader finds it; NULL when there is none (or target is no "lib..."). */
const char *binary_path_library(const char *target, int pid);
/* The ELF files process pid maps (its program and libraries), or with
 * pid 0 every process does, sorted, each once. Returns how many. */
int binary_path_mapped(int pid, const char ***out);
/* The files a probe of type (its name, for messages: "uprobe", "usdt")
 * attaches in, by target: "*" every file process pid maps (or with pid 0
 * every process's), a library name, or a path or program, wildcards
 * allowed. *several is set when it may name more than one; a name of
 * several files without a wildcard is its first, with a warning. Reports
 * errors at loc. Returns how many, or -1. */
struct loc;
int binary_path_targets(const char *type, const char *target, int pid, struct loc loc, const char ***out,
			bool *several);
/* The program process pid runs, or NULL if it is gone. */
const char *binary_path_of_pid(int pid);

#endif
