/* A uprobe's args from DWARF (dwarf_args.h). Each parameter is where
 * the calling convention puts it (abi.h): an integer or pointer in its
 * argument register or stack slot, a small struct in its registers, a
 * bigger one on the stack. Floating-point values (in vector registers),
 * 16-byte integers and what comes after a parameter the convention's
 * rules here are not lantern's for say so where they are used. */
#include <string.h>

#include "../compiler/arena.h"
#include "abi.h"
#include "arch.h"
#include "dwarf.h"
#include "dwarf_args.h"
#include "elf_symbols.h"

static bool in_one_register(const struct type *t)
{
	if (t->kind != TY_INT && t->kind != TY_BOOL && t->kind != TY_PTR)
		return false;
	return t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8;
}

static const char *param_name(const struct dwarf_param *p, int i)
{
	return p->name ? p->name : arena_printf("arg%d", i);
}

/* Why parameter p (named name) cannot be read where it is, or NULL. */
static const char *unreadable(const struct dwarf_function *fn, const struct dwarf_param *p, const char *name,
			      struct abi_place at, const char *lost)
{
	if (at.where == ABI_UNKNOWN && lost)
		return arena_printf("lantern cannot tell where args.%s of %s is: it comes after args.%s, passed by value",
				    name, fn->name, lost);
	if (p->is_float)
		return arena_printf("args.%s is a floating-point value (%s), which lantern does not read yet", name,
				    p->type_name);
	if (at.where == ABI_UNKNOWN)
		return arena_printf("args.%s is a %s passed by value, which lantern does not read yet on %s", name,
				    p->type_name, arch_host.name);
	if (at.where == ABI_VECTOR)
		return arena_printf("args.%s is a %s passed in vector registers, which lantern does not read yet", name,
				    p->type_name);
	bool aggregate = (p->type->kind == TY_STRUCT || p->type->kind == TY_UNION) && p->type->size > 0;
	if (!in_one_register(p->type) && !aggregate)
		return arena_printf("args.%s is a %s, which lantern does not read yet", name, p->type_name);
	return NULL;
}

/* The field of parameter i, at the calling convention's next place;
 * *slot is its first 8-byte slot in args whole (the registers, then the
 * stack), or -1 when it has none there. */
static struct probe_field field_of(const struct dwarf_function *fn, int i, struct abi_state *abi, const char **lost,
				   int *slot)
{
	const struct dwarf_param *p = &fn->params[i];
	struct probe_field f = { .name = param_name(p, i), .type = p->type, .access = CTX_INT, .index = -1 };
	struct abi_place at = abi_place_param(abi, &p->abi);
	*slot = -1;
	f.why = unreadable(fn, p, f.name, at, *lost);
	if (at.where == ABI_UNKNOWN && !*lost)
		*lost = f.name;
	if (f.why) {
		f.unsupported = true;
		return f;
	}
	bool scalar = in_one_register(p->type);
	f.size = scalar && p->type->kind != TY_PTR ? p->type->size : scalar ? 8 : p->type->size;
	if (at.where == ABI_STACK) { /* its low bytes first: little-endian */
		f.access = CTX_USER_MEMORY;
		f.offset = arch_host.sp;
		f.value = arch_host.stack_arg0 + at.stack;
		if (at.stack % 8 == 0)
			*slot = arch_host.nargs + at.stack / 8;
	} else if (scalar) {
		f.offset = arch_arg_offset(at.reg);
		*slot = at.reg;
	} else { /* a small struct in registers: their bytes in order */
		f.access = CTX_ARG_REGISTERS;
		f.value = at.reg;
		f.size = at.nregs * 8;
		*slot = at.reg;
	}
	return f;
}

/* args whole: a struct with each parameter at its 8-byte slot (the
 * registers', then the stack's; a struct by value in as many as it
 * takes), which the program fills. */
static const struct probe_field *whole_of(const struct dwarf_function *fn, const struct probe_field *fields,
					  const int *slots)
{
	struct probe_field *w = arena_alloc(sizeof(*w));
	*w = (struct probe_field){ .name = "args", .access = CTX_ARG_REGISTERS };
	struct type_member *members = arena_alloc(sizeof(*members) * (size_t)(fn->nparams ? fn->nparams : 1));
	int n = 0;
	for (int i = 0; i < fn->nparams; i++) {
		if (!w->unsupported && (fields[i].unsupported || slots[i] < 0)) {
			w->unsupported = true;
			w->why = arena_printf("args of %s cannot be read whole: %s", fn->name,
					      fields[i].why ? fields[i].why
							    : arena_printf("args.%s is not in 8-byte slots", fields[i].name));
		}
		members[i] = (struct type_member){ .name = fields[i].name, .type = fields[i].type,
						   .offset = slots[i] * 8 };
		int end = slots[i] + (fields[i].type->size + 7) / 8;
		if (end > n)
			n = end;
	}
	if (!fn->nparams) {
		w->unsupported = true;
		w->why = arena_printf("%s takes no arguments: its args are empty", fn->name);
	}
	struct type *t = arena_alloc(sizeof(*t));
	*t = (struct type){ .kind = TY_STRUCT, .size = n * 8, .align = 8, .members = members,
			    .nmembers = fn->nparams, .name = "args" };
	w->type = t;
	w->size = t->size;
	return w;
}

const struct dwarf_args *dwarf_args_get(const struct dwarf_args **cache, const char *path, const char *func,
					unsigned long long addr)
{
	if (*cache)
		return *cache;
	struct dwarf_args *a = arena_alloc(sizeof(*a));
	*cache = a;
	const char *why;
	struct dwarf_file *f = dwarf_file_get(path, &why);
	const struct dwarf_function *fn = f ? dwarf_function(f, func, addr) : NULL;
	if (!f) {
		a->why = arena_printf("args needs the DWARF debug info of %s: %s", path, why);
		return a;
	}
	if (!fn) {
		a->why = arena_printf("args needs the DWARF debug info of %s, and none describes function %s", path, func);
		return a;
	}
	struct probe_field *fields = arena_alloc(sizeof(*fields) * (size_t)(fn->nparams ? fn->nparams : 1));
	int *slots = arena_alloc(sizeof(*slots) * (size_t)(fn->nparams ? fn->nparams : 1));
	struct abi_state abi = { 0 };
	const char *lost = NULL;
	for (int i = 0; i < fn->nparams; i++)
		fields[i] = field_of(fn, i, &abi, &lost, &slots[i]);
	a->fields = fields;
	a->nfields = fn->nparams;
	a->whole = whole_of(fn, fields, slots);
	return a;
}

void dwarf_args_describe(const char *path, const char *func, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *why;
	struct dwarf_file *f = dwarf_file_get(path, &why);
	const struct elf_file *elf = f ? elf_file_get(path, &why) : NULL;
	const struct elf_symbol *sym = elf ? elf_symbol_named(elf, func) : NULL;
	const struct dwarf_function *fn = f ? dwarf_function(f, func, sym ? sym->addr : 0) : NULL;
	for (int i = 0; fn && i < fn->nparams; i++)
		emit(ctx, fn->params[i].name ? arena_printf("    %s %s", fn->params[i].type_name, fn->params[i].name)
					     : arena_printf("    %s", fn->params[i].type_name));
}
