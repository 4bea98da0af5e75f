/* Opening a binary's debug info (libdwfl: its own, or a separate file
 * by build id or .gnu_debuglink under the debuginfo path), walking its
 * compilation units (a skeleton's split unit, from a .dwo or .dwp, in
 * its place), and finding a function's DIE by name. A file is opened
 * once per process; its index of functions is built once per
 * compilation, the first time a function is asked for. */
#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "dwarf_internal.h"

static struct dwarf_file *files;

/* ---- the debuginfo path ---- */

/* "DIR:DIR:...:", then libdwfl's default (its empty element is the
 * binary's own directory); NULL (the default) until --debuginfo. */
static char *debuginfo_path;
#define DEFAULT_DEBUGINFO_PATH ":.debug:/usr/lib/debug"

static void path_append(const char *dir)
{
	size_t old = debuginfo_path ? strlen(debuginfo_path) : 0, len = strlen(dir);
	char *grown = realloc(debuginfo_path, old + len + 2);
	if (!grown)
		return;
	memcpy(grown + old, dir, len);
	grown[old + len] = ':';
	grown[old + len + 1] = 0;
	debuginfo_path = grown;
}

void dwarf_add_debuginfo_dir(const char *dir)
{
	/* libdwfl takes a relative one from the binary's directory; bpftrace's
	 * users also write one from here */
	struct stat st;
	char *abs = dir[0] != '/' && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? realpath(dir, NULL) : NULL;
	if (abs)
		path_append(abs);
	free(abs);
	path_append(dir);
}

static char *callbacks_path;
static const Dwfl_Callbacks callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &callbacks_path,
};

/* ---- opening ---- */

static const char *open_dwarf(struct dwarf_file *f)
{
	if (debuginfo_path && !callbacks_path) {
		size_t n = strlen(debuginfo_path) + sizeof(DEFAULT_DEBUGINFO_PATH);
		callbacks_path = malloc(n);
		if (callbacks_path)
			snprintf(callbacks_path, n, "%s%s", debuginfo_path, DEFAULT_DEBUGINFO_PATH);
	}
	f->dwfl = dwfl_begin(&callbacks);
	if (!f->dwfl)
		return "libdw cannot start";
	Dwfl_Module *mod = dwfl_report_offline(f->dwfl, f->path, f->path, -1);
	if (!mod || dwfl_report_end(f->dwfl, NULL, NULL) != 0)
		return "it is not an ELF file libdw can read";
	Dwarf_Addr bias;
	f->dw = dwfl_module_getdwarf(mod, &bias);
	if (!f->dw)
		return "it has no DWARF debug info (built without -g, or stripped), and no separate debug info was "
		       "found for it";
	return NULL;
}

struct dwarf_file *dwarf_file_get(const char *path, const char **why)
{
	struct dwarf_file *f;
	for (f = files; f; f = f->next)
		if (!strcmp(f->path, path))
			break;
	if (!f) {
		f = calloc(1, sizeof(*f));
		if (!f) {
			*why = strerror(ENOMEM);
			return NULL;
		}
		f->path = strdup(path);
		f->why = f->path ? open_dwarf(f) : strerror(ENOMEM);
		f->next = files;
		files = f;
	}
	if (f->why) {
		*why = f->why;
		return NULL;
	}
	return f;
}

void dwarf_file_epoch(struct dwarf_file *f)
{
	if (f->epoch == arena_epoch())
		return;
	f->epoch = arena_epoch();
	f->functions = (struct name_table){ 0 };
	f->functions_at = (struct name_table){ 0 };
	f->types = (struct name_table){ 0 };
	f->named = (struct name_table){ 0 };
	f->named_indexed = false;
}

/* ---- units ---- */

/* As bpftrace: the skeleton alone has lines and addresses, not types. */
static void split_missing(struct dwarf_file *f, Dwarf_Die *skeleton)
{
	if (f->split_missing)
		return;
	f->split_missing = true;
	Dwarf_Attribute a;
	const char *dwo = dwarf_formstring(dwarf_attr(skeleton, DW_AT_dwo_name, &a));
	if (!dwo)
		dwo = dwarf_formstring(dwarf_attr(skeleton, DW_AT_GNU_dwo_name, &a));
	const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
	const char *dwo_base = dwo && strrchr(dwo, '/') ? strrchr(dwo, '/') + 1 : dwo;
	diag_plain_warning("Unable to find split debug file '%s' or '%s.dwp' for '%s', debugging information may be "
			   "incomplete!",
			   dwo_base ? dwo_base : arena_printf("%s.dwo", base), base, f->path);
}

static int each_unit(struct dwarf_file *f, bool lines, int (*fn)(Dwarf_Die *cu, void *ctx), void *ctx)
{
	Dwarf_CU *cu = NULL, *next;
	Dwarf_Half version;
	uint8_t type;
	Dwarf_Die cudie, subdie;
	while (dwarf_get_units(f->dw, cu, &next, &version, &type, &cudie, &subdie) == 0) {
		cu = next;
		if (type == DW_UT_type || type == DW_UT_split_type)
			continue;
		/* a skeleton's DIEs are in its split unit (libdw finds a .dwo,
		 * lantern a .dwp libdw does not read) */
		Dwarf_Die *die = &cudie;
		if (type == DW_UT_skeleton && dwarf_tag(&subdie) == DW_TAG_compile_unit)
			die = &subdie;
		else if (type == DW_UT_skeleton && !lines && !(die = dwarf_dwp_unit(f, &cudie)))
			die = &cudie;
		if (type == DW_UT_skeleton && die == &cudie && !lines)
			split_missing(f, &cudie);
		int rc = fn(die, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

int dwarf_each_unit(struct dwarf_file *f, int (*fn)(Dwarf_Die *cu, void *ctx), void *ctx)
{
	return each_unit(f, false, fn, ctx);
}

int dwarf_each_line_unit(struct dwarf_file *f, int (*fn)(Dwarf_Die *cu, void *ctx), void *ctx)
{
	return each_unit(f, true, fn, ctx);
}

/* ---- functions, by name and by address ---- */

static const char *attr_string(Dwarf_Die *die, int name)
{
	Dwarf_Attribute a;
	return dwarf_formstring(dwarf_attr_integrate(die, name, &a));
}

static bool is_definition(Dwarf_Die *die)
{
	return dwarf_hasattr(die, DW_AT_low_pc) || dwarf_hasattr(die, DW_AT_ranges) ||
	       dwarf_hasattr(die, DW_AT_entry_pc);
}

/* Every DIE of a name: two files' static functions may share one. */
struct candidate {
	Dwarf_Die die;
	struct candidate *next;
};

static void offer(struct dwarf_file *f, const char *name, Dwarf_Die *die)
{
	if (!name)
		return;
	struct candidate *c = arena_alloc(sizeof(*c)), *first = name_table_get(&f->functions, name), *last = first;
	c->die = *die;
	while (last && last->next)
		last = last->next;
	if (last) /* in the order of the units */
		last->next = c;
	else
		name_table_put(&f->functions, arena_strdup(name), c);
}

/* The one at addr, else a definition; *any: a declaration or an
 * abstract instance, the last resort. */
static Dwarf_Die *pick(struct candidate *c, unsigned long long addr, Dwarf_Die **any)
{
	Dwarf_Die *definition = NULL;
	*any = c ? &c->die : NULL;
	for (; c; c = c->next) {
		Dwarf_Addr low;
		if (dwarf_lowpc(&c->die, &low) == 0 && low == addr)
			return &c->die;
		if (!definition && is_definition(&c->die))
			definition = &c->die;
	}
	return definition;
}

/* The subprograms under die, and in its namespaces and classes (C++). */
static void index_children(struct dwarf_file *f, Dwarf_Die *die, int depth)
{
	Dwarf_Die child;
	if (depth > 8 || dwarf_child(die, &child) != 0)
		return;
	do {
		int tag = dwarf_tag(&child);
		Dwarf_Addr low;
		if (tag == DW_TAG_subprogram && dwarf_lowpc(&child, &low) == 0) {
			const char *key = arena_printf("%llx", (unsigned long long)low);
			if (!name_table_get(&f->functions_at, key)) {
				Dwarf_Die *copy = arena_alloc(sizeof(*copy));
				*copy = child;
				name_table_put(&f->functions_at, key, copy);
			}
		}
		if (tag == DW_TAG_subprogram) {
			offer(f, attr_string(&child, DW_AT_name), &child);
			const char *linkage = attr_string(&child, DW_AT_linkage_name);
			offer(f, linkage ? linkage : attr_string(&child, DW_AT_MIPS_linkage_name), &child);
		} else if (tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type) {
			index_children(f, &child, depth + 1);
		}
	} while (dwarf_siblingof(&child, &child) == 0);
}

static int index_unit(Dwarf_Die *cu, void *ctx)
{
	index_children(ctx, cu, 0);
	return 0;
}

Dwarf_Die *dwarf_type_of(Dwarf_Die *die, Dwarf_Die *mem)
{
	Dwarf_Attribute a;
	return dwarf_formref_die(dwarf_attr_integrate(die, DW_AT_type, &a), mem);
}

const struct dwarf_function *dwarf_function(struct dwarf_file *f, const char *name, unsigned long long addr)
{
	dwarf_file_epoch(f);
	if (!f->functions.n)
		dwarf_each_unit(f, index_unit, f);
	Dwarf_Die *any, *die = pick(name_table_get(&f->functions, name), addr, &any);
	if (!die && addr) /* another name of the code at addr: fopen is _IO_new_fopen */
		die = name_table_get(&f->functions_at, arena_printf("%llx", addr));
	if (!die)
		die = any;
	if (!die)
		return NULL;
	struct dwarf_function *fn = arena_alloc(sizeof(*fn));
	fn->name = arena_strdup(name);
	int cap = 0;
	struct dwarf_param *params = NULL;
	Dwarf_Die child;
	if (dwarf_child(die, &child) == 0) {
		do {
			if (dwarf_tag(&child) == DW_TAG_unspecified_parameters)
				fn->variadic = true;
			if (dwarf_tag(&child) != DW_TAG_formal_parameter)
				continue;
			Dwarf_Die mem, *type = dwarf_type_of(&child, &mem);
			const char *pname = attr_string(&child, DW_AT_name);
			params = arena_grow(params, fn->nparams, &cap, sizeof(*params));
			params[fn->nparams++] = (struct dwarf_param){
				.name = pname ? arena_strdup(pname) : NULL,
				.type = dwarf_convert_type(f, type),
				.type_name = dwarf_type_name(type),
				.is_float = dwarf_type_is_float(type),
			};
			dwarf_abi_type(type, &params[fn->nparams - 1].abi);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	fn->params = params;
	return fn;
}
