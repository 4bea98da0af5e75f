/* Where tracefs is. It is not mounted at boot on every machine, so when it
 * is missing and we are allowed to, we mount it. */
#ifndef LANTERN_TRACEFS_H
#define LANTERN_TRACEFS_H

/* The tracefs root ("/sys/kernel/tracing"), or NULL with *why set. */
const char *tracefs_root(const char **why);

#endif
