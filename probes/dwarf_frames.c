/* The source places of a code address, for ustack with show_debug_info
 * (as bpftrace prints them): the calls inlined there, innermost first,
 * then the function that holds them, each with its file:line. The
 * innermost place is the line table's; each inlined call's caller is at
 * that call's DW_AT_call_file:DW_AT_call_line. Units whose ranges hold
 * the address are found by .debug_aranges, else by asking each unit. */
#include <dwarf.h>
#include <stdlib.h>

#include "dwarf_internal.h"

struct unit_at {
	Dwarf_Addr addr;
	Dwarf_Die cu;
	bool found;
};

static int holds(Dwarf_Die *cu, void *ctx)
{
	struct unit_at *u = ctx;
	if (dwarf_haspc(cu, u->addr) <= 0)
		return 0;
	u->cu = *cu;
	u->found = true;
	return 1;
}

static const char *name_of(Dwarf_Die *die)
{
	Dwarf_Attribute a;
	const char *name = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &a));
	return name ? name : "??";
}

/* The caller's place of inlined call die: its call_file (an index into
 * the unit's file table) and call_line. */
static void call_site(Dwarf_Die *cu, Dwarf_Die *die, const char **file, int *line)
{
	Dwarf_Attribute a;
	Dwarf_Word n;
	Dwarf_Files *files;
	size_t nfiles;
	*file = NULL;
	*line = 0;
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &a), &n) == 0)
		*line = (int)n;
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &a), &n) == 0 &&
	    dwarf_getsrcfiles(cu, &files, &nfiles) == 0 && n < nfiles)
		*file = dwarf_filesrc(files, n, NULL, NULL);
}

int dwarf_places_at(struct dwarf_file *f, unsigned long long vaddr, struct dwarf_place *out, int max)
{
	struct unit_at u = { .addr = vaddr };
	if (dwarf_addrdie(f->dw, vaddr, &u.cu))
		u.found = true;
	else
		dwarf_each_unit(f, holds, &u);
	if (!u.found)
		return 0;
	Dwarf_Line *row = dwarf_getsrc_die(&u.cu, vaddr);
	const char *file = row ? dwarf_linesrc(row, NULL, NULL) : NULL;
	int line = 0;
	if (row)
		dwarf_lineno(row, &line);
	/* the innermost scope, then the DIEs that hold it in the unit's tree:
	 * getscopes alone goes on from an inlined call's abstract origin */
	Dwarf_Die *innermost = NULL, *scopes = NULL;
	int nscopes = dwarf_getscopes(&u.cu, vaddr, &innermost);
	if (nscopes > 0)
		nscopes = dwarf_getscopes_die(&innermost[0], &scopes);
	free(innermost);
	int n = 0;
	for (int i = 0; i < nscopes && n < max; i++) {
		int tag = dwarf_tag(&scopes[i]);
		if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram)
			continue;
		out[n++] = (struct dwarf_place){ name_of(&scopes[i]), file, line, tag == DW_TAG_inlined_subroutine };
		if (tag == DW_TAG_subprogram)
			break;
		call_site(&u.cu, &scopes[i], &file, &line);
	}
	free(scopes);
	return n;
}
