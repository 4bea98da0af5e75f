/* The cdefs pass: the script's C definitions (compiler/cdefs.h) are read
 * in the script's order, after the headers --include names; then a name
 * in an expression that is a #define'd integer or an enum constant
 * becomes its integer literal, as bpftrace does. A builtin keeps its
 * name (an enum constant `pid` does not hide pid), and so do the names
 * probe types give their context (args, arg0, retval). */
#include <libgen.h>
#include <string.h>

#include "../probes/provider.h"
#include "arena.h"
#include "builtin.h"
#include "cdefs.h"
#include "passes.h"

/* Where a quoted #include in the script is looked for: beside it. */
static const char *script_dir(struct loc at)
{
	const struct source *src = diag_source(at.source);
	if (!src || !strcmp(src->name, "-e") || !strcmp(src->name, "stdin"))
		return ".";
	return dirname(arena_strdup(src->name));
}

static bool is_context_name(const char *name)
{
	return !strcmp(name, "args") || provider_types_with_context(name);
}

/* (name)-x, (name)*p, (name)&x parse as binary operators on a name in
 * parentheses: where the name is a type (a typedef's), they are casts of
 * -x, *p, &x. The cast takes the operand next to it, so it goes to the
 * leftmost operand of the right side, whose operators all bind tighter:
 * (t)-1 * 2 is ((t)-1) * 2. */
static bool cast_of_unary(struct node **child)
{
	struct node *n = *child;
	static const enum op unary_of[] = { [OP_SUB] = OP_NEG, [OP_MUL] = OP_DEREF, [OP_BAND] = OP_ADDR };
	if (n->kind != N_BINARY || (n->binary.op != OP_SUB && n->binary.op != OP_MUL && n->binary.op != OP_BAND))
		return false;
	struct node *name = n->binary.left;
	if (name->kind != N_IDENT || !name->ident.parenthesized || builtin_lookup(name->ident.name) ||
	    is_context_name(name->ident.name) || cdefs_is_macro(name->ident.name) ||
	    cdefs_enum_value(name->ident.name, &(long long){ 0 }) || !cdefs_type(name->ident.name))
		return false;
	struct node **leaf = &n->binary.right;
	while ((*leaf)->kind == N_BINARY)
		leaf = &(*leaf)->binary.left;
	struct node *operand = node_new(N_UNARY, loc_span(n->loc, (*leaf)->loc));
	operand->unary.op = unary_of[n->binary.op];
	operand->unary.operand = *leaf;
	struct node *cast = node_new(N_CAST, loc_span(name->loc, (*leaf)->loc));
	cast->cast.type_name = name->ident.name;
	cast->cast.operand = operand;
	*leaf = cast;
	*child = n->binary.right;
	return true;
}

static void constants_to_literals(struct node **child, void *ctx)
{
	struct node *n = *child;
	bool *failed = ctx;
	long long value;
	if (cast_of_unary(child)) {
		constants_to_literals(child, ctx);
		return;
	}
	if (n->kind == N_CALL && !builtin_lookup(n->call.name) && cdefs_is_macro(n->call.name)) {
		diag_error(n->loc, "%s is a C macro: macros with parameters are not supported in a script yet",
			   n->call.name);
		*failed = true;
		return;
	}
	if (n->kind != N_IDENT || builtin_lookup(n->ident.name) || is_context_name(n->ident.name)) {
		node_for_each_child(n, constants_to_literals, ctx);
		return;
	}
	/* the script's #defines first, then enum constants (the kernel's too) */
	if (cdefs_macro_string(n->ident.name, &n->string.bytes, &n->string.len)) {
		n->kind = N_STR; /* #define RED "\033[31m" */
		n->string.of_probe = false;
	} else if (cdefs_macro_value(n->ident.name, &value) || cdefs_enum_value(n->ident.name, &value)) {
		const char *name = n->ident.name;
		n->kind = N_INT;
		n->integer.value = value;
		n->integer.is_bool = false;
		/* an enum's constant is of the enum: it prints as its name */
		n->integer.enum_type = cdefs_macro_value(name, &value) ? NULL : cdefs_enum_type(name);
	} else if (cdefs_is_macro(n->ident.name)) {
		diag_error(n->loc, "%s is a #define, but not of an integer or a string constant: only those are values in a script",
			   n->ident.name);
		*failed = true;
	}
}

int pass_cdefs(struct program *p)
{
	cdefs_reset();
	if (!cdefs_read_include_files())
		return -1;
	struct node_list *chunks = &p->ast->program.cdefs;
	for (int i = 0; i < chunks->n; i++) {
		struct node *c = chunks->items[i];
		if (!cdefs_parse(c->cdefs.text, c->loc, script_dir(c->loc)))
			return -1;
	}
	struct node_list *probes = &p->ast->program.probes;
	if (!probes->n) {
		diag_error(p->ast->loc, "the script has no probe: C definitions alone do nothing");
		return -1;
	}
	bool failed = false;
	for (int i = 0; i < probes->n; i++)
		constants_to_literals(&probes->items[i], &failed);
	return failed ? -1 : 0;
}
