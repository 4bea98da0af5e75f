/* fentry:[<module>:]<function> and fexit:[<module>:]<function> (aliases
 * f:, fr:, and bpftrace's older names kfunc:, kretfunc:): a BPF
 * trampoline at a kernel function's entry or return, cheaper than a
 * kprobe. The functions are the traceable ones (kernel_functions.h) that
 * the kernel's BTF describes, wildcards matched against them. `args.name`
 * and fexit's `retval` are typed by the function's BTF prototype
 * (cdefs_kernel_function): the program's context is the arguments, one
 * 8-byte slot each, then the return value. A program is bound to its
 * function when it is loaded (its attach target), so each attach point
 * has a program of its own, and knows `probe` without a cookie.
 * fentry:bpf:[<id>:]<name> attaches to a loaded BPF program instead
 * (bpf_programs.h); its arguments are not typed yet. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#ifndef LANTERN_FRONT_END_ONLY
#include <bpf/libbpf.h>
#endif

#include "../compiler/arena.h"
#include "../compiler/cdefs.h"
#include "bpf_programs.h"
#include "btf_args.h"
#include "kernel_functions.h"
#include "provider.h"

struct fentry_point {
	const char *module, *func;
	const struct cdefs_function *proto; /* NULL: not known (front end only, BPF programs) */
	int target_fd;                      /* fentry:bpf: the program's; 0: the kernel's function */
};

/* The function's BTF prototype; *known false when there is no BTF to ask. */
static const struct cdefs_function *prototype(const struct kernel_function *f, bool *known)
{
	return cdefs_kernel_function(f->module, f->name, known);
}

struct expansion {
	const struct provider *provider;
	struct loc loc;
	struct attach_list *out;
};

/* How many arguments the kernel's BPF trampolines pass: those in
 * registers (six on x86_64, eight on arm64), twelve on x86_64 from 6.6,
 * which passes the others from the stack. */
static int max_trampoline_args(void)
{
	static int max;
	struct utsname u;
	int major = 0, minor = 0;
	if (max)
		return max;
	if (uname(&u) == 0)
		sscanf(u.release, "%d.%d", &major, &minor);
#if defined(__aarch64__)
	max = 8;
#else
	max = major > 6 || (major == 6 && minor >= 6) ? 12 : 6;
#endif
	return max;
}

/* Adds f if the BTF describes it and a trampoline can take its
 * arguments; returns why not (NULL: added). */
static const char *add_point(struct expansion *x, const struct kernel_function *f)
{
	bool known;
	const struct cdefs_function *proto = prototype(f, &known);
	if (known && !proto)
		return "the kernel's BTF does not describe it";
	if (proto && proto->variadic)
		return "it takes a variable number of arguments, which a BPF trampoline cannot pass";
	if (proto && proto->nparams > max_trampoline_args())
		return arena_printf("it takes %d arguments, more than this kernel's BPF trampolines pass (%d)",
				    proto->nparams, max_trampoline_args());
	struct attach_point *ap =
		attach_point_new(x->provider, arena_printf("%s:%s:%s", x->provider->name, f->module, f->name), x->loc);
	struct fentry_point *p = arena_alloc(sizeof(*p));
	*p = (struct fentry_point){ f->module, f->name, proto, 0 };
	ap->data = p;
	ap->func = f->name;
	attach_list_push(x->out, ap);
	return NULL;
}

/* fentry:bpf:[<id>:]<name>, spec what follows "bpf:": one attach point
 * per loaded program that matches, named fentry:bpf:<id>:<name> */
static int expand_bpf_programs(const struct provider *pr, bool listing, const char *spec, struct loc loc,
			       struct attach_list *out)
{
	const char *colon = strchr(spec, ':');
	const char *id = colon ? arena_strndup(spec, (size_t)(colon - spec)) : NULL;
	const char *name = colon ? colon + 1 : spec;
	if (!*name || strchr(name, ':') || (id && !*id)) {
		diag_error(loc, "a %s on a BPF program is written %s:bpf:[<program id>:]<program name>", pr->name,
			   pr->name);
		return -1;
	}
	struct bpf_program_ref *found;
	int n = bpf_programs_matching(id, name, &found);
	for (int i = 0; i < n; i++) {
		struct attach_point *ap = attach_point_new(
			pr, arena_printf("%s:bpf:%u:%s", pr->name, found[i].id, found[i].name), loc);
		struct fentry_point *p = arena_alloc(sizeof(*p));
		*p = (struct fentry_point){ "bpf", found[i].name, NULL, found[i].fd };
		ap->data = p;
		ap->func = found[i].name;
		attach_list_push(out, ap);
	}
	if (!n && !listing && (provider_has_wildcard(id) || provider_has_wildcard(name)))
		return provider_unmatched("no loaded BPF program matches %s%s%s", id ? id : "", id ? ":" : "", name);
	if (!n && !listing)
		return provider_missing(loc, "no loaded BPF program matches %s%s%s", id ? id : "", id ? ":" : "", name);
	return 0;
}

static int expand(const struct provider *pr, bool listing, const char *spec, struct loc loc,
		  struct attach_list *out)
{
	const char *colon = strchr(spec, ':');
	const char *module = colon ? arena_strndup(spec, (size_t)(colon - spec)) : NULL;
	const char *func = colon ? colon + 1 : spec;
	if (module && !strcmp(module, "bpf"))
		return expand_bpf_programs(pr, listing, func, loc, out);
	if (!*func || strchr(func, ':') || (module && !*module)) {
		diag_error(loc, "a %s is written %s:[<module>:]<function>", pr->name, pr->name);
		return -1;
	}
	int rc;
	const struct kernel_functions *t = kernel_functions_for(module, listing, loc, &rc);
	if (!t)
		return rc;
	struct expansion x = { pr, loc, out };
	const char *what = module ? arena_printf("%s:%s", module, func) : func;
	if (!provider_has_wildcard(func)) {
		const struct kernel_function *pick = kernel_function_find(t, func, module);
		if (!pick)
			return listing ? 0 : provider_missing(loc, "%s", kernel_function_absent(t, func, what));
		const char *why_not = add_point(&x, pick);
		if (why_not && !listing)
			return provider_missing(loc, "cannot attach %s to kernel function '%s': %s", pr->name, what, why_not);
		return 0;
	}
	const struct kernel_function **found;
	int n = kernel_functions_matching(t, func, module, &found), before = out->n;
	for (int i = 0; i < n; i++)
		add_point(&x, found[i]);
	if (out->n == before && !listing)
		return provider_unmatched("no kernel functions %s can attach to match %s:%s", pr->name, pr->name, what);
	return 0;
}

static int fentry_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_fentry, false, spec, loc, out);
}

static int fexit_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_fexit, false, spec, loc, out);
}

/* ---- context: the arguments' slots, then the return value ---- */

static const struct probe_field *fentry_field(const struct attach_point *ap, const char *name)
{
	return btf_args_field(((const struct fentry_point *)ap->data)->proto, 0, name);
}

static const struct probe_field *fentry_whole_args(const struct attach_point *ap)
{
	return btf_args_whole(((const struct fentry_point *)ap->data)->proto, 0);
}

static const struct probe_field *fexit_context_name(const struct attach_point *ap, const char *name)
{
	static const struct probe_field some = { .name = "retval" };
	if (strcmp(name, "retval"))
		return NULL;
	if (!ap)
		return &some;
	const struct cdefs_function *proto = ((const struct fentry_point *)ap->data)->proto;
	if (!proto || proto->ret->kind == TY_VOID)
		return NULL;
	return btf_args_slot(name, proto->nparams, proto->ret);
}

/* ---- attach ---- */

#ifndef LANTERN_FRONT_END_ONLY
/* Its one attach point is the program's target, found in the kernel's
 * (or the module's) BTF when the program is loaded. */
static void fentry_prepare(struct bpf_program *prog, const struct attach_point *const *aps, int n)
{
	(void)n;
	const struct fentry_point *p = aps[0]->data;
	bpf_program__set_attach_target(prog, p->target_fd, p->func);
}

static int fentry_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			 struct link_list *links)
{
	(void)ap;
	(void)cookie; /* none: the program knows its attach point */
	struct bpf_link *link = bpf_program__attach_trace(prog);
	if (!link)
		return -errno;
	return link_list_push(links, link);
}
#endif

/* ---- -l ---- */

static int list(const struct provider *pr, const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	struct attach_list points = { 0 };
	if (expand(pr, true, *pattern ? pattern : "*", (struct loc){ 0 }, &points))
		return -1;
	for (int i = 0; i < points.n; i++)
		emit(ctx, points.items[i]->name);
	return 0;
}

static int fentry_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_fentry, pattern, emit, ctx);
}

static int fexit_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_fexit, pattern, emit, ctx);
}

/* -lv fentry:[module:]function: its parameters (fexit: and retval) */
static void describe(const char *spec, bool with_retval, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *colon = strchr(spec, ':');
	bool known;
	const struct cdefs_function *proto =
		cdefs_kernel_function(colon ? arena_strndup(spec, (size_t)(colon - spec)) : "vmlinux",
				      colon ? colon + 1 : spec, &known);
	btf_args_describe(proto, 0, emit, ctx);
	if (with_retval && proto && proto->ret->kind != TY_VOID)
		emit(ctx, arena_printf("    %s retval", type_name(proto->ret)));
}

static void fentry_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	describe(spec, false, emit, ctx);
}

static void fexit_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	describe(spec, true, emit, ctx);
}

const struct provider provider_fentry = {
	.name = "fentry",
	.alias = "f",
	.old_name = "kfunc",
	.section = "fentry",
	.pid_filter = true,
	.attach_reversed = true,
	.expand = fentry_expand,
	.field = fentry_field,
	.whole_args = fentry_whole_args,
	.attach = BACKEND(fentry_attach),
	.prepare = BACKEND(fentry_prepare),
	.list = fentry_list,
	.describe = fentry_describe,
};

const struct provider provider_fexit = {
	.name = "fexit",
	.alias = "fr",
	.old_name = "kretfunc",
	.section = "fexit",
	.pid_filter = true,
	.attach_reversed = true,
	.expand = fexit_expand,
	.field = fentry_field,
	.whole_args = fentry_whole_args,
	.context_name = fexit_context_name,
	.attach = BACKEND(fentry_attach),
	.prepare = BACKEND(fentry_prepare),
	.list = fexit_list,
	.describe = fexit_describe,
	.list_when_named = true,
};
