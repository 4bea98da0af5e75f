/* Builtins about types: sizeof(type or expression) and offsetof(type or
 * expression, member.member...). Both are constants of the type checker:
 * the expression is typed, never evaluated. */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/cdefs.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

/* The type sizeof and offsetof are about: a type written (struct A,
 * int32_t *), a typedef's name (parsed as an identifier), or an
 * expression's; NULL after an error. */
static const struct type *operand_type(struct checker *c, struct node *arg)
{
	const struct type *t = NULL;
	long long count;
	if (arg->kind == N_TYPE_NAME) {
		if (!(t = check_type_ref(c, arg)))
			return NULL;
	} else if (arg->kind == N_INDEX && arg->index.base->kind == N_TYPE_NAME && arg->index.index->kind == N_INT) {
		/* t[n] of a type (a macro's typeof argument indexed): an array */
		if (!(t = check_type_ref(c, arg->index.base)))
			return NULL;
		count = arg->index.index->integer.value;
		if (count < 1 || count > 1 << 20) {
			check_error(c, arg->index.index->loc, "an array of %lld elements has no size here", count);
			return NULL;
		}
		t = type_array(t, (int)count);
	} else if (arg->kind == N_IDENT && !builtin_lookup(arg->ident.name) && (t = cdefs_type(arg->ident.name))) {
		/* sizeof(pid_t) */
	} else {
		t = check_expr(c, arg);
		if (t->kind == TY_NONE)
			return NULL;
	}
	arg->type = t = type_complete(t);
	if (t->incomplete) {
		check_error(c, arg->loc, "%s is declared but not defined, here or in the kernel's BTF: its size is not known",
			    type_name(t));
		return NULL;
	}
	if (t->kind == TY_VOID || t->kind == TY_AGG || t->kind == TY_NONE) {
		check_error(c, arg->loc, "%s has no size", type_name(t));
		return NULL;
	}
	return t;
}

static const struct type *check_sizeof(struct checker *c, struct node *n)
{
	operand_type(c, n->call.args.items[0]);
	return type_int(false);
}

/* The offset of member path ("a.b.c") in t; false, with a message in
 * *why, if a part is no member with an offset (a bitfield has none). */
static bool member_offset(const struct type *t, const char *path, long long *offset, const char **why)
{
	*offset = 0;
	const char *parent = NULL; /* the path before the part looked up */
	for (const char *s = path; *s;) {
		size_t n = strcspn(s, ".");
		const char *name = arena_strndup(s, n);
		bool has_members = t->kind == TY_STRUCT || t->kind == TY_UNION || type_is_tuple(t);
		const struct type_member *m = has_members ? type_member(t, name) : NULL;
		if (!m) {
			const char *what = parent ? arena_printf("%s (%s)", parent, type_name(t)) : type_name(t);
			*why = has_members ? arena_printf("%s has no member %s", what, name)
					   : arena_printf("%s is no struct: it has no member %s", what, name);
			return false;
		}
		parent = arena_strndup(path, (size_t)(s - path) + n);
		if (m->bit_width) {
			*why = arena_printf("%s is a bitfield: it has no byte offset", parent);
			return false;
		}
		*offset += m->offset;
		t = m->type;
		s += n + (s[n] == '.');
	}
	return true;
}

static const struct type *check_offsetof(struct checker *c, struct node *n)
{
	const struct type *t = operand_type(c, n->call.args.items[0]);
	struct node *path = n->call.args.items[1];
	long long offset;
	const char *why;
	if (t && !member_offset(t, path->string.bytes, &offset, &why))
		check_error(c, path->loc, "%s", why);
	return type_int(false);
}

static bool sizeof_value(const struct node *n, long long *v)
{
	*v = n->call.args.items[0]->type->size;
	return n->call.args.items[0]->type->kind != TY_NONE;
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_sizeof(struct cg *g, struct node *n)
{
	return (struct cg_value){ .v = cg_const(g, n->call.args.items[0]->type->size), .type = n->type };
}

static struct cg_value lower_offsetof(struct cg *g, struct node *n)
{
	long long offset = 0;
	const char *why;
	member_offset(n->call.args.items[0]->type, n->call.args.items[1]->string.bytes, &offset, &why);
	return (struct cg_value){ .v = cg_const(g, offset), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "sizeof", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "sizeof(type or expression)",
	  .check = check_sizeof, .lower = BACKEND(lower_sizeof), .constant = sizeof_value },
	{ .name = "offsetof", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "offsetof(struct or expression, member)", .check = check_offsetof,
	  .lower = BACKEND(lower_offsetof) },
	{ 0 },
};

const struct builtin_family builtins_types = { "types", rows };
