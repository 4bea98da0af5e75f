/* The context pass: `args.name` (and `args->name`), and names only some
 * probe types have (arg0, retval...), are asked of the instance's
 * provider, which knows where they are in the probe's context, and
 * reg("name") of the architecture's register table; the access becomes
 * an N_CONTEXT node with its place and type, so later passes and codegen
 * never ask again. */
#include <string.h>

#include "../probes/arch.h"
#include "../probes/provider.h"
#include "arena.h"
#include "cdefs.h"
#include "passes.h"

struct resolver {
	const struct attach_point *ap;
	bool failed;
};

static bool is_args(const struct node *n)
{
	return n->kind == N_IDENT && !strcmp(n->ident.name, "args");
}

static void __attribute__((format(printf, 3, 4))) fail(struct resolver *r, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(loc, fmt, ap);
	va_end(ap);
	r->failed = true;
}

static void to_context(struct node *n, const char *name, const struct probe_field *f)
{
	n->kind = N_CONTEXT;
	n->context.name = name;
	n->context.offset = f->offset;
	n->context.size = f->size;
	n->context.access = f->access;
	n->context.value = f->value;
	n->context.index = f->index;
	n->context.scale = f->scale;
	n->type = f->type;
	/* an enum's field prints as its enumerators (the kernel's BTF) */
	const struct type *e = f->enum_tag ? cdefs_type(arena_printf("enum %s", f->enum_tag)) : NULL;
	if (e && e->kind == TY_INT && e->nenumerators)
		n->type = type_enum(f->type, e->enum_tag, e->enumerators, e->nenumerators);
}

/* A name some other probe type has in its context: not a builtin here. */
static void context_name_elsewhere(struct resolver *r, struct node *n)
{
	const struct provider *p = r->ap->provider;
	const char *types = provider_types_with_context(n->ident.name);
	if (p->context_name && p->context_name(NULL, n->ident.name)) /* its type has it, not this one */
		fail(r, n->loc, "%s is not available in %s%s", n->ident.name, r->ap->name,
		     !strcmp(n->ident.name, "retval") ? ": the function returns nothing (void)" : "");
	else if (types)
		fail(r, n->loc, "%s is not available in %s probes, only in %s probes", n->ident.name,
		     r->ap->provider->name, types);
}

static void resolve_name(struct resolver *r, struct node *n)
{
	const struct provider *p = r->ap->provider;
	const struct probe_field *f = p->context_name ? p->context_name(r->ap, n->ident.name) : NULL;
	if (f && f->unsupported)
		fail(r, n->loc, "%s", f->why);
	else if (f)
		to_context(n, n->ident.name, f);
	else
		context_name_elsewhere(r, n);
}

/* `args` where the probe type has none, or whole where only its fields
 * can be used: false after reporting why. */
static bool args_usable(struct resolver *r, struct node *args, bool with_field)
{
	if (!r->ap->provider->field)
		fail(r, args->loc, "%s probes have no args", r->ap->provider->name);
	else if (!with_field)
		fail(r, args->loc, "args can only be used with a field, as in args->name, for now");
	else
		return true;
	return false;
}

static void resolve_field(struct resolver *r, struct node *n)
{
	const struct attach_point *ap = r->ap;
	if (!args_usable(r, n->field.base, true))
		return;
	const struct probe_field *f = ap->provider->field(ap, n->field.name);
	if (!f) {
		fail(r, n->loc, "%s has no field '%s' in args", ap->name, n->field.name);
		return;
	}
	if (f->unsupported) {
		if (f->why)
			fail(r, n->loc, "%s", f->why);
		else
			fail(r, n->loc, "args field '%s' has a type that is not supported yet", n->field.name);
		return;
	}
	to_context(n, arena_printf("args.%s", n->field.name), f);
}

/* reg("name"): a register of the struct pt_regs the program gets, by
 * the architecture's table. */
static void resolve_register(struct resolver *r, struct node *n)
{
	struct node *arg = n->call.args.n == 1 ? n->call.args.items[0] : NULL;
	if (!r->ap->provider->regs) {
		fail(r, n->loc, "reg() is not available in %s probes: their context is not the registers",
		     r->ap->provider->name);
		return;
	}
	if (!arg || arg->kind != N_STR) {
		fail(r, n->loc, "reg() takes a register's name in quotes: reg(\"ip\")");
		return;
	}
	int offset = arch_reg_offset(arg->string.bytes);
	if (offset < 0) {
		fail(r, arg->loc, "%s has no register '%s'", arch_host.name, arg->string.bytes);
		return;
	}
	struct probe_field f = { .offset = offset, .size = 8, .type = type_int(false), .access = CTX_INT };
	to_context(n, arena_printf("reg(\"%s\")", arg->string.bytes), &f);
}

static void resolve(struct node **slot, void *ctx)
{
	struct resolver *r = ctx;
	struct node *n = *slot;
	if (n->kind == N_CALL && !strcmp(n->call.name, "reg")) {
		resolve_register(r, n);
		return;
	}
	if (n->kind == N_FIELD && is_args(n->field.base)) {
		resolve_field(r, n);
		return;
	}
	if (is_args(n)) {
		const struct provider *p = r->ap->provider;
		const struct probe_field *f = p->whole_args ? p->whole_args(r->ap) : NULL;
		if (f && f->unsupported && f->why)
			fail(r, n->loc, "%s", f->why);
		else if (f && f->unsupported)
			fail(r, n->loc, "args of %s has a member whose type is not supported yet", r->ap->name);
		else if (f)
			to_context(n, "args", f);
		else
			args_usable(r, n, false);
		return;
	}
	if (n->kind == N_IDENT) {
		resolve_name(r, n);
		return;
	}
	node_for_each_child(n, resolve, ctx);
}

static bool resolve_instance(struct program *p, struct probe_instance *inst)
{
	(void)p;
	struct resolver r = { .ap = inst->ap };
	resolve(&inst->probe, &r);
	return !r.failed;
}

int pass_context(struct program *p)
{
	return passes_each_instance(p, resolve_instance);
}
