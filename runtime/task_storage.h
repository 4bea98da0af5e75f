/* Task-local maps (codegen/map_layout.h): whether this kernel has them for
 * tracing programs, and reading one out, which takes a BPF iterator over
 * every task since task storage cannot be walked by key. */
#ifndef LANTERN_TASK_STORAGE_H
#define LANTERN_TASK_STORAGE_H
#include <stdbool.h>

#include "../codegen/map_layout.h"

/* Tracing programs may call task_storage_get and get_current_task_btf,
 * and the kernel's BTF has what the reader needs. Loads two tiny programs
 * and scans the BTF (~4 ms): call it only when a map could use it. */
bool task_storage_supported(void);

/* Calls add(ctx, tid, value) for every task whose element of the map
 * holds a value (value_size bytes). Returns 0 or a negative errno; on an
 * error, *what says which step failed. */
int task_storage_read(int map_fd, const struct map_layout *l,
		      int (*add)(void *ctx, unsigned long long tid, const unsigned long long *value), void *ctx,
		      const char **what);

#endif
