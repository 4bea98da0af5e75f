/* DWARF without a kernel: this test binary is built with -g, so its own
 * debug info describes the functions and types below; what lantern
 * reads of them is checked against what the compiler laid out
 * (offsetof, sizeof, __LINE__). And the calling convention's places. */
#include <stddef.h>
#include <stdint.h>

#include "../../compiler/arena.h"
#include "../../probes/abi.h"
#include "../../probes/arch.h"
#include "../../probes/dwarf.h"
#include "../../probes/elf_symbols.h"
#include "unit.h"

typedef unsigned short unit_dwarf_u16;
enum unit_dwarf_color { UNIT_RED = -1, UNIT_BLUE = 7 };

struct unit_dwarf_rec {
	char tag[5];
	int vals[2][3];
	unsigned int low : 3, high : 9;
	union {
		long l;
		char c;
	};
	struct unit_dwarf_rec *next;
	enum unit_dwarf_color color;
};

static int probed_line;

__attribute__((noipa, used)) int unit_dwarf_probe_me(const char *name, struct unit_dwarf_rec *rec, unit_dwarf_u16 n,
							bool flag, ...)
{
	probed_line = __LINE__; return name[0] + rec->vals[0][0] + n + flag;
}

static const struct type_member *member(const struct type *t, const char *name)
{
	for (int i = 0; t && i < t->nmembers; i++)
		if (t->members[i].name && !strcmp(t->members[i].name, name))
			return &t->members[i];
	return NULL;
}

static void test_function(struct dwarf_file *f)
{
	const struct elf_file *elf = elf_file_get("/proc/self/exe", &(const char *){ NULL });
	const struct elf_symbol *sym = elf ? elf_symbol_named(elf, "unit_dwarf_probe_me") : NULL;
	CHECK(sym != NULL);
	const struct dwarf_function *fn = dwarf_function(f, "unit_dwarf_probe_me", sym ? sym->addr : 0);
	CHECK(fn && fn->nparams == 4 && fn->variadic);
	if (!fn || fn->nparams != 4)
		return;
	CHECK(!strcmp(fn->params[0].name, "name") && !strcmp(fn->params[0].type_name, "const char*"));
	CHECK(!strcmp(fn->params[1].type_name, "struct unit_dwarf_rec*"));
	CHECK(!strcmp(fn->params[2].type_name, "unit_dwarf_u16"));
	const struct type *u16 = fn->params[2].type, *b = fn->params[3].type;
	CHECK(u16->kind == TY_INT && u16->size == 2 && !u16->is_signed);
	CHECK(b->kind == TY_BOOL);
	const struct type *p = fn->params[0].type;
	CHECK(p->kind == TY_PTR && p->space == AS_USER && p->pointee->kind == TY_INT && p->pointee->size == 1);

	const struct type *rec = fn->params[1].type->pointee;
	CHECK(rec->kind == TY_STRUCT && rec->size == (int)sizeof(struct unit_dwarf_rec));
	const struct type_member *m = member(rec, "tag");
	CHECK(m && m->type->kind == TY_STR && m->type->size == 5); /* char[5]: a string */
	m = member(rec, "vals");
	CHECK(m && m->offset == (int)offsetof(struct unit_dwarf_rec, vals) && m->type->kind == TY_ARRAY &&
	      m->type->count == 2 && m->type->elem->count == 3);
	const struct type_member *low = member(rec, "low"), *high = member(rec, "high");
	CHECK(low && low->bit_width == 3 && low->bit_offset == 0);
	CHECK(high && high->bit_width == 9 && high->offset * 8 + high->bit_offset == low->offset * 8 + 3);
	m = member(rec, "l"); /* the anonymous union's, made the struct's */
	CHECK(m && m->offset == (int)offsetof(struct unit_dwarf_rec, l));
	m = member(rec, "next");
	CHECK(m && m->type->kind == TY_PTR && m->type->pointee == rec); /* the same struct: it ends */
	m = member(rec, "color");
	CHECK(m && m->type->nenumerators == 2 && m->type->is_signed &&
	      !strcmp(type_enumerator_name(m->type, 7), "UNIT_BLUE"));

	const struct type *named = dwarf_named_type(f, "struct unit_dwarf_rec");
	CHECK(named && named->size == rec->size);
	CHECK(dwarf_named_type(f, "unit_dwarf_u16") && !dwarf_named_type(f, "struct unit_dwarf_nothing"));
}

static void test_lines(struct dwarf_file *f)
{
	unit_dwarf_probe_me("x", &(struct unit_dwarf_rec){ 0 }, 1, true);
	unsigned long long addr = 0;
	const char *why = NULL;
	CHECK(dwarf_line_address(f, "unit/test_dwarf.c", probed_line, 0, &addr, &why) == 0);
	const struct elf_file *elf = elf_file_get("/proc/self/exe", &why);
	const struct elf_symbol *sym = elf ? elf_symbol_at(elf, addr) : NULL;
	CHECK(sym && !strcmp(sym->name, "unit_dwarf_probe_me"));
	CHECK(dwarf_line_address(f, "est_dwarf.c", probed_line, 0, &addr, &why) == -1); /* not a path's end */
	CHECK(dwarf_line_address(f, "test_dwarf.c", 1, 0, &addr, &why) == -1);
	CHECK_CONTAINS(why, "no code of");
}

static void test_abi(void)
{
#if defined(__x86_64__)
	struct abi_state s = { 0 };
	const struct abi_type word = { .size = 8, .align = 8 }, dbl = { .size = 8, .align = 8, .cls = { ABI_SSE } };
	const struct abi_type pair = { .size = 16, .align = 8, .aggregate = true };
	const struct abi_type big = { .size = 24, .align = 8, .aggregate = true };
	struct abi_place p = abi_place_param(&s, &dbl);
	CHECK(p.where == ABI_VECTOR && s.gpr == 0);
	p = abi_place_param(&s, &pair);
	CHECK(p.where == ABI_REGISTERS && p.reg == 0 && p.nregs == 2);
	p = abi_place_param(&s, &big);
	CHECK(p.where == ABI_STACK && p.stack == 0);
	for (int i = 2; i < 6; i++)
		CHECK(abi_place_param(&s, &word).reg == i);
	p = abi_place_param(&s, &pair); /* one register short: all of it on the stack */
	CHECK(p.where == ABI_STACK && p.stack == 24);
	p = abi_place_param(&s, &word);
	CHECK(p.where == ABI_STACK && p.stack == 40);
#endif
}

void test_dwarf(void)
{
	const char *why = NULL;
	struct dwarf_file *f = dwarf_file_get("/proc/self/exe", &why);
	CHECK(f != NULL);
	if (f) {
		test_function(f);
		test_lines(f);
		arena_free_all(); /* a new compilation: its tables are made again */
		test_function(f);
	}
	CHECK(!dwarf_file_get("/nonexistent/binary", &why) && why);
	test_abi();
	arena_free_all();
}
