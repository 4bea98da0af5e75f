#include "tracefs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static int has_events(const char *root)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/events", root);
	return access(path, F_OK) == 0;
}

const char *tracefs_root(const char **why)
{
	static const char *root;
	static char reason[256];
	if (root)
		return root;
	if (has_events("/sys/kernel/tracing"))
		return root = "/sys/kernel/tracing";
	if (has_events("/sys/kernel/debug/tracing"))
		return root = "/sys/kernel/debug/tracing";
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0 &&
	    has_events("/sys/kernel/tracing"))
		return root = "/sys/kernel/tracing";
	snprintf(reason, sizeof(reason),
		 "tracefs is not mounted and mounting it at /sys/kernel/tracing failed: %s",
		 strerror(errno));
	*why = reason;
	return NULL;
}
