/* Struct and union layout as GCC and clang do it on LP64 Linux (the
 * System V ABI, x86-64 and aarch64 alike): offsets in bits while laying
 * out, so bitfields share storage units; the size rounded up to the
 * alignment. */
#include "arena.h"
#include "c_internal.h"

static int round_up(int n, int to)
{
	return (n + to - 1) / to * to;
}

/* The members of an anonymous struct or union placed at offset become
 * the outer one's, after those in ms. */
static int flatten(struct type_member *ms, int n, const struct type *anon, int offset)
{
	for (int i = 0; i < anon->nmembers; i++) {
		ms[n] = anon->members[i];
		ms[n++].offset += offset;
	}
	return n;
}

static int count_members(const struct c_field *fields, int n)
{
	int count = 0;
	for (int i = 0; i < n; i++) {
		if (!fields[i].name && fields[i].bit_width < 0)
			count += fields[i].type->nmembers;
		else if (fields[i].name)
			count++;
	}
	return count;
}

void c_layout(struct type *t, const struct c_field *fields, int n, bool packed, int aligned)
{
	bool is_union = t->kind == TY_UNION;
	int nmembers = count_members(fields, n);
	struct type_member *ms = arena_alloc(sizeof(*ms) * (size_t)(nmembers ? nmembers : 1));
	int m = 0;
	long bit = 0, end = 0; /* where the next member goes; the bits used */
	int align = 1;
	for (int i = 0; i < n; i++) {
		const struct c_field *f = &fields[i];
		const struct type *ft = f->type;
		int type_align_bytes = c_opaque_align(ft) ? c_opaque_align(ft) : type_align(ft);
		if (is_union)
			bit = 0;
		if (f->bit_width >= 0) {
			int unit = type_align_bytes * 8;
			if (f->bit_width == 0) { /* :0 closes the storage unit */
				bit = round_up((int)bit, unit);
				continue;
			}
			/* one that would straddle its type's storage unit starts a new one */
			if (!packed && !f->packed && bit % unit + f->bit_width > ft->size * 8)
				bit = round_up((int)bit, unit);
			if (f->name) {
				ms[m++] = (struct type_member){ f->name, ft, (int)(bit / 8), (int)(bit % 8), f->bit_width };
				/* a named bitfield aligns the struct as its type; an unnamed one does not */
				if (!packed && !f->packed && type_align_bytes > align)
					align = type_align_bytes;
			}
			bit += f->bit_width;
		} else {
			int a = packed || f->packed ? 1 : type_align_bytes;
			if (f->aligned > a)
				a = f->aligned;
			bit = round_up((int)((bit + 7) / 8), a) * 8L;
			if (f->name)
				ms[m++] = (struct type_member){ f->name, ft, (int)(bit / 8), 0, 0 };
			else
				m = flatten(ms, m, ft, (int)(bit / 8));
			bit += ft->size * 8L;
			if (a > align)
				align = a;
		}
		if (bit > end)
			end = bit;
	}
	if (aligned > align)
		align = aligned;
	t->members = ms;
	t->nmembers = m;
	t->align = align;
	t->size = round_up((int)((end + 7) / 8), align);
	t->incomplete = false;
}
