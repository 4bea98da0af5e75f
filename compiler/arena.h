/* Bump allocator for everything that lives as long as one compilation
 * (AST nodes, strings, types): freed in one call at the end. */
#ifndef LANTERN_ARENA_H
#define LANTERN_ARENA_H
#include <stddef.h>

void *arena_alloc(size_t size); /* zeroed; aborts on OOM */
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Room for one more element in an arena array of n elements and capacity
 * *cap: doubles the capacity when full. Returns the (maybe moved) array. */
void *arena_grow(void *items, int n, int *cap, size_t elem_size);
void arena_free_all(void);
/* Counts the arena's lives (one more each arena_free_all), from 1: what
 * lives longer and keeps arena pointers knows when they are gone. */
unsigned long arena_epoch(void);

#endif
