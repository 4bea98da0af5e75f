/* The types of values made and taken apart: tuples and records (a, b),
 * (x = a), members (t.0, s.x, p->x), elements (t[0], p[i], a[i], s[i]),
 * *p and &$x. A member or element read through a pointer is a read of
 * memory, which codegen's lower_pointers.c does. */
#include <string.h>

#include "arena.h"
#include "check.h"

/* *p: the pointee, read from where p points */
const struct type *check_deref(struct checker *c, struct node *n)
{
	const struct type *p = check_expr(c, n->unary.operand);
	if (p->kind == TY_NONE)
		return TYPE_NONE;
	if (p->kind != TY_PTR) {
		check_error(c, n->loc, "'*' needs a pointer, not %s", type_name(p));
		return TYPE_NONE;
	}
	if (p->pointee->kind == TY_VOID || p->pointee->kind == TY_NONE || p->pointee->size <= 0) {
		check_error(c, n->loc, "%s cannot be dereferenced: cast it to a pointer to a type first", type_name(p));
		return TYPE_NONE;
	}
	return p->pointee;
}

/* &$x: the variable's place on the program's stack */
const struct type *check_address_of(struct checker *c, struct node *n)
{
	struct node *of = n->unary.operand;
	if (of->kind != N_VAR) {
		check_expr(c, of);
		check_error(c, n->loc, "'&' takes the address of a variable ($x), not of this");
		return TYPE_NONE;
	}
	const struct type *t = check_var_read(c, of);
	of->type = t;
	return t->kind == TY_NONE ? TYPE_NONE : type_ptr(t, AS_BPF);
}

/* (a, b) and (x = a, y = b): each member keeps its own type (int8 stays
 * one byte), laid out as C would. */
const struct type *check_tuple(struct checker *c, struct node *n)
{
	int count = n->tuple.elems.n;
	const struct type *members[count ? count : 1];
	bool known = true;
	for (int i = 0; i < count; i++) {
		struct node *e = n->tuple.elems.items[i];
		members[i] = check_expr(c, e);
		if (members[i]->kind == TY_NONE) {
			known = false;
		} else if (!returns_value(c, e, members[i])) {
			known = false;
		} else if (members[i]->kind == TY_AGG) {
			check_error(c, e->loc, "%s cannot be in a tuple", type_name(members[i]));
			known = false;
		}
	}
	if (!known)
		return TYPE_NONE;
	if (n->tuple.names)
		return type_record(n->tuple.names, members, count);
	return type_tuple(members, count);
}

static const struct type *member_of(struct checker *c, struct node *n, const struct type *base, const char *name)
{
	const struct type_member *m = type_member(base, name);
	if (m && m->bit_width > 0 && type_is_integer(m->type)) /* bpftrace reads a bitfield unsigned */
		return type_int_sized(m->type->size, false);
	if (m)
		return m->type;
	if (base->kind == TY_TUPLE)
		check_error(c, n->loc, "%s has no element %s (it has %d)", type_name(base), name, base->nmembers);
	else
		check_error(c, n->loc, "%s has no field named %s", type_name(base), name);
	return TYPE_NONE;
}

/* Where a value read through a pointer is (*p, p->x, p[i] and what is in
 * those); false for values of the program's own. */
static bool read_from(const struct node *n, enum address_space *space)
{
	const struct node *base;
	switch (n->kind) {
	case N_UNARY:
		if (n->unary.op != OP_DEREF)
			return false;
		*space = n->unary.operand->type->space;
		return true;
	case N_FIELD: base = n->field.base; break;
	case N_INDEX: base = n->index.base; break;
	default: return false;
	}
	if (base->type->kind == TY_PTR) {
		*space = base->type->space;
		return true;
	}
	return read_from(base, space);
}

/* A pointer read from user memory points into user memory too (a
 * struct's pointer member in a uprobe), as bpftrace has it. */
static const struct type *in_space_of(const struct node *n, const struct type *t)
{
	enum address_space space;
	if (t->kind == TY_PTR && read_from(n, &space) && space != t->space && space != AS_BPF)
		return type_ptr(t->pointee, space);
	return t;
}

const struct type *check_field(struct checker *c, struct node *n)
{
	const struct type *base = check_expr(c, n->field.base);
	if (base->kind == TY_NONE)
		return TYPE_NONE;
	if (type_is_tuple(base) && !n->field.arrow)
		return member_of(c, n, base, n->field.name);
	/* p->x and p.x read through a pointer; s.x of a struct value */
	const struct type *s = base->kind == TY_PTR ? base->pointee : base;
	if (s->kind == TY_STRUCT || s->kind == TY_UNION)
		return in_space_of(n, member_of(c, n, s, n->field.name));
	check_error(c, n->loc, "%s has no fields", type_name(base));
	return TYPE_NONE;
}

/* $t[0]: a tuple's element by a constant index */
const struct type *check_index(struct checker *c, struct node *n)
{
	const struct type *base = check_expr(c, n->index.base);
	if (base->kind == TY_NONE)
		return TYPE_NONE;
	if (base->kind == TY_PTR || base->kind == TY_ARRAY) { /* p[i] is *(p + i) */
		if (!check_int(c, n->index.index, "an index"))
			return TYPE_NONE;
		const struct node *i = n->index.index;
		if (base->kind == TY_ARRAY && base->count > 0 && is_const_int(i)) {
			long long at = const_int_value(i);
			if (at < 0 || at >= base->count) {
				check_error(c, i->loc, "the index %lld is out of bounds for array of size %d", at, base->count);
				return TYPE_NONE;
			}
		}
		const struct type *elem = base->kind == TY_PTR ? base->pointee : base->elem;
		if (elem->kind == TY_VOID || elem->size <= 0) {
			check_error(c, n->loc, "%s cannot be indexed: cast it to a pointer to a type first", type_name(base));
			return TYPE_NONE;
		}
		return in_space_of(n, elem);
	}
	if (base->kind == TY_STR) { /* $s[1]: a character */
		if (!check_int(c, n->index.index, "an index"))
			return TYPE_NONE;
		const struct node *i = n->index.index;
		if (i->kind == N_INT && i->integer.value >= base->size) {
			check_error(c, i->loc, "the index %lld is out of bounds for %s", i->integer.value, type_name(base));
			return TYPE_NONE;
		}
		return type_int_sized(1, true);
	}
	if (base->kind != TY_TUPLE) {
		check_error(c, n->loc, "%s cannot be indexed", type_name(base));
		return TYPE_NONE;
	}
	long long i;
	if (!check_const_int(c, n->index.index, "a tuple's index", &i))
		return TYPE_NONE;
	if (i < 0 || i >= base->nmembers) {
		check_error(c, n->index.index->loc, "index %lld is out of range for %s", i, type_name(base));
		return TYPE_NONE;
	}
	return base->members[i].type;
}
