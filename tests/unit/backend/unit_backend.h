/* Unit tests of back-end code that needs no kernel (map layouts, the BTF
 * scanner, kernel features): they link libbpf. */
#ifndef LANTERN_UNIT_BACKEND_H
#define LANTERN_UNIT_BACKEND_H
#include "../unit.h"

void test_map_layout(void);
void test_btf_scan(void);
void test_btf_types(void);

/* Whether map_name of a -e program that must compile is laid out in task
 * storage where the kernel allows (1 or 0); -1 if there is no such map. */
int task_local(const char *program, const char *map_name);
/* The layout of one map of a program that must compile, chosen and placed
 * among all its maps; returns the map's id, or -1. */
struct layout_options;
struct map_layout;
int map_layout_of(const char *program, const char *map_name, const struct layout_options *o, struct map_layout *out);

#endif
