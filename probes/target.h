/* The process lantern is told to trace: -p PID, or the command it runs
 * for -c. Uprobes attach to it alone and find their binaries as it sees
 * them; with -p, the other probes (but BEGIN and END) see only its
 * events. The driver sets it once, before the compiler runs. */
#ifndef LANTERN_TARGET_H
#define LANTERN_TARGET_H
#include <stdbool.h>

struct target {
	int pid;          /* 0: none, or a -c command not started (--dry-run) */
	bool is_command;  /* -c: lantern runs it, and cpid is its pid */
	const char *exe;  /* -c: the command's program, as found in $PATH */
};

void target_set(const struct target *t);
/* Never NULL: with no -p or -c, a target with pid 0. */
const struct target *target_get(void);

#endif
