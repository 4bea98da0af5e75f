#ifndef LANTERN_SYSCALLS_H
#define LANTERN_SYSCALLS_H

/* The number of syscall name (as its tracepoints spell it: "openat",
 * "newstat"), or -1 when lantern does not know it. */
int syscall_number(const char *name);

#endif
