/* The events pass: every call that sends an event to userspace (printf,
 * print, exit, clear...) gets an id and the layout of its record, which
 * its builtin's row describes. Only instances that own their program are
 * lowered (pass_share.c), so only theirs are registered. */
#include <string.h>

#include "arena.h"
#include "builtin.h"
#include "passes.h"
#include "../probes/provider.h"

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

struct registering {
	struct program *prog;
	bool to_file; /* a pinned iterator's: printf writes into its file */
	bool failed;
};

/* printf into an iterator's file (bpf_seq_printf): what the kernel can
 * write there, integers and strings read in the kernel; the rest is an
 * error where it is written. */
static void write_to_file(struct registering *r, struct node *call, struct async_call *a)
{
	const char *why = NULL;
	if (a->kind != ASYNC_PRINTF || strcmp(call->call.name, "printf"))
		why = arena_printf("%s() cannot be used in a pinned iterator: lantern is gone when its file is read, "
				   "and only printf() writes into that file",
				   call->call.name);
	else if (!(a->file_format = printf_format_for_file(&a->fmt, &why)))
		why = arena_printf("this printf cannot be written into a pinned iterator's file: %s", why);
	for (int i = 0, conv = 0; !why && i < a->fmt.nsegs; i++) {
		const struct printf_segment *seg = &a->fmt.segs[i];
		if (!seg->has_conv)
			continue;
		const struct node *arg = call->call.args.items[1 + conv++];
		bool ok = seg->kind == CONV_STR ? arg->type->kind == TY_STR : type_is_integer(arg->type);
		if (!ok) {
			diag_error(arg->loc, "a pinned iterator's printf writes integers and strings, not %s",
				   type_name(arg->type));
			r->failed = true;
		}
	}
	if (why) {
		diag_error(call->loc, "%s", why);
		r->failed = true;
	}
}

static void register_calls(struct node **slot, void *ctx)
{
	struct registering *r = ctx;
	struct node *n = *slot;
	node_for_each_child(n, register_calls, ctx);
	if (n->kind != N_CALL || !n->call.builtin || n->call.builtin->event == ASYNC_NONE)
		return;
	const struct builtin *b = n->call.builtin;
	struct async_call *a = new_event(r->prog, b->event, n);
	b->event_args(a, n);
	if (r->to_file)
		write_to_file(r, n, a);
}

int pass_events(struct program *p)
{
	struct registering r = { .prog = p };
	for (int i = 0; i < p->nprobes; i++) {
		const struct attach_point *ap = p->probes[i].ap;
		if (p->probes[i].program != i)
			continue;
		r.to_file = ap->provider->prints_to_file && ap->provider->prints_to_file(ap);
		register_calls(&p->probes[i].probe, &r);
	}
	return r.failed ? -1 : 0;
}
