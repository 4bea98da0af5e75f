/* tracepoint:<category>:<name>, wildcards allowed in both parts. The
 * fields of `args` come from the tracepoint's format file in tracefs. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/cdefs.h"
#include "../compiler/config.h"
#include "provider.h"
#include "syscalls.h"
#include "tracefs.h"

/* A tracepoint attach point: its place in tracefs, and its format once
 * a field was asked for. */
struct tracepoint {
	const char *group, *event;
	struct probe_format *format;
};

struct expansion {
	struct loc loc;
	struct attach_list *out;
};

static void add_point(const char *group, const char *event, void *ctx)
{
	struct expansion *x = ctx;
	struct attach_point *ap = attach_point_new(&provider_tracepoint,
						   arena_printf("tracepoint:%s:%s", group, event), x->loc);
	struct tracepoint *tp = arena_alloc(sizeof(*tp));
	tp->group = group;
	tp->event = event;
	ap->data = tp;
	attach_list_push(x->out, ap);
}

/* The kernel detaches each tracepoint under one lock, waiting for RCU
 * (~40 ms each here): `syscalls:sys_enter_*`'s 360 took 15 s to stop.
 * From this many syscall tracepoints of a wildcard on, those whose number
 * is known are attached through raw_syscalls:sys_enter or sys_exit
 * instead, once, the program picking its attach point by the number.
 * Their records agree: the number at offset 8 (__syscall_nr, id), then
 * the arguments as 8-byte words from 16 (args[6]) or the return value.
 * (raw_syscalls also sees 32-bit compat syscalls, under their own
 * numbers, which the per-syscall tracepoints skip.) */
#define SYSCALL_ROUTE_MIN 8

static const struct attach_route *syscall_route(const struct tracepoint *tp)
{
	if (strcmp(tp->group, "syscalls"))
		return NULL;
	bool enter = !strncmp(tp->event, "sys_enter_", 10);
	if (!enter && strncmp(tp->event, "sys_exit_", 9))
		return NULL;
	int nr = syscall_number(tp->event + (enter ? 10 : 9));
	if (nr < 0)
		return NULL;
	struct attach_route *r = arena_alloc(sizeof(*r));
	*r = (struct attach_route){ enter ? "raw_syscalls:sys_enter" : "raw_syscalls:sys_exit", nr, 8 };
	return r;
}

static void route_syscalls(struct attach_list *out, int from)
{
	if (out->n - from < SYSCALL_ROUTE_MIN)
		return;
	for (int i = from; i < out->n; i++)
		out->items[i]->route = syscall_route(out->items[i]->data);
}

static int tracepoint_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	const char *colon = strchr(spec, ':');
	if (!colon || !colon[1] || colon == spec || strchr(colon + 1, ':')) {
		diag_error(loc, "a tracepoint is written tracepoint:<category>:<name>");
		return -1;
	}
	const char *why = NULL;
	const char *root = tracefs_root(&why);
	if (!root) {
		diag_error(loc, "cannot look up tracepoints: %s", why);
		return -1;
	}
	char *group = arena_strndup(spec, (size_t)(colon - spec));
	char *event = arena_strdup(colon + 1);
	struct expansion x = { loc, out };

	if (!provider_has_wildcard(group) && !provider_has_wildcard(event)) {
		char path[512];
		snprintf(path, sizeof(path), "%s/events/%s/%s/id", root, group, event);
		if (access(path, F_OK))
			return provider_missing(loc, "tracepoint not found: tracepoint:%s:%s", group, event);
		add_point(group, event, &x);
		return 0;
	}

	int before = out->n;
	tracefs_each_event(root, group, event, add_point, &x);
	if (out->n == before)
		return provider_unmatched("no tracepoints match %s:%s", group, event);
	route_syscalls(out, before);
	return 0;
}

struct listing {
	char **names;
	int n, cap;
};

static void list_point(const char *group, const char *event, void *ctx)
{
	struct listing *l = ctx;
	l->names = arena_grow(l->names, l->n, &l->cap, sizeof(*l->names));
	l->names[l->n++] = arena_printf("tracepoint:%s:%s", group, event);
}

/* category:name, or as bpftrace 0.17 has it, a name with a wildcard
 * alone for any category's. Sorted as whole names, as bpftrace does. */
static int tracepoint_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	const char *colon = strchr(pattern, ':');
	if (colon ? strchr(colon + 1, ':') != NULL : !provider_has_wildcard(pattern))
		return -EINVAL;
	const char *why = NULL;
	const char *root = tracefs_root(&why);
	if (!root) {
		diag_plain_error("cannot list tracepoints: %s", why);
		return -1;
	}
	struct listing l = { 0 };
	if (colon)
		tracefs_each_event(root, arena_strndup(pattern, (size_t)(colon - pattern)), colon + 1, list_point, &l);
	else
		tracefs_each_event(root, "*", pattern, list_point, &l);
	if (l.n)
		qsort(l.names, (size_t)l.n, sizeof(*l.names), tracefs_cmp_names);
	for (int i = 0; i < l.n; i++)
		emit(ctx, l.names[i]);
	return 0;
}

static const struct type type_char = { .kind = TY_INT, .size = 1, .is_signed = true, .name = "char" };

/* What "const struct __kernel_timespec * rqtp" points to: the struct,
 * union or typedef named before the '*', as the script or the kernel's
 * BTF has it (read when it is used); void when nothing names it. */
static const struct type *pointee_of(const char *decl)
{
	const char *star = strchr(decl, '*');
	char *base = arena_strndup(decl, (size_t)(star - decl));
	for (;;) { /* qualifiers off */
		base += strspn(base, " \t");
		if (!strncmp(base, "const ", 6))
			base += 6;
		else if (!strncmp(base, "volatile ", 9))
			base += 9;
		else
			break;
	}
	size_t n = strlen(base);
	while (n && isspace((unsigned char)base[n - 1]))
		base[--n] = 0;
	const struct type *t = NULL;
	if (!strncmp(base, "struct ", 7))
		t = cdefs_declared_type(CDEFS_STRUCT, base + 7);
	else if (!strncmp(base, "union ", 6))
		t = cdefs_declared_type(CDEFS_UNION, base + 6);
	else if (*base)
		t = cdefs_type(base);
	return t ? t : TYPE_VOID;
}

/* One line of a format file:
 *   field:const char * filename;	offset:24;	size:8;	signed:0; */
static bool parse_field(char *line, struct probe_field *f, bool user_memory)
{
	char *decl = strstr(line, "field:");
	char *off = strstr(line, "offset:");
	char *size = strstr(line, "size:");
	char *sign = strstr(line, "signed:");
	if (!decl || !off || !size)
		return false;
	decl += 6;
	char *semi = strchr(decl, ';');
	if (!semi)
		return false;
	*semi = 0;
	f->offset = atoi(off + 7);
	f->size = atoi(size + 5);
	bool is_signed = sign && atoi(sign + 7);

	/* The name is the last identifier, before an array's [N]:
	 * "char comm[16]", but "__data_loc char[] filename". */
	char *end = decl + strlen(decl);
	while (end > decl && isspace((unsigned char)end[-1]))
		end--;
	char *bracket = end > decl && end[-1] == ']' ? strrchr(decl, '[') : NULL;
	if (bracket)
		end = bracket;
	while (end > decl && isspace((unsigned char)end[-1]))
		end--;
	char *start = end;
	while (start > decl && (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
		start--;
	f->name = arena_strndup(start, (size_t)(end - start));

	bool is_char = strstr(decl, "char") != NULL;
	if (!strncmp(decl, "__data_loc", 10)) {
		f->access = CTX_DATA_LOC_STR;
		f->type = type_str(config_str_size()); /* max_strlen */
		f->unsupported = !is_char;
	} else if (bracket) {
		f->access = CTX_CHAR_ARRAY;
		f->type = type_str(f->size);
		f->unsupported = !is_char;
	} else {
		f->type = type_int(is_signed);
		if (!strncmp(decl, "enum ", 5) && !strchr(decl, '*')) /* its enumerators: BTF's, when it is used */
			f->enum_tag = arena_strndup(decl + 5, strcspn(decl + 5, " \t"));
		if (strchr(decl, '*')) { /* char * is a string's; a struct's is the kernel's (BTF) */
			enum address_space space = user_memory ? AS_USER : AS_KERNEL;
			f->type = is_char ? &type_char : pointee_of(decl);
			for (const char *s = strchr(decl, '*'); s; s = strchr(s + 1, '*')) /* char **argv */
				f->type = type_ptr(f->type, space);
		}
		f->unsupported = f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8;
	}
	return true;
}

struct probe_format {
	struct probe_field *fields;
	int nfields;
};

static struct probe_format *load_format(const struct tracepoint *tp)
{
	const char *why;
	const char *root = tracefs_root(&why);
	struct probe_format *fmt = arena_alloc(sizeof(*fmt));
	if (!root)
		return fmt;
	char path[512];
	snprintf(path, sizeof(path), "%s/events/%s/%s/format", root, tp->group, tp->event);
	FILE *f = fopen(path, "r");
	if (!f)
		return fmt;
	/* Pointers in syscall arguments point into the calling process. */
	bool user_memory = !strcmp(tp->group, "syscalls");
	char line[1024];
	int cap = 0;
	while (fgets(line, sizeof(line), f)) {
		struct probe_field field = { 0 };
		if (!parse_field(line, &field, user_memory) || !strncmp(field.name, "common_", 7))
			continue;
		fmt->fields = arena_grow(fmt->fields, fmt->nfields, &cap, sizeof(*fmt->fields));
		fmt->fields[fmt->nfields++] = field;
	}
	fclose(f);
	return fmt;
}

static const struct probe_field *tracepoint_field(const struct attach_point *ap, const char *name)
{
	struct tracepoint *tp = ap->data;
	if (!tp->format)
		tp->format = load_format(tp);
	for (int i = 0; i < tp->format->nfields; i++)
		if (!strcmp(tp->format->fields[i].name, name))
			return &tp->format->fields[i];
	return NULL;
}

/* -lv: the fields of the format file as it declares them, "    int dfd" */
static void tracepoint_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *why;
	const char *root = tracefs_root(&why);
	const char *colon = strchr(spec, ':');
	if (!root || !colon)
		return;
	char path[512];
	snprintf(path, sizeof(path), "%s/events/%.*s/%s/format", root, (int)(colon - spec), spec, colon + 1);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[1024];
	while (fgets(line, sizeof(line), f)) {
		char *decl = strstr(line, "field:");
		char *semi = decl ? strchr(decl, ';') : NULL;
		if (!semi || strstr(decl, " common_"))
			continue;
		emit(ctx, arena_printf("    %.*s", (int)(semi - decl - 6), decl + 6));
	}
	fclose(f);
}

#ifndef LANTERN_FRONT_END_ONLY
/* group:event, attached with one perf event */
static int attach_event(const char *group, const char *event, struct bpf_program *prog, unsigned long long cookie,
			struct link_list *links)
{
	const char *why;
	const char *root = tracefs_root(&why);
	char path[512];
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", root ? root : "", group, event);
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	unsigned long long id = 0;
	int ok = fscanf(f, "%llu", &id);
	fclose(f);
	if (ok != 1)
		return -EINVAL;
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.config = id,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	/* One event on CPU 0 is enough: the program runs on every CPU. */
	return perf_attach(prog, &attr, 0, cookie, links);
}

static int tracepoint_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			     struct link_list *links)
{
	const struct tracepoint *tp = ap->data;
	return attach_event(tp->group, tp->event, prog, cookie, links);
}

/* Each attach point as itself, but the routed ones once, through their
 * via (the share pass gives a program's instances one via). */
static int tracepoint_attach_many(const struct attach_point *const *aps, const unsigned long long *cookies, int n,
				  struct bpf_program *prog, struct link_list *links, int *errors)
{
	int routed_err = 1; /* not attached yet */
	int attached = 0;
	for (int i = 0; i < n; i++) {
		const struct attach_route *r = aps[i]->route;
		if (!r) {
			errors[i] = tracepoint_attach(aps[i], prog, cookies[i], links);
		} else {
			if (routed_err == 1) {
				const char *colon = strchr(r->via, ':');
				routed_err = attach_event(arena_strndup(r->via, (size_t)(colon - r->via)), colon + 1,
							  prog, 0, links);
			}
			errors[i] = routed_err;
		}
		attached += !errors[i];
	}
	return attached ? 0 : errors[0];
}
#endif

const struct provider provider_tracepoint = {
	.name = "tracepoint",
	.alias = "t",
	/* The section only selects the program type (we attach by hand), so
	 * every tracepoint program has the same one and twins can share. */
	.section = "tracepoint",
	.attach_cookie = true,
	.share_programs = true,
	.pid_filter = true,
	.expand = tracepoint_expand,
	.field = tracepoint_field,
	.attach = BACKEND(tracepoint_attach),
	.attach_many = BACKEND(tracepoint_attach_many),
	.list = tracepoint_list,
	.describe = tracepoint_describe,
};
