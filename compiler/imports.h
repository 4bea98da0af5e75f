/* import "file.bt"; and import "dir"; (imports.c). */
#ifndef LANTERN_IMPORTS_H
#define LANTERN_IMPORTS_H
#include "ast.h"

/* The program parsed from script_path (NULL: -e or stdin) gets the
 * probes, macros and map declarations of what it imports, recursively.
 * 0, or -1 after a located error. */
int imports_resolve(struct node *prog, const char *script_path);

#endif
