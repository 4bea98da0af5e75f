#include "tracefs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

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
