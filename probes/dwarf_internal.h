/* What the DWARF files share among themselves (dwarf_file.c opens and
 * walks, dwarf_types.c converts types, dwarf_lines.c reads line tables);
 * the rest of lantern uses dwarf.h. */
#ifndef LANTERN_DWARF_INTERNAL_H
#define LANTERN_DWARF_INTERNAL_H
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "../compiler/name_table.h"
#include "dwarf.h"

struct dwarf_file {
	char *path;
	Dwfl *dwfl;
	Dwarf *dw;
	const char *why; /* no debug info: why (static or malloc'd) */
	bool split_missing; /* a skeleton unit whose split unit libdw did not find (warned) */
	struct dwp *dwp;    /* the .dwp beside it, read by lantern (dwarf_dwp.c) */
	bool dwp_tried;
	/* per compilation (epoch): function name -> Dwarf_Die *, types by DIE */
	unsigned long epoch;
	struct name_table functions;
	struct name_table functions_at; /* low pc in hex -> Dwarf_Die *: a symbol's alias (fopen's) */
	struct name_table types;
	struct name_table named; /* "struct X", "union X", "enum X", a typedef's name -> Dwarf_Die * */
	bool named_indexed;
	struct dwarf_file *next;
};

/* Calls fn for each compilation unit's DIE (a skeleton's split unit in
 * its place) until fn returns non-zero, which it returns. */
int dwarf_each_unit(struct dwarf_file *f, int (*fn)(Dwarf_Die *cu, void *ctx), void *ctx);
/* The same for the units' line tables: a split unit lantern took out of
 * a .dwp has its lines in its skeleton, which is given instead. */
int dwarf_each_line_unit(struct dwarf_file *f, int (*fn)(Dwarf_Die *cu, void *ctx), void *ctx);

/* The split unit of skeleton in the .dwp beside f's binary, or NULL. */
struct dwp;
Dwarf_Die *dwarf_dwp_unit(struct dwarf_file *f, Dwarf_Die *skeleton);

/* Brings f's per-compilation tables up to this compilation. */
void dwarf_file_epoch(struct dwarf_file *f);

/* The type DIE die's DW_AT_type names, or NULL (void). */
Dwarf_Die *dwarf_type_of(Dwarf_Die *die, Dwarf_Die *mem);

/* die (a type DIE, NULL: void) as lantern's type, and as bpftrace names it. */
const struct type *dwarf_convert_type(struct dwarf_file *f, Dwarf_Die *die);
const char *dwarf_type_name(Dwarf_Die *die);
/* Whether die is a floating-point base type, through typedefs and qualifiers. */
bool dwarf_type_is_float(Dwarf_Die *die);
/* What the calling convention looks at in type die (NULL: void). */
void dwarf_abi_type(Dwarf_Die *die, struct abi_type *out);

#endif
