/* kprobe:[<module>:]<function>[+<offset>] and kretprobe:[<module>:]<function>
 * (aliases k:, kr:): a probe the kernel puts at a kernel function's entry
 * (or at an offset into it) or on its return. Functions are those tracefs
 * says can be traced (kernel_functions.h), wildcards (in the function and
 * the module) matched against them; `vmlinux` is the kernel's own. The
 * program gets struct pt_regs: argN, retval and reg() come from the
 * architecture's registers (arch.h). One program serves all the attach
 * points of a probe, `probe` and `func` from the attach cookie: one
 * kprobe_multi link for them where the kernel has it (5.18), else a perf
 * kprobe each (and always for an offset or a module's function, which
 * the multi link of older kernels cannot name). With --unsafe, a kprobe
 * may be at a raw kernel address (kprobe:0xffffffff81234567). The kernel runs the
 * kprobes of one function last attached first, its kretprobes first
 * attached first: attached in that order, they run as written. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#endif

#include "../compiler/arena.h"
#include "kernel_functions.h"
#include "kernel_symbols.h"
#include "provider.h"
#include "registers.h"

/* One attach point: the function (the kernel's symbol) and where in it. */
struct kprobe_point {
	const char *symbol; /* "func", or "module:func" for a module's; NULL: at address offset */
	unsigned long long offset;
	bool retprobe;
	bool multi; /* a kprobe_multi link can attach it */
};

/* [module:]function[+offset], or an address, as written. */
struct kprobe_spec {
	const char *module; /* NULL: not written */
	const char *func;
	unsigned long long offset;
	bool has_offset;
	unsigned long long address; /* with is_address: the kernel address itself */
	bool is_address;
};

static bool parse_number(const char *s, unsigned long long *out)
{
	if (!isdigit((unsigned char)s[0]))
		return false;
	char *end;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !*end && !errno;
}

static int parse_spec(const struct provider *pr, bool retprobe, const char *spec, struct loc loc,
		      struct kprobe_spec *s)
{
	*s = (struct kprobe_spec){ 0 };
	const char *colon = strchr(spec, ':');
	if (colon && strchr(colon + 1, ':')) {
		diag_error(loc, "a %s is written %s:[<module>:]<function>", pr->name, pr->name);
		return -1;
	}
	s->module = colon ? arena_strndup(spec, (size_t)(colon - spec)) : NULL;
	char *func = arena_strdup(colon ? colon + 1 : spec);
	if ((s->module && !*s->module) || !*func) {
		diag_error(loc, "a %s is written %s:[<module>:]<function>", pr->name, pr->name);
		return -1;
	}
	char *plus = strchr(func, '+');
	if (plus) {
		*plus = 0;
		if (!parse_number(plus + 1, &s->offset) || !*func) {
			diag_error(loc, "'%s' is not an offset: a %s is written %s:<function>+<offset>", plus + 1,
				   pr->name, pr->name);
			return -1;
		}
		if (retprobe) {
			diag_error(loc, "a kretprobe cannot be at an offset into a function: it fires on return");
			return -1;
		}
		if (provider_has_wildcard(func) || (s->module && provider_has_wildcard(s->module))) {
			diag_error(loc, "a %s at an offset names one function: no wildcards", pr->name);
			return -1;
		}
		s->has_offset = true;
	} else if (isdigit((unsigned char)func[0])) {
		if (s->module || !parse_number(func, &s->address)) {
			diag_error(loc, "'%s' is not an address: a %s at an address is written %s:0x<address>", func,
				   pr->name, pr->name);
			return -1;
		}
		if (!provider_unsafe()) {
			diag_error(loc, "a %s at a raw address can break the kernel if it is not an instruction's start: "
					"it needs --unsafe", pr->name);
			return -1;
		}
		s->is_address = true;
	}
	s->func = func;
	return 0;
}

/* ---- expansion ---- */

struct expansion {
	const struct provider *provider;
	bool retprobe;
	struct loc loc;
	const struct kprobe_spec *spec;
	struct attach_list *out;
};

static void add_point(struct expansion *x, const struct kernel_function *f)
{
	const struct kprobe_spec *s = x->spec;
	bool in_module = strcmp(f->module, "vmlinux") != 0;
	const char *name = s->module || in_module ? arena_printf("%s:%s:%s", x->provider->name, f->module, f->name)
						  : arena_printf("%s:%s", x->provider->name, f->name);
	if (s->has_offset)
		name = arena_printf("%s+%llu", name, s->offset);
	struct attach_point *ap = attach_point_new(x->provider, name, x->loc);
	struct kprobe_point *k = arena_alloc(sizeof(*k));
	k->symbol = in_module ? arena_printf("%s:%s", f->module, f->name) : f->name;
	k->offset = s->offset;
	k->retprobe = x->retprobe;
	k->multi = !in_module && !s->has_offset;
	ap->data = k;
	ap->func = f->name;
	attach_list_push(x->out, ap);
}

/* A kprobe at a kernel address (--unsafe): the kernel places it there;
 * `func` is the symbol the address is in, where kallsyms knows one. */
static void add_address_point(const struct provider *pr, bool retprobe, struct loc loc, unsigned long long addr,
			      struct attach_list *out)
{
	struct attach_point *ap = attach_point_new(pr, arena_printf("%s:0x%llx", pr->name, addr), loc);
	struct kprobe_point *k = arena_alloc(sizeof(*k));
	*k = (struct kprobe_point){ .symbol = NULL, .offset = addr, .retprobe = retprobe };
	unsigned long long off;
	const struct kernel_symbol *sym = kernel_symbol_at(addr, &off);
	ap->data = k;
	ap->func = sym ? sym->name : NULL;
	attach_list_push(out, ap);
}

static const char *spec_text(const struct kprobe_spec *s)
{
	return s->module ? arena_printf("%s:%s", s->module, s->func) : s->func;
}

static int expand(const struct provider *pr, bool retprobe, bool listing, const char *text, struct loc loc,
		  struct attach_list *out)
{
	struct kprobe_spec s;
	if (parse_spec(pr, retprobe, text, loc, &s))
		return -1;
	if (s.is_address) {
		if (!listing)
			add_address_point(pr, retprobe, loc, s.address, out);
		return 0;
	}
	int rc;
	const struct kernel_functions *t = kernel_functions_for(s.module, listing, loc, &rc);
	if (!t)
		return rc;
	struct expansion x = { pr, retprobe, loc, &s, out };
	if (!provider_has_wildcard(s.func)) {
		const struct kernel_function *pick = kernel_function_find(t, s.func, s.module);
		if (pick) {
			add_point(&x, pick);
			return 0;
		}
		if (listing)
			return 0;
		bool left_out = kernel_function_left_out(s.func);
		if (!t->from_kallsyms && !left_out) /* as bpftrace warns */
			diag_warning(loc, "%s is not traceable (either non-existing, inlined, or marked as \"notrace\"); "
					  "attaching to it will likely fail", s.func);
		if (provider_unsafe() && !left_out) { /* as bpftrace: tried, the kernel decides */
			struct kernel_function *f = arena_alloc(sizeof(*f));
			*f = (struct kernel_function){ s.func, s.module ? s.module : "vmlinux" };
			add_point(&x, f);
			return 0;
		}
		return provider_missing(loc, "%s", kernel_function_absent(t, s.func, spec_text(&s)));
	}
	const struct kernel_function **found;
	int n = kernel_functions_matching(t, s.func, s.module, &found);
	for (int i = 0; i < n; i++)
		add_point(&x, found[i]);
	if (!n && !listing)
		return provider_unmatched("no kernel functions match %s:%s", pr->name, spec_text(&s));
	return 0;
}

static int kprobe_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_kprobe, false, false, spec, loc, out);
}

static int kretprobe_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_kretprobe, true, false, spec, loc, out);
}

static const struct probe_field *kprobe_context_name(const struct attach_point *ap, const char *name)
{
	(void)ap;
	return register_arg(name);
}

static const struct probe_field *kretprobe_context_name(const struct attach_point *ap, const char *name)
{
	(void)ap;
	return register_retval(name);
}

/* ---- attach ---- */

#ifndef LANTERN_FRONT_END_ONLY
/* A perf kprobe: what every kernel with kprobes has. */
static int kprobe_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			 struct link_list *links)
{
	const struct kprobe_point *k = ap->data;
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .bpf_cookie = cookie, .offset = (size_t)k->offset,
		    .retprobe = k->retprobe);
	struct bpf_link *link = bpf_program__attach_kprobe_opts(prog, k->symbol, &opts);
	if (!link)
		return -errno;
	return link_list_push(links, link);
}

/* Asked once: a program of the multi attach type loads, and a link to a
 * function that does not exist is refused as not found (ESRCH or
 * ENOENT, by version), not as an attach type unknown (EINVAL) or a
 * kernel built without fprobes (EOPNOTSUPP). */
static bool kprobe_multi_supported(void)
{
	static int supported = -1;
	if (supported >= 0)
		return supported;
	supported = 0;
	if (provider_feature_disabled("kprobe_multi"))
		return false;
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, load_opts, .expected_attach_type = BPF_TRACE_KPROBE_MULTI);
	int prog = bpf_prog_load(BPF_PROG_TYPE_KPROBE, NULL, "GPL", insns, 2, &load_opts);
	if (prog < 0)
		return false;
	const char *syms[] = { "lantern_no_such_kernel_function" };
	LIBBPF_OPTS(bpf_link_create_opts, opts, .kprobe_multi.syms = syms, .kprobe_multi.cnt = 1);
	int link = bpf_link_create(prog, 0, BPF_TRACE_KPROBE_MULTI, &opts);
	supported = link == -ESRCH || link == -ENOENT;
	if (link >= 0)
		close(link);
	close(prog);
	return supported;
}

/* One link for all, when the kernel has it and it can name them all. */
static void kprobe_prepare(struct bpf_program *prog, const struct attach_point *const *aps, int n)
{
	for (int i = 0; i < n; i++)
		if (!((const struct kprobe_point *)aps[i]->data)->multi)
			return;
	if (kprobe_multi_supported())
		bpf_program__set_expected_attach_type(prog, BPF_TRACE_KPROBE_MULTI);
}

/* Functions [first, first + n) in one link; when the kernel refuses it,
 * halves, down to the functions it refuses alone. */
static int attach_range(struct bpf_program *prog, const char **syms, const unsigned long long *cookies, int first,
			int n, bool retprobe, struct link_list *links, int *errors)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, opts, .syms = syms + first, .cookies = cookies + first, .cnt = (size_t)n,
		    .retprobe = retprobe);
	struct bpf_link *link = bpf_program__attach_kprobe_multi_opts(prog, NULL, &opts);
	if (link)
		return link_list_push(links, link);
	int err = -errno;
	if (err == -ENOMEM || n == 1) {
		for (int i = first; i < first + n; i++)
			errors[i] = err;
		return 0;
	}
	int half = n / 2;
	err = attach_range(prog, syms, cookies, first, half, retprobe, links, errors);
	return err ? err : attach_range(prog, syms, cookies, first + half, n - half, retprobe, links, errors);
}

static int kprobe_attach_many(const struct attach_point *const *aps, const unsigned long long *cookies, int n,
			      struct bpf_program *prog, struct link_list *links, int *errors)
{
	if (bpf_program__expected_attach_type(prog) != BPF_TRACE_KPROBE_MULTI) {
		for (int i = 0; i < n; i++)
			errors[i] = kprobe_attach(aps[i], prog, cookies[i], links);
		return 0;
	}
	const char **syms = arena_alloc(sizeof(*syms) * (size_t)n);
	for (int i = 0; i < n; i++) {
		syms[i] = ((const struct kprobe_point *)aps[i]->data)->symbol;
		errors[i] = 0;
	}
	bool retprobe = ((const struct kprobe_point *)aps[0]->data)->retprobe;
	return attach_range(prog, syms, cookies, 0, n, retprobe, links, errors);
}
#endif

/* ---- -l ---- */

/* [module:]function patterns, and the whole of `-l '*'`: the names,
 * sorted. Errors are reported unlocated. */
static int list(const struct provider *pr, bool retprobe, const char *pattern,
		void (*emit)(void *ctx, const char *name), void *ctx)
{
	struct attach_list points = { 0 };
	if (expand(pr, retprobe, true, *pattern ? pattern : "*", (struct loc){ 0 }, &points))
		return -1;
	for (int i = 0; i < points.n; i++)
		emit(ctx, points.items[i]->name);
	return 0;
}

static int kprobe_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_kprobe, false, pattern, emit, ctx);
}

static int kretprobe_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_kretprobe, true, pattern, emit, ctx);
}

const struct provider provider_kprobe = {
	.name = "kprobe",
	.alias = "k",
	.section = "kprobe",
	.attach_cookie = true,
	.share_programs = true,
	.pid_filter = true,
	.attach_reversed = true,
	.regs = true,
	.expand = kprobe_expand,
	.context_name = kprobe_context_name,
	.attach = BACKEND(kprobe_attach),
	.prepare = BACKEND(kprobe_prepare),
	.attach_many = BACKEND(kprobe_attach_many),
	.list = kprobe_list,
};

const struct provider provider_kretprobe = {
	.name = "kretprobe",
	.alias = "kr",
	.section = "kretprobe",
	.attach_cookie = true,
	.share_programs = true,
	.pid_filter = true,
	.regs = true,
	.expand = kretprobe_expand,
	.context_name = kretprobe_context_name,
	.attach = BACKEND(kprobe_attach),
	.prepare = BACKEND(kprobe_prepare),
	.attach_many = BACKEND(kprobe_attach_many),
	.list = kretprobe_list,
	.list_when_named = true,
};
