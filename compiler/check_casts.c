/* The types casts name: (uint32)x, (struct task *)p, (uint8[8])x and
 * the type names of let. */
#include <string.h>

#include "../probes/provider.h"
#include "cdefs.h"
#include "check.h"

static bool integer_cast(const char *name, const struct type **t)
{
	static const char *names[] = { "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64" };
	for (int i = 0; i < 8; i++) {
		if (!strcmp(names[i], name)) {
			*t = type_int_sized(1 << (i % 4), i < 4);
			return true;
		}
	}
	return false;
}

/* A type the probe's own debug info names (a uprobe's DWARF), unless the
 * script defines one of that name. */
static const struct type *own_type(struct checker *c, const char *name)
{
	const struct attach_point *ap = c->inst ? c->inst->ap : NULL;
	if (!ap || !ap->provider->own_type || cdefs_is_base_type(name) || cdefs_script_defines(name))
		return NULL;
	return ap->provider->own_type(ap, name);
}

bool check_type_name(struct checker *c, struct loc at, const char *name, int ptr_depth, const struct type **out)
{
	/* lantern's names, then C's: the script's definitions, the probe's
	 * own debug info's, the kernel's (cdefs.h) */
	if (!integer_cast(name, out) && !(*out = own_type(c, name)) && !(*out = cdefs_type(name))) {
		check_error(c, at, "unknown type '%s'", name);
		return false;
	}
	if ((*out)->kind == TY_VOID && !ptr_depth) {
		check_error(c, at, "void is no value's type; void * is a pointer's");
		return false;
	}
	for (int i = 0; i < ptr_depth; i++)
		*out = type_ptr(*out, provider_pointer_space(c->inst ? c->inst->ap : NULL));
	return true;
}

const struct type *check_type_ref(struct checker *c, struct node *n)
{
	const struct type *t;
	if (n->typeref.of && n->typeref.of->kind == N_TYPE_NAME) { /* typeof(x), x a macro's typeof(type) */
		if (!(t = check_type_ref(c, n->typeref.of)))
			return NULL;
		for (int i = 0; i < n->typeref.ptr_depth; i++)
			t = type_ptr(t, provider_pointer_space(c->inst ? c->inst->ap : NULL));
	} else if (n->typeref.of) {
		t = check_expr(c, n->typeref.of);
		if (t->kind == TY_NONE)
			return NULL;
		for (int i = 0; i < n->typeref.ptr_depth; i++)
			t = type_ptr(t, provider_pointer_space(c->inst ? c->inst->ap : NULL));
	} else if (!check_type_name(c, n->loc, n->typeref.name, n->typeref.ptr_depth, &t)) {
		return NULL;
	}
	n->type = t;
	return t;
}

static const struct type *check_array_cast(struct checker *c, struct node *n, const struct type *elem)
{
	if (!check_int(c, n->cast.operand, "a cast's operand") || elem->kind != TY_INT)
		return TYPE_NONE;
	int count = n->cast.array_count > 0 ? n->cast.array_count : 8 / elem->size;
	if (count * elem->size != 8) {
		check_error(c, n->loc, "%s[%d] is %d bytes; an integer cast to an array must fill 8", type_name(elem),
			    count, count * elem->size);
		return TYPE_NONE;
	}
	return type_array(elem, count);
}

const struct type *check_cast(struct checker *c, struct node *n)
{
	const struct type *t;
	if (n->cast.type_of) { /* (typeof(x))v */
		if (!(t = check_type_ref(c, n->cast.type_of)))
			return TYPE_NONE;
		if (!type_is_integer(t)) {
			check_error(c, n->cast.type_of->loc, "a cast makes an integer or a pointer, not %s", type_name(t));
			return TYPE_NONE;
		}
	} else if (!check_type_name(c, n->loc, n->cast.type_name, n->cast.ptr_depth, &t)) {
		return TYPE_NONE;
	}
	if (n->cast.array_count) /* (uint8[8])x: x's bytes as an array */
		return check_array_cast(c, n, t);
	const struct type *operand = check_expr(c, n->cast.operand);
	if (operand->kind == TY_ARRAY && operand->elem->kind == TY_INT && t->kind == TY_INT &&
	    operand->size == t->size) /* (uint32)arr: the array's bytes as an integer */
		return t;
	if (!check_int(c, n->cast.operand, "a cast's operand"))
		return TYPE_NONE;
	/* (enum E)5: a constant must be one of E's, as bpftrace checks */
	struct node *lit = n->cast.operand;
	if (t->nenumerators && lit->kind == N_INT && !lit->integer.is_bool &&
	    !type_enumerator_name(t, lit->integer.value)) {
		check_error(c, lit->loc, "%s has no enumerator of value %lld", type_name(t), lit->integer.value);
		return TYPE_NONE;
	}
	/* a pointer cast to another pointer still points where it did */
	const struct type *from = n->cast.operand->type;
	if (t->kind == TY_PTR && from->kind == TY_PTR && from->space != t->space)
		t = type_ptr(t->pointee, from->space);
	return t;
}
