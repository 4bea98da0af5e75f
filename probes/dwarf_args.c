/* A uprobe's args from DWARF (dwarf_args.h). Parameters are placed in
 * argument registers in order, as the calling convention does for
 * integers and pointers; a floating-point one takes none of them (it is
 * in a vector register, not read yet); past the registers they are on
 * the stack, 8 bytes each. Past a parameter lantern cannot place (a
 * struct or a 16-byte integer passed by value) the others' places are
 * not known: such fields say so where they are used. */
#include <string.h>

#include "../compiler/arena.h"
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

/* The field of parameter i, which would be in argument register *reg
 * (advanced past it); *lost set: a parameter before was not placed. */
static struct probe_field field_of(const struct dwarf_function *fn, int i, int *reg, const char **lost)
{
	const struct dwarf_param *p = &fn->params[i];
	struct probe_field f = { .name = param_name(p, i), .size = 8, .type = p->type, .access = CTX_INT };
	if (p->is_float) {
		f.unsupported = true;
		f.why = arena_printf("args.%s is a floating-point value (%s), which lantern does not read yet", f.name,
				     p->type_name);
		return f;
	}
	if (*lost) {
		f.unsupported = true;
		f.why = arena_printf("lantern cannot tell where args.%s of %s is: it comes after args.%s, passed by value",
				     f.name, fn->name, *lost);
		return f;
	}
	if (!in_one_register(p->type)) {
		f.unsupported = true;
		f.why = arena_printf("args.%s is a %s passed by value, which lantern does not read yet", f.name, p->type_name);
		*lost = f.name;
		return f;
	}
	f.size = p->type->kind == TY_PTR ? 8 : p->type->size;
	f.offset = arch_arg_offset(*reg);
	if (f.offset < 0) { /* on the stack, in its 8 bytes (its low ones: little-endian) */
		f.access = CTX_USER_MEMORY;
		f.offset = arch_host.sp;
		f.value = arch_host.stack_arg0 + 8 * (*reg - arch_host.nargs);
		f.index = -1;
	}
	(*reg)++;
	return f;
}

/* args whole: a struct with each parameter in the 8-byte slot of its
 * register, the program fills from the registers. */
static const struct probe_field *whole_of(const struct dwarf_function *fn, const struct probe_field *fields,
					  const int *regs)
{
	struct probe_field *w = arena_alloc(sizeof(*w));
	*w = (struct probe_field){ .name = "args", .access = CTX_ARG_REGISTERS };
	struct type_member *members = arena_alloc(sizeof(*members) * (size_t)(fn->nparams ? fn->nparams : 1));
	int slots = 0;
	for (int i = 0; i < fn->nparams; i++) {
		if (fields[i].unsupported && !w->unsupported) {
			w->unsupported = true;
			w->why = arena_printf("args of %s cannot be read whole: %s", fn->name, fields[i].why);
		}
		members[i] = (struct type_member){ .name = fields[i].name, .type = fields[i].type,
						   .offset = regs[i] * 8 };
		if (regs[i] + 1 > slots)
			slots = regs[i] + 1;
	}
	if (!fn->nparams) {
		w->unsupported = true;
		w->why = arena_printf("%s takes no arguments: its args are empty", fn->name);
	}
	struct type *t = arena_alloc(sizeof(*t));
	*t = (struct type){ .kind = TY_STRUCT, .size = slots * 8, .align = 8, .members = members,
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
	int *regs = arena_alloc(sizeof(*regs) * (size_t)(fn->nparams ? fn->nparams : 1));
	int reg = 0;
	const char *lost = NULL;
	for (int i = 0; i < fn->nparams; i++) {
		regs[i] = reg; /* where it is, if it is placed */
		fields[i] = field_of(fn, i, &reg, &lost);
	}
	a->fields = fields;
	a->nfields = fn->nparams;
	a->whole = whole_of(fn, fields, regs);
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
