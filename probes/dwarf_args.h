/* A uprobe's `args` from the probed function's DWARF formal parameters:
 * each a field read from the argument register the calling convention
 * puts it in (arch.h), and `args` whole a struct of them, one 8-byte
 * slot per register (CTX_ARG_REGISTERS). Read only when a script uses
 * args, or -lv lists a function. */
#ifndef LANTERN_DWARF_ARGS_H
#define LANTERN_DWARF_ARGS_H
#include "provider.h"

struct dwarf_args {
	const char *why;                 /* set: no args at all, and why (no DWARF...) */
	const struct probe_field *fields; /* one per parameter: unsupported ones say why */
	int nfields;
	const struct probe_field *whole; /* args whole */
};

/* Of function func (its symbol at addr) of the binary at path, read the
 * first time (*cache holds it for the attach point). */
const struct dwarf_args *dwarf_args_get(const struct dwarf_args **cache, const char *path, const char *func,
					unsigned long long addr);

/* -lv: "    int argc" for each parameter of func in path; nothing
 * without DWARF. */
void dwarf_args_describe(const char *path, const char *func, void (*emit)(void *ctx, const char *line), void *ctx);

#endif
