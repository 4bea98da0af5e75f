/* rawtracepoint:<name> and rawtracepoint:<module>:<name> (alias rt:): the
 * kernel's raw tracepoint, before its arguments are copied into a record.
 * The program gets them as they were passed, arg0..arg11, each a u64:
 * cheaper than a tracepoint; `args.name` and `args` are typed by the
 * kernel's BTF (the prototype of the kernel's __bpf_trace_<name>, whose
 * first parameter, the tracepoint's own __data, is not one of them), as
 * bpftrace 0.26 types them, and -lv lists them. Names are tracepoint names, as
 * tracefs has them (not its syscall events: those are made from
 * sys_enter and sys_exit); wildcards match them. Attach takes no cookie, so each
 * instance has its own program. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LANTERN_FRONT_END_ONLY
#include <bpf/libbpf.h>
#endif

#include "../compiler/arena.h"
#include "btf_args.h"
#include "provider.h"
#include "tracefs.h"

#define MAX_RAW_ARGS 12 /* the verifier's bound on a raw tracepoint's context */

struct raw_names {
	char **names;
	int n, cap;
};

/* Events of tracefs that are not tracepoints of their own: syscalls'
 * (made from sys_enter and sys_exit), and dynamic events users add. */
static bool synthetic_group(const char *group)
{
	static const char *const groups[] = { "syscalls", "kprobes", "uprobes", "synthetic", "eprobes" };
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!strcmp(group, groups[i]))
			return true;
	return false;
}

static void collect(const char *group, const char *event, void *ctx)
{
	struct raw_names *r = ctx;
	if (synthetic_group(group))
		return;
	r->names = arena_grow(r->names, r->n, &r->cap, sizeof(*r->names));
	r->names[r->n++] = (char *)event;
}

/* Tracepoint names matching pattern, sorted, each once. */
static struct raw_names matching(const char *root, const char *pattern)
{
	struct raw_names r = { 0 };
	tracefs_each_event(root, "*", pattern, collect, &r);
	if (r.n)
		qsort(r.names, (size_t)r.n, sizeof(*r.names), tracefs_cmp_names);
	int kept = 0;
	for (int i = 0; i < r.n; i++)
		if (!kept || strcmp(r.names[kept - 1], r.names[i]))
			r.names[kept++] = r.names[i];
	r.n = kept;
	return r;
}

static bool module_exists(const char *module)
{
	char path[300];
	snprintf(path, sizeof(path), "/sys/module/%s", module);
	return !strcmp(module, "vmlinux") || access(path, F_OK) == 0;
}

struct raw_point {
	const char *module; /* "vmlinux" for the kernel's own */
	const char *name;
};

/* The BTF prototype of raw tracepoint name: NULL without one (or BTF) */
static const struct cdefs_function *raw_prototype(const char *module, const char *name)
{
	bool known;
	return cdefs_kernel_function(module, arena_printf("__bpf_trace_%s", name), &known);
}

static int rawtracepoint_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	const char *colon = strchr(spec, ':');
	const char *module = colon ? arena_strndup(spec, (size_t)(colon - spec)) : NULL;
	const char *name = colon ? colon + 1 : spec;
	if (!*name || strchr(name, ':') || (module && !*module)) {
		diag_error(loc, "a raw tracepoint is written rawtracepoint:[<module>:]<name>");
		return -1;
	}
	if (module && !module_exists(module))
		return provider_missing(loc, "No matches for rawtracepoint %s.", spec); /* bpftrace's words */
	const char *why = NULL;
	const char *root = tracefs_root(&why);
	if (!root) {
		diag_error(loc, "cannot look up raw tracepoints: %s", why);
		return -1;
	}
	struct raw_names r = matching(root, name);
	if (!r.n && provider_has_wildcard(name))
		return provider_unmatched("no raw tracepoints match %s", name);
	if (!r.n)
		return provider_missing(loc, "raw tracepoint not found: %s", name);
	for (int i = 0; i < r.n; i++) {
		const char *full = module ? arena_printf("rawtracepoint:%s:%s", module, r.names[i])
					  : arena_printf("rawtracepoint:%s", r.names[i]);
		struct attach_point *ap = attach_point_new(&provider_rawtracepoint, full, loc);
		struct raw_point *rp = arena_alloc(sizeof(*rp));
		*rp = (struct raw_point){ module ? module : "vmlinux", r.names[i] };
		ap->data = rp;
		attach_list_push(out, ap);
	}
	return 0;
}

static const struct probe_field *rawtracepoint_field(const struct attach_point *ap, const char *name)
{
	const struct raw_point *rp = ap->data;
	return btf_args_field(raw_prototype(rp->module, rp->name), 1, name);
}

static const struct probe_field *rawtracepoint_whole_args(const struct attach_point *ap)
{
	const struct raw_point *rp = ap->data;
	return btf_args_whole(raw_prototype(rp->module, rp->name), 1);
}

/* -l: the raw tracepoints whose names match pattern (a module: not listed) */
static int rawtracepoint_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	if (strchr(pattern, ':'))
		return -EINVAL;
	const char *why = NULL;
	const char *root = tracefs_root(&why);
	if (!root) {
		diag_plain_error("cannot list raw tracepoints: %s", why);
		return -1;
	}
	struct raw_names r = matching(root, pattern);
	for (int i = 0; i < r.n; i++)
		emit(ctx, arena_printf("rawtracepoint:%s", r.names[i]));
	return 0;
}

/* -lv rawtracepoint:[module:]name */
static void rawtracepoint_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *colon = strchr(spec, ':');
	const char *module = colon ? arena_strndup(spec, (size_t)(colon - spec)) : "vmlinux";
	btf_args_describe(raw_prototype(module, colon ? colon + 1 : spec), 1, emit, ctx);
}

/* argN: the Nth u64 of the context. */
static const struct probe_field *rawtracepoint_context_name(const struct attach_point *ap, const char *name)
{
	static struct probe_field args[MAX_RAW_ARGS];
	(void)ap;
	const char *digits = name + 3;
	if (strncmp(name, "arg", 3) || !*digits || strspn(digits, "0123456789") != strlen(digits) ||
	    (digits[0] == '0' && digits[1]))
		return NULL;
	long n = strtol(digits, NULL, 10);
	if (n >= MAX_RAW_ARGS)
		return NULL;
	struct probe_field *f = &args[n];
	*f = (struct probe_field){ .name = name, .offset = (int)n * 8, .size = 8, .type = type_int(false),
				   .access = CTX_INT };
	return f;
}

#ifndef LANTERN_FRONT_END_ONLY
static int rawtracepoint_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
				struct link_list *links)
{
	(void)cookie; /* none: the program knows its attach point */
	struct bpf_link *link = bpf_program__attach_raw_tracepoint(prog, ((const struct raw_point *)ap->data)->name);
	if (!link)
		return -errno;
	return link_list_push(links, link);
}
#endif

const struct provider provider_rawtracepoint = {
	.name = "rawtracepoint",
	.alias = "rt",
	.section = "raw_tp",
	.pid_filter = true,
	.expand = rawtracepoint_expand,
	.context_name = rawtracepoint_context_name,
	.field = rawtracepoint_field,
	.whole_args = rawtracepoint_whole_args,
	.describe = rawtracepoint_describe,
	.list = rawtracepoint_list,
	.attach = BACKEND(rawtracepoint_attach),
};
