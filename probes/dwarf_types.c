/* DWARF types as lantern's, the way runtime/btf_types.c makes the
 * kernel's: integers (char arrays are strings), bools, enums with their
 * enumerators, pointers into user memory, arrays, structs and unions
 * (members at their offsets, bitfields, anonymous members made the outer
 * one's), through typedefs and qualifiers. Each struct is made once per
 * compilation (by its DIE), its shell kept before its members are read,
 * so types that point at themselves end. A declaration is completed
 * from the definition of its name elsewhere in the file. Also the names
 * bpftrace's -lv gives parameter types ("struct Foo*"). */
#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "dwarf_internal.h"

/* Nesting by value is finite; past this a type is bytes. */
#define MAX_DEPTH 64

static const struct type *convert(struct dwarf_file *f, Dwarf_Die *die, int depth);

static const struct type *bytes(int size)
{
	return type_array(type_int_sized(1, false), size > 0 ? size : 0);
}

static Dwarf_Word udata(Dwarf_Die *die, int name, Dwarf_Word otherwise)
{
	Dwarf_Attribute a;
	Dwarf_Word v;
	return dwarf_formudata(dwarf_attr_integrate(die, name, &a), &v) == 0 ? v : otherwise;
}

static const char *name_of(Dwarf_Die *die)
{
	const char *n = dwarf_diename(die);
	return n && *n ? n : NULL;
}

/* Typedefs and qualifiers peeled; false when nothing is left (void). */
static bool peel(Dwarf_Die *die, Dwarf_Die *out)
{
	return die && dwarf_peel_type(die, out) == 0;
}

bool dwarf_type_is_float(Dwarf_Die *die)
{
	Dwarf_Die t;
	if (!peel(die, &t) || dwarf_tag(&t) != DW_TAG_base_type)
		return false;
	Dwarf_Word enc = udata(&t, DW_AT_encoding, 0);
	return enc == DW_ATE_float || enc == DW_ATE_complex_float;
}

/* ---- scalars ---- */

static const struct type *base_type(Dwarf_Die *die)
{
	Dwarf_Word enc = udata(die, DW_AT_encoding, 0);
	int size = dwarf_bytesize(die);
	if (enc == DW_ATE_boolean && size == 1)
		return TYPE_BOOL;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return bytes(size); /* __int128, long double */
	switch (enc) {
	case DW_ATE_signed_char:
	case DW_ATE_unsigned_char: {
		/* named char, so arrays of it are strings (type_c_array) */
		struct type *c = arena_alloc(sizeof(*c));
		*c = *type_int_sized(size, enc == DW_ATE_signed_char);
		c->name = "char";
		return c;
	}
	case DW_ATE_signed:
		return type_int_sized(size, true);
	case DW_ATE_unsigned:
	case DW_ATE_boolean:
	case DW_ATE_UTF:
		return type_int_sized(size, false);
	default: /* lantern has no floating-point values */
		return bytes(size);
	}
}

static const struct type *enum_type(Dwarf_Die *die)
{
	int size = dwarf_bytesize(die);
	Dwarf_Die mem, under;
	bool is_signed = false;
	if (peel(dwarf_type_of(die, &mem), &under)) {
		Dwarf_Word enc = udata(&under, DW_AT_encoding, 0);
		is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
	}
	int n = 0, cap = 0;
	struct type_enumerator *e = NULL;
	Dwarf_Die child;
	if (dwarf_child(die, &child) == 0) {
		do {
			if (dwarf_tag(&child) != DW_TAG_enumerator)
				continue;
			Dwarf_Attribute a;
			Dwarf_Sword sv;
			Dwarf_Word uv;
			long long value = 0;
			if (is_signed && dwarf_formsdata(dwarf_attr(&child, DW_AT_const_value, &a), &sv) == 0)
				value = sv;
			else if (dwarf_formudata(dwarf_attr(&child, DW_AT_const_value, &a), &uv) == 0)
				value = (long long)uv;
			e = arena_grow(e, n, &cap, sizeof(*e));
			e[n++] = (struct type_enumerator){ arena_strdup(dwarf_diename(&child) ? dwarf_diename(&child) : ""),
							   value };
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	if (size != 1 && size != 2 && size != 4)
		size = 8;
	const char *tag = name_of(die);
	return type_enum(type_int_sized(size, is_signed), tag ? arena_strdup(tag) : NULL, e, n);
}

/* ---- arrays ---- */

static int subrange_count(Dwarf_Die *sub)
{
	Dwarf_Word count = udata(sub, DW_AT_count, (Dwarf_Word)-1);
	if (count != (Dwarf_Word)-1)
		return (int)count;
	Dwarf_Word upper = udata(sub, DW_AT_upper_bound, (Dwarf_Word)-1);
	return upper == (Dwarf_Word)-1 ? 0 : (int)upper + 1; /* int x[]: none */
}

/* int a[2][3]: subranges 2 then 3, the last the innermost. */
static const struct type *array_type(struct dwarf_file *f, Dwarf_Die *die, int depth)
{
	Dwarf_Die mem;
	const struct type *elem = convert(f, dwarf_type_of(die, &mem), depth + 1);
	int counts[8], n = 0;
	Dwarf_Die child;
	if (dwarf_child(die, &child) == 0) {
		do {
			if (dwarf_tag(&child) == DW_TAG_subrange_type && n < 8)
				counts[n++] = subrange_count(&child);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	if (!n)
		counts[n++] = 0;
	const struct type *t = elem;
	for (int i = n - 1; i >= 0; i--)
		t = type_c_array(t, counts[i]);
	return t;
}

/* ---- structs and unions ---- */

static int align_of(const struct type *t)
{
	switch (t->kind) {
	case TY_STRUCT:
	case TY_UNION:
		return t->align ? t->align : 1;
	case TY_ARRAY:
		return align_of(t->elem);
	case TY_STR:
		return 1;
	default:
		return t->size >= 1 && t->size <= 8 ? t->size : 8;
	}
}

/* A member's place: DW_AT_data_member_location's bytes, a bitfield's
 * bits (DWARF 4's data_bit_offset, or the older big-endian-minded
 * bit_offset from the top of its storage unit). */
static struct type_member member_at(Dwarf_Die *m, const char *name, const struct type *t)
{
	struct type_member tm = { .name = name, .type = t };
	long long byte = (long long)udata(m, DW_AT_data_member_location, 0);
	Dwarf_Word width = udata(m, DW_AT_bit_size, 0);
	if (!width) {
		tm.offset = (int)byte;
		return tm;
	}
	long long bit;
	if (dwarf_hasattr(m, DW_AT_data_bit_offset)) {
		bit = (long long)udata(m, DW_AT_data_bit_offset, 0);
	} else {
		int storage = dwarf_hasattr(m, DW_AT_byte_size) ? dwarf_bytesize(m) : t->size;
		bit = byte * 8 + storage * 8 - (long long)udata(m, DW_AT_bit_offset, 0) - (long long)width;
	}
	tm.offset = (int)(bit / 8);
	tm.bit_offset = (int)(bit % 8);
	tm.bit_width = (int)width;
	return tm;
}

struct definition_search {
	int tag;
	const char *name;
	Dwarf_Die found;
	bool ok;
};

static int find_definition(Dwarf_Die *cu, void *ctx)
{
	struct definition_search *s = ctx;
	Dwarf_Die child;
	if (dwarf_child(cu, &child) != 0)
		return 0;
	do {
		const char *n = dwarf_tag(&child) == s->tag ? name_of(&child) : NULL;
		if (n && !strcmp(n, s->name) && !dwarf_hasattr(&child, DW_AT_declaration)) {
			s->found = child;
			s->ok = true;
			return 1;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

static void fill_members(struct dwarf_file *f, Dwarf_Die *die, struct type *s, int depth)
{
	int n = 0, cap = 0, align = 1;
	struct type_member *ms = NULL;
	Dwarf_Die child;
	if (dwarf_child(die, &child) == 0) {
		do {
			if (dwarf_tag(&child) != DW_TAG_member || dwarf_hasattr(&child, DW_AT_external))
				continue; /* C++ static members are not in it */
			Dwarf_Die mem;
			const struct type *mt = convert(f, dwarf_type_of(&child, &mem), depth + 1);
			const char *name = name_of(&child);
			struct type_member tm = member_at(&child, name ? arena_strdup(name) : NULL, mt);
			if (align_of(mt) > align)
				align = align_of(mt);
			if (name) {
				ms = arena_grow(ms, n, &cap, sizeof(*ms));
				ms[n++] = tm;
			} else if (mt->kind == TY_STRUCT || mt->kind == TY_UNION) { /* anonymous: its members are s's */
				for (int k = 0; k < mt->nmembers; k++) {
					ms = arena_grow(ms, n, &cap, sizeof(*ms));
					ms[n] = mt->members[k];
					ms[n++].offset += tm.offset;
				}
			}
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	s->members = ms;
	s->nmembers = n;
	s->align = align;
}

static const struct type *struct_type(struct dwarf_file *f, Dwarf_Die *die, int depth)
{
	/* offsets are per file: a split unit's .dwo is one of its own */
	const char *key = arena_printf("%p:%llx", (void *)dwarf_cu_getdwarf(die->cu),
				       (unsigned long long)dwarf_dieoffset(die));
	const struct type *had = name_table_get(&f->types, key);
	if (had)
		return had;
	struct type *s = arena_alloc(sizeof(*s));
	int tag = dwarf_tag(die);
	s->kind = tag == DW_TAG_union_type ? TY_UNION : TY_STRUCT;
	const char *name = name_of(die);
	s->name = name ? arena_strdup(name) : NULL;
	name_table_put(&f->types, key, s);
	Dwarf_Die def = *die;
	if (dwarf_hasattr(die, DW_AT_declaration) && name) {
		struct definition_search search = { .tag = tag, .name = name };
		dwarf_each_unit(f, find_definition, &search);
		if (search.ok)
			def = search.found;
	}
	s->size = dwarf_hasattr(&def, DW_AT_byte_size) ? dwarf_bytesize(&def) : 0;
	fill_members(f, &def, s, depth);
	return s;
}

/* ---- any type ---- */

static const struct type *convert(struct dwarf_file *f, Dwarf_Die *die, int depth)
{
	Dwarf_Die t;
	if (!peel(die, &t))
		return TYPE_VOID;
	int size = dwarf_hasattr(&t, DW_AT_byte_size) ? dwarf_bytesize(&t) : 0;
	if (depth > MAX_DEPTH)
		return bytes(size);
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type:
		return base_type(&t);
	case DW_TAG_enumeration_type:
		return enum_type(&t);
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type: {
		Dwarf_Die mem, pt;
		Dwarf_Die *to = dwarf_type_of(&t, &mem);
		bool code = peel(to, &pt) && dwarf_tag(&pt) == DW_TAG_subroutine_type;
		return type_ptr(code || !to ? TYPE_VOID : convert(f, to, depth + 1), AS_USER);
	}
	case DW_TAG_array_type:
		return array_type(f, &t, depth);
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		return struct_type(f, &t, depth);
	default: /* functions, pointers to members: bytes */
		return bytes(size);
	}
}

const struct type *dwarf_convert_type(struct dwarf_file *f, Dwarf_Die *die)
{
	dwarf_file_epoch(f);
	return convert(f, die, 0);
}

/* ---- types by name ---- */

static int index_named(Dwarf_Die *cu, void *ctx)
{
	struct dwarf_file *f = ctx;
	Dwarf_Die child;
	if (dwarf_child(cu, &child) != 0)
		return 0;
	do {
		const char *name = name_of(&child), *prefix;
		switch (dwarf_tag(&child)) {
		case DW_TAG_structure_type:
		case DW_TAG_class_type: prefix = "struct "; break;
		case DW_TAG_union_type: prefix = "union "; break;
		case DW_TAG_enumeration_type: prefix = "enum "; break;
		case DW_TAG_typedef: prefix = ""; break;
		default: continue;
		}
		if (!name || dwarf_hasattr(&child, DW_AT_declaration))
			continue;
		const char *key = arena_printf("%s%s", prefix, name);
		if (name_table_get(&f->named, key))
			continue; /* the first unit's */
		Dwarf_Die *copy = arena_alloc(sizeof(*copy));
		*copy = child;
		name_table_put(&f->named, key, copy);
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

const struct type *dwarf_named_type(struct dwarf_file *f, const char *name)
{
	dwarf_file_epoch(f);
	if (!f->named_indexed) {
		f->named_indexed = true;
		dwarf_each_unit(f, index_named, f);
	}
	Dwarf_Die *die = name_table_get(&f->named, name);
	return die ? convert(f, die, 0) : NULL;
}

/* ---- names, as bpftrace's -lv writes them ---- */

static const char *type_name_at(Dwarf_Die *die, int depth)
{
	if (!die)
		return "void";
	if (depth > 16)
		return "<unknown type>";
	Dwarf_Die mem, *inner = dwarf_type_of(die, &mem);
	const char *name = name_of(die);
	switch (dwarf_tag(die)) {
	case DW_TAG_base_type:
	case DW_TAG_typedef:
		return name ? arena_strdup(name) : "<unknown type>";
	case DW_TAG_pointer_type:
		return inner ? arena_printf("%s*", type_name_at(inner, depth + 1)) : "void*";
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
		return arena_printf("struct %s", name ? name : "<anonymous>");
	case DW_TAG_union_type:
		return arena_printf("union %s", name ? name : "<anonymous>");
	case DW_TAG_enumeration_type:
		return arena_printf("enum %s", name ? name : "<anonymous>");
	case DW_TAG_const_type:
		if (inner && dwarf_tag(inner) == DW_TAG_pointer_type)
			return arena_printf("%s const", type_name_at(inner, depth + 1));
		return arena_printf("const %s", type_name_at(inner, depth + 1));
	default:
		return "<unknown type>";
	}
}

const char *dwarf_type_name(Dwarf_Die *die)
{
	return type_name_at(die, 0);
}
