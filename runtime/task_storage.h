/* Reading a task-local map (codegen/map_layout.h) out, which takes a BPF
 * iterator over every task since task storage cannot be walked by key.
 * Whether the kernel has them: kernel_task_storage(). */
#ifndef LANTERN_TASK_STORAGE_H
#define LANTERN_TASK_STORAGE_H
#include "../codegen/map_layout.h"

/* Calls add(ctx, tid, value) for every task whose element of the map
 * holds a value (value_size bytes). Returns 0 or a negative errno; on an
 * error, *what says which step failed. */
int task_storage_read(int map_fd, const struct map_layout *l,
		      int (*add)(void *ctx, unsigned long long tid, const unsigned long long *value), void *ctx,
		      const char **what);

#endif
