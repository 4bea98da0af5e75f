/* Reading a script: from a file or stdin, as text, with a size limit (a
 * script is typed or written by hand; /dev/zero is not one). */
#ifndef LANTERN_SOURCE_H
#define LANTERN_SOURCE_H
#include "diag.h"

#define MAX_SCRIPT_BYTES (1 << 20)

/* Reads path ("-": stdin) into out (named as messages show it). Returns 0,
 * or -1 after reporting why not: unreadable, a directory, past
 * MAX_SCRIPT_BYTES, or holding a NUL byte. out->text is malloc'ed. */
int source_read(const char *path, struct source *out);

#endif
