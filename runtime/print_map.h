/* Maps as text, in bpftrace's format. */
#ifndef LANTERN_PRINT_MAP_H
#define LANTERN_PRINT_MAP_H
#include <stdio.h>

#include "maps.h"

/* Prints a sorted snapshot; top keeps the last N entries, div divides
 * the values (0: off). */
void print_map(FILE *out, const struct program *p, const struct map_snapshot *s, long long top, long long div);

/* Prints one value of type t from a record or map (strings up to size). */
void print_value(FILE *out, const struct program *p, const struct type *t, const void *data);

#endif
