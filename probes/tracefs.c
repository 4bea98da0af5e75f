#include "tracefs.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "../compiler/arena.h"

/* 0 if root holds tracefs' events, else an errno: ENOENT when nothing is
 * mounted there, EACCES when it is but we may not read it. */
static int has_events(const char *root)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/events", root);
	return access(path, F_OK) ? errno : 0;
}

const char *tracefs_root(const char **why)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	static const char *root;
	static char reason[256];
	if (root)
		return root;
	for (int i = 0; i < 2; i++) {
		int err = has_events(roots[i]);
		if (!err)
			return root = roots[i];
		if (err == EACCES) {
			snprintf(reason, sizeof(reason), "cannot read tracefs at %s: %s (lantern needs root)",
				 roots[i], strerror(err));
			*why = reason;
			return NULL;
		}
	}
	if (mount("tracefs", roots[0], "tracefs", 0, NULL) == 0 && has_events(roots[0]) == 0)
		return root = roots[0];
	snprintf(reason, sizeof(reason), "tracefs is not mounted and mounting it at %s failed: %s", roots[0],
		 strerror(errno));
	*why = reason;
	return NULL;
}

int tracefs_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir matching pattern. */
static char **match_dir(const char *dir, const char *pattern, int *count)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	int n = 0, cap = 0;
	*count = 0;
	if (!d)
		return NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || fnmatch(pattern, e->d_name, 0))
			continue;
		names = arena_grow(names, n, &cap, sizeof(*names));
		names[n++] = arena_strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, (size_t)n, sizeof(*names), tracefs_cmp_names);
	*count = n;
	return names;
}

/* Calls found for each tracepoint in tracefs at root whose category and
 * name match the patterns, in the order of their directories. An event
 * with an id but no enable file is ftrace's own (ftrace:function,
 * ftrace:print): perf cannot attach to it, and bpftrace, which reads
 * available_events, does not have it. */
void tracefs_each_event(const char *root, const char *group, const char *event,
		       void (*found)(const char *group, const char *event, void *ctx), void *ctx)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/events", root);
	int ngroups;
	char **groups = match_dir(path, group, &ngroups);
	for (int g = 0; g < ngroups; g++) {
		snprintf(path, sizeof(path), "%s/events/%s", root, groups[g]);
		int nevents;
		char **events = match_dir(path, event, &nevents);
		for (int e = 0; e < nevents; e++) {
			char id[600], enable[600];
			snprintf(id, sizeof(id), "%s/%s/id", path, events[e]);
			snprintf(enable, sizeof(enable), "%s/%s/enable", path, events[e]);
			if (access(id, F_OK) == 0 && access(enable, F_OK) == 0)
				found(groups[g], events[e], ctx);
		}
	}
}

