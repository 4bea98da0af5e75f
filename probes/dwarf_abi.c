/* What the calling convention looks at in a DWARF type (abi.h): its
 * size and alignment, whether it is an aggregate, and each eightbyte's
 * class (INTEGER unless only floating-point values are in it), or that
 * it always goes in memory (unaligned members, a long double). */
#include <dwarf.h>
#include <string.h>

#include "dwarf_internal.h"

#define MAX_DEPTH 32

/* cls[i]: 0 nothing seen yet, 1 SSE, 2 INTEGER */
struct classes {
	int cls[2];
	bool memory;
};

static Dwarf_Word udata(Dwarf_Die *die, int name, Dwarf_Word otherwise)
{
	Dwarf_Attribute a;
	Dwarf_Word v;
	return dwarf_formudata(dwarf_attr_integrate(die, name, &a), &v) == 0 ? v : otherwise;
}

static int size_of(Dwarf_Die *t)
{
	int size = dwarf_hasattr(t, DW_AT_byte_size) ? dwarf_bytesize(t) : 0;
	return size > 0 ? size : 0;
}

static void mark(struct classes *c, long long from, int size, int cls)
{
	for (long long at = from; at < from + (size ? size : 1) && at < 16; at += 8 - at % 8)
		if (at >= 0 && c->cls[at / 8] < cls)
			c->cls[at / 8] = cls;
}

static int classify(Dwarf_Die *die, long long base, struct classes *c, int depth);

/* A struct's or union's members; returns its alignment. */
static int classify_members(Dwarf_Die *t, long long base, struct classes *c, int depth)
{
	int align = 1;
	Dwarf_Die m;
	if (dwarf_child(t, &m) != 0)
		return align;
	do {
		if (dwarf_tag(&m) != DW_TAG_member || dwarf_hasattr(&m, DW_AT_external))
			continue;
		Dwarf_Die mem, *mt = dwarf_type_of(&m, &mem);
		long long off = (long long)udata(&m, DW_AT_data_member_location, 0);
		if (dwarf_hasattr(&m, DW_AT_bit_size)) { /* a bitfield: an integer's bits */
			long long bit = dwarf_hasattr(&m, DW_AT_data_bit_offset)
						? (long long)udata(&m, DW_AT_data_bit_offset, 0)
						: off * 8;
			mark(c, base + bit / 8, 1, 2);
			continue;
		}
		int a = mt ? classify(mt, base + off, c, depth + 1) : 1;
		if (off % a)
			c->memory = true; /* packed: unaligned */
		if (a > align)
			align = a;
	} while (dwarf_siblingof(&m, &m) == 0);
	return align;
}

/* Marks die's eightbytes at base; returns its alignment. */
static int classify(Dwarf_Die *die, long long base, struct classes *c, int depth)
{
	Dwarf_Die t;
	if (depth > MAX_DEPTH || dwarf_peel_type(die, &t) != 0)
		return 1;
	int size = size_of(&t);
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type: {
		Dwarf_Word enc = udata(&t, DW_AT_encoding, 0);
		bool fp = enc == DW_ATE_float || enc == DW_ATE_complex_float;
		const char *name = dwarf_diename(&t);
		if (fp && name && strstr(name, "long double"))
			c->memory = true; /* x87: always in memory */
		mark(c, base, size, fp ? 1 : 2);
		return size >= 16 ? 16 : size > 0 ? size : 1;
	}
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		return classify_members(&t, base, c, depth);
	case DW_TAG_array_type: {
		Dwarf_Die mem, *et = dwarf_type_of(&t, &mem);
		Dwarf_Die peeled;
		int esize = et && dwarf_peel_type(et, &peeled) == 0 ? size_of(&peeled) : 0;
		int align = 1;
		for (long long at = 0; et && esize > 0 && at < size && base + at < 16; at += esize)
			align = classify(et, base + at, c, depth + 1);
		return align;
	}
	default: /* pointers, references, enums */
		mark(c, base, size, 2);
		return size >= 8 ? 8 : size > 0 ? size : 1;
	}
}

void dwarf_abi_type(Dwarf_Die *die, struct abi_type *out)
{
	*out = (struct abi_type){ .size = 8, .align = 8 };
	Dwarf_Die t;
	if (!die || dwarf_peel_type(die, &t) != 0)
		return;
	int tag = dwarf_tag(&t);
	struct classes c = { { 0, 0 }, false };
	out->size = size_of(&t);
	out->align = classify(die, 0, &c, 0);
	out->aggregate = tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type ||
			 tag == DW_TAG_array_type;
	out->memory = c.memory;
	for (int i = 0; i < 2; i++)
		out->cls[i] = c.cls[i] == 1 ? ABI_SSE : ABI_INTEGER;
}
