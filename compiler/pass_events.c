/* The events pass: every call that sends an event to userspace (printf,
 * print, exit, clear...) gets an id and the layout of its record, which
 * its builtin's row describes. Only instances that own their program are
 * lowered (pass_share.c), so only theirs are registered. */
#include <string.h>

#include "arena.h"
#include "builtin.h"
#include "passes.h"

static struct async_call *add_event(struct program *p, enum async_kind kind, struct loc loc)
{
	struct async_call *a = arena_alloc(sizeof(*a));
	a->kind = kind;
	a->exit_code = -1;
	a->id = p->nasyncs;
	a->loc = loc;
	a->size = ASYNC_HEADER_SIZE;
	p->asyncs = arena_grow(p->asyncs, p->nasyncs, &p->asyncs_cap, sizeof(*p->asyncs));
	p->asyncs[p->nasyncs++] = a;
	return a;
}

static struct async_call *new_event(struct program *p, enum async_kind kind, struct node *call)
{
	struct async_call *a = add_event(p, kind, call->loc);
	call->call.event_id = a->id;
	return a;
}

struct async_call *async_helper_error(struct program *p, struct loc loc, int helper)
{
	for (int i = 0; i < p->nasyncs; i++) {
		struct async_call *a = p->asyncs[i];
		if (a->kind == ASYNC_HELPER_ERROR && a->helper == helper && !memcmp(&a->loc, &loc, sizeof(loc)))
			return a;
	}
	struct async_call *a = add_event(p, ASYNC_HELPER_ERROR, loc);
	a->helper = helper;
	a->size += 8;
	return a;
}

void async_add_arg(struct async_call *a, const struct type *t, int from_arg)
{
	struct async_arg *arg = &a->args[a->nargs++];
	arg->type = type_promote(t);
	arg->offset = a->size;
	arg->from_arg = from_arg;
	a->size += type_slot_size(arg->type);
}

static void register_calls(struct node **slot, void *ctx)
{
	struct node *n = *slot;
	node_for_each_child(n, register_calls, ctx);
	if (n->kind != N_CALL || !n->call.builtin || n->call.builtin->event == ASYNC_NONE)
		return;
	const struct builtin *b = n->call.builtin;
	b->event_args(new_event(ctx, b->event, n), n);
}

int pass_events(struct program *p)
{
	for (int i = 0; i < p->nprobes; i++)
		if (p->probes[i].program == i)
			register_calls(&p->probes[i].probe, p);
	return 0;
}
