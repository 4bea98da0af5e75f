/* Where tracefs is. It is not mounted at boot on every machine, so when it
 * is missing and we are allowed to, we mount it. */
#ifndef LANTERN_TRACEFS_H
#define LANTERN_TRACEFS_H
#include <stdbool.h>

/* The tracefs root ("/sys/kernel/tracing"), or NULL with *why set. */
const char *tracefs_root(const char **why);

/* Calls found for each tracepoint whose category and name match the
 * fnmatch patterns, in sorted order of categories, then names (skipping
 * ftrace's own events, which perf cannot attach to). */
void tracefs_each_event(const char *root, const char *group, const char *event,
			void (*found)(const char *group, const char *event, void *ctx), void *ctx);

/* qsort's comparison of char * names */
int tracefs_cmp_names(const void *a, const void *b);

#endif
