#include "btf_args.h"

#include <string.h>

#include "../compiler/arena.h"

const struct probe_field *btf_args_slot(const char *name, int slot, const struct type *t)
{
	struct probe_field *f = arena_alloc(sizeof(*f));
	*f = (struct probe_field){ .name = name, .offset = slot * 8, .size = 8, .type = t, .access = CTX_INT };
	if (t->kind == TY_INT || t->kind == TY_BOOL)
		f->size = t->size;
	else if (t->kind != TY_PTR)
		f->unsupported = true; /* a struct or union passed by value */
	if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		f->unsupported = true;
	return f;
}

static const char *param_name(const struct cdefs_function *proto, int i, int first)
{
	return proto->params[i].name ? proto->params[i].name : arena_printf("arg%d", i - first);
}

const struct probe_field *btf_args_field(const struct cdefs_function *proto, int first, const char *name)
{
	for (int i = first; proto && i < proto->nparams; i++)
		if (proto->params[i].name && !strcmp(proto->params[i].name, name))
			return btf_args_slot(name, i - first, proto->params[i].type);
	return NULL;
}

const struct probe_field *btf_args_whole(const struct cdefs_function *proto, int first)
{
	int n = proto ? proto->nparams - first : 0;
	if (n <= 0)
		return NULL;
	struct type *t = arena_alloc(sizeof(*t));
	struct type_member *members = arena_alloc(sizeof(*members) * (size_t)n);
	struct probe_field *f = arena_alloc(sizeof(*f));
	*f = (struct probe_field){ .name = "args", .size = n * 8, .type = t, .access = CTX_IN_PLACE };
	for (int i = 0; i < n; i++) {
		const struct probe_field *slot = btf_args_slot(proto->params[first + i].name, i,
							       proto->params[first + i].type);
		members[i] = (struct type_member){ .name = param_name(proto, first + i, first), .type = slot->type,
						   .offset = i * 8 };
		f->unsupported |= slot->unsupported;
	}
	*t = (struct type){ .kind = TY_STRUCT, .size = f->size, .align = 8, .members = members, .nmembers = n,
			    .name = "args" };
	return f;
}

void btf_args_describe(const struct cdefs_function *proto, int first, void (*emit)(void *ctx, const char *line),
		       void *ctx)
{
	for (int i = first; proto && i < proto->nparams; i++)
		emit(ctx, arena_printf("    %s %s", type_name(proto->params[i].type), param_name(proto, i, first)));
}
