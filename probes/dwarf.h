/* The DWARF debug info of user-space binaries, read through libdw
 * (elfutils): what types a uprobe's `args` (a function's formal
 * parameters), and where a source line is (uprobe:BIN@FILE:LINE). The
 * debug info is the binary's own, or a separate file libdwfl finds: by
 * .gnu_debuglink or build id, under the --debuginfo directories, then
 * .debug beside the binary and /usr/lib/debug; split DWARF (.dwo files,
 * a .dwp package) is read through the skeleton units. A file is opened
 * the first time a script needs it (args used, a source line named) and
 * kept for the process; the types made are the compilation's (arena). */
#ifndef LANTERN_DWARF_H
#define LANTERN_DWARF_H
#include <stdbool.h>

#include "../compiler/types.h"
#include "abi.h"

/* --debuginfo DIR: looked in for separate debug info before the
 * defaults. Relative to the binary's directory, as libdwfl takes it, and
 * also from the current directory when DIR is there. */
void dwarf_add_debuginfo_dir(const char *dir);

struct dwarf_file;

/* The debug info of the binary at path, opened once; NULL with *why set
 * when it has none (or cannot be read). */
struct dwarf_file *dwarf_file_get(const char *path, const char **why);

/* A formal parameter: its name (NULL if it has none), its type as
 * lantern's (pointers into user memory), its type as bpftrace's -lv
 * writes it ("struct Foo*"), whether it is a floating-point value, and
 * what the calling convention looks at in it. */
struct dwarf_param {
	const char *name;
	const struct type *type;
	const char *type_name;
	bool is_float;
	struct abi_type abi;
};

struct dwarf_function {
	const char *name;
	const struct dwarf_param *params;
	int nparams;
	bool variadic;
};

/* The function named name (its DWARF name, or its linkage name: a C++
 * symbol): the one whose code starts at addr (its symbol's), else a
 * definition; with none of that name, the one whose code starts at addr
 * (an alias's: libc's fopen is _IO_new_fopen); NULL when no DIE
 * describes it. In the compilation's arena. */
const struct dwarf_function *dwarf_function(struct dwarf_file *f, const char *name, unsigned long long addr);

/* The type "struct X", "union X", "enum X" or typedef X the file's
 * DWARF defines (at a unit's top level), as lantern's; NULL if none. */
const struct type *dwarf_named_type(struct dwarf_file *f, const char *name);

/* The address (as the ELF's, before loading) of source line line (and
 * column col, 0: any) of the source file whose path ends with file; 0,
 * or -1 with *why set. */
int dwarf_line_address(struct dwarf_file *f, const char *file, int line, int col, unsigned long long *addr,
		       const char **why);

/* Where a code address (as the ELF's) is in the source: the calls
 * inlined there, innermost first, then the function holding them, each
 * with its file (NULL if unknown) and line. Up to max into out; how many
 * (0 when the debug info does not cover it). Names and files live as
 * long as the file is open. */
struct dwarf_place {
	const char *function;
	const char *file;
	int line;
	bool inlined;
};
int dwarf_places_at(struct dwarf_file *f, unsigned long long vaddr, struct dwarf_place *out, int max);

#endif
