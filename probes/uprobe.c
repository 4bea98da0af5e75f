/* uprobe:<binary>:<function> and uretprobe:<binary>:<function> (aliases
 * u:, ur:): a breakpoint the kernel puts in a program's code, at a
 * function's entry (or function+offset, or an address) or on its return.
 * The binary is a path, a program in $PATH, a library by name (libc), `*`
 * for every file the -p process (or every process) maps, or left out
 * with -p or -c for that process's program. Wildcards in the function
 * match the ELF's function symbols; everything is resolved here, at
 * compile time, to a file offset, so attaching only hands the kernel
 * (path, offset): one uprobe_multi link per binary where the kernel has
 * it, else a perf event each. The program gets struct pt_regs: argN,
 * retval and reg() come from the architecture's registers (arch.h). One
 * program serves all the attach points of a probe: `probe` and `func`
 * come from the attach cookie. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/spelling.h"
#include "arch.h"
#include "binary_path.h"
#include "dwarf.h"
#include "dwarf_args.h"
#include "elf_symbols.h"
#include "provider.h"
#include "registers.h"
#include "target.h"
#include "uprobe_attach.h"

/* binary:function as written, quotes taken off. */
struct uprobe_spec {
	const char *target; /* NULL: left out (the -p or -c process's program) */
	const char *func;   /* NULL with an address or a source line */
	bool wildcard;      /* in func */
	bool cpp;           /* func is a C++ name, demangled, without its parameters */
	bool has_address;
	unsigned long long address, func_offset;
	/* binary@file:line[:column]: a source line, found in the DWARF */
	const char *source;
	int line, column;
};

/* An attach point's data: where it is, then what its args are (read
 * from the DWARF when the script uses them). */
struct uprobe_data {
	struct uprobe_point point; /* first: uprobe_attach.c's */
	bool at_entry;             /* at the function's first instruction */
	unsigned long long func_addr; /* its symbol's address */
	const struct dwarf_args *args;
};

/* A whole number as bpftrace reads one: decimal, 0x hex, 0 octal. */
static bool parse_number(const char *s, unsigned long long *out)
{
	if (!isdigit((unsigned char)s[0]))
		return false;
	char *end;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !*end && !errno;
}

#define MAX_PARTS 4

struct parts {
	char *text[MAX_PARTS];
	int plus[MAX_PARTS]; /* where the last '+' outside quotes is, or -1 */
	int pluses[MAX_PARTS];
	int n;
};

/* Splits at ':' outside double quotes; quotes are dropped, and \x in
 * quotes is x (a C++ name may hold ':' or '+'). Returns -1 if there are
 * too many parts or a quote is left open. */
static int split(const char *spec, struct parts *p)
{
	size_t len = strlen(spec);
	char *buf = arena_alloc(len + 1);
	int at = 0;
	bool quoted = false;
	*p = (struct parts){ .n = 1 };
	p->text[0] = buf;
	p->plus[0] = -1;
	for (size_t i = 0; i < len; i++) {
		char c = spec[i];
		int k = p->n - 1;
		if (c == '"') {
			quoted = !quoted;
		} else if (quoted && c == '\\' && i + 1 < len) {
			buf[at++] = spec[++i];
		} else if (c == ':' && !quoted) {
			if (p->n == MAX_PARTS)
				return -1;
			buf[at++] = 0;
			p->text[p->n] = buf + at;
			p->plus[p->n++] = -1;
		} else {
			if (c == '+' && !quoted) {
				p->plus[k] = (int)(buf + at - p->text[k]);
				p->pluses[k]++;
			}
			buf[at++] = c;
		}
	}
	buf[at] = 0;
	return quoted ? -1 : 0;
}

/* binary@file:line[:column] */
static int parse_source_line(const struct provider *pr, bool retprobe, const struct parts *p, struct loc loc,
			     struct uprobe_spec *s)
{
	char *at = strrchr(p->text[0], '@');
	unsigned long long line, column = 0;
	if (!parse_number(p->text[1], &line) || !line || line > 1u << 30 || at == p->text[0] || !at[1] ||
	    (p->n == 3 && (!parse_number(p->text[2], &column) || column > 1u << 30))) {
		diag_error(loc, "a source line is written %s:<binary>@<file>:<line>[:<column>]", pr->name);
		return -1;
	}
	if (retprobe) {
		diag_error(loc, "a uretprobe cannot be at a source line: it fires on return");
		return -1;
	}
	*at = 0;
	s->target = p->text[0];
	s->source = at + 1;
	s->line = (int)line;
	s->column = (int)column;
	if (provider_has_wildcard(s->target)) {
		diag_error(loc, "a source line is in one binary: the binary cannot have wildcards");
		return -1;
	}
	return 0;
}

/* BIN:cpp:ns::f, or BIN:ns::f (a C++ name, as its "::" says): the
 * function matched against the binary's demangled names */
static bool parse_cpp(const char *spec, struct uprobe_spec *s)
{
	const char *colon = strchr(spec, ':');
	if (!colon || strchr(spec, '"'))
		return false;
	const char *func = colon + 1;
	if (!strncmp(func, "cpp:", 4))
		func += 4;
	else if (!strstr(func, "::"))
		return false;
	if (!*func || colon == spec)
		return false;
	s->target = arena_strndup(spec, (size_t)(colon - spec));
	s->func = func;
	s->cpp = true;
	s->wildcard = provider_has_wildcard(func);
	return true;
}

static int parse_spec(const struct provider *pr, bool retprobe, const char *spec, struct loc loc,
		      struct uprobe_spec *s)
{
	struct parts p;
	*s = (struct uprobe_spec){ 0 };
	if (!strchr(spec, '@') && parse_cpp(spec, s))
		return 0;
	if (split(spec, &p) || p.n > 3 || !*p.text[p.n - 1]) {
		diag_error(loc, "a %s is written %s:<binary>:<function>", pr->name, pr->name);
		return -1;
	}
	if (p.n >= 2 && strchr(p.text[0], '@'))
		return parse_source_line(pr, retprobe, &p, loc, s);
	if (p.n == 3) {
		diag_error(loc, "%s:<binary>:<language>:<function> knows the language cpp, not '%s'", pr->name,
			   p.text[1]);
		return -1;
	}
	if (p.n == 2 && !*p.text[0]) {
		diag_error(loc, "the binary of %s:<binary>:<function> is missing", pr->name);
		return -1;
	}
	s->target = p.n == 2 ? p.text[0] : NULL;
	int last = p.n - 1;
	char *func = p.text[last];
	if (p.pluses[last] > 1) {
		diag_error(loc, "a %s takes one offset (function+offset), not %d", pr->name, p.pluses[last]);
		return -1;
	}
	if (p.pluses[last] == 1) {
		func[p.plus[last]] = 0;
		if (!parse_number(func + p.plus[last] + 1, &s->func_offset) || !*func) {
			diag_error(loc, "'%s' is not an offset: a %s is written %s:<binary>:<function>+<offset>",
				   func + p.plus[last] + 1, pr->name, pr->name);
			return -1;
		}
		if (retprobe) {
			diag_error(loc, "a uretprobe cannot be at an offset into a function: it fires on return");
			return -1;
		}
	} else if (parse_number(func, &s->address)) {
		s->has_address = true;
		if (s->target && provider_has_wildcard(s->target)) {
			diag_error(loc, "an address is in one binary: the binary cannot have wildcards");
			return -1;
		}
		return 0;
	}
	s->func = func;
	s->wildcard = provider_has_wildcard(func);
	return 0;
}

/* The binaries the spec names, with *wildcard_target set when it may
 * name several. Reports errors. */
static int binaries(const struct provider *pr, const struct uprobe_spec *s, struct loc loc, const char ***out,
		    bool *wildcard_target)
{
	const struct target *t = target_get();
	/* a -c command has not run its program yet: look from here */
	int pid = t->is_command ? 0 : t->pid;
	*wildcard_target = false;
	if (!s->target) {
		const char *exe = t->is_command ? t->exe : pid ? binary_path_of_pid(pid) : NULL;
		if (!exe && pid)
			diag_error(loc, "cannot find the program of process %d", pid);
		else if (!exe)
			diag_error(loc, "a %s without a binary (%s:<function>) needs -p or -c", pr->name, pr->name);
		if (!exe)
			return -1;
		*out = arena_alloc(sizeof(**out));
		(*out)[0] = exe;
		return 1;
	}
	return binary_path_targets(pr->name, s->target, pid, loc, out, wildcard_target);
}

/* ---- nearest names, for a function that is not there ---- */

/* " (did you mean x or y?)", or "" when nothing is near. */
static const char *nearest_names(const struct elf_file *f, const char *name)
{
	struct nearest nr;
	nearest_begin(&nr, name);
	for (int i = 0; i < f->nsymbols; i++)
		nearest_offer(&nr, f->symbols[i].name);
	return nearest_hint(&nr);
}

/* ---- expansion ---- */

struct expansion {
	const struct provider *provider;
	bool retprobe;
	bool listing; /* -l: what exists is listed, nothing is refused */
	struct loc loc;
	struct attach_list *out;
};

/* Whether func_offset of sym starts an instruction: decoded from the
 * function's first byte on. 0, or -1 after an error. */
static int check_boundary(struct expansion *x, const struct elf_file *f, const char *path,
			  const struct elf_symbol *sym, unsigned long long func_offset)
{
	long long start = elf_address_to_offset(f->segments, f->nsegments, sym->addr);
	unsigned long long want = func_offset + 15 < sym->size ? func_offset + 15 : sym->size;
	unsigned char *code = arena_alloc(want);
	int fd = start < 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got = fd < 0 ? -1 : pread(fd, code, want, start);
	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)want) {
		diag_error(x->loc, "cannot read the code of %s in %s", sym->name, path);
		return -1;
	}
	unsigned long long at = 0;
	int len = 0;
	while (at < func_offset) {
		len = arch_instruction_length(code + at, (int)(want - at < 15 ? want - at : 15));
		if (len < 0) {
			diag_error(x->loc, "cannot tell whether %s+%llu starts an instruction (lantern does not decode "
					   "the one at %s+%llu): a breakpoint inside one would corrupt the process",
				   sym->name, func_offset, sym->name, at);
			return -1;
		}
		at += (unsigned long long)len;
	}
	if (at == func_offset)
		return 0;
	diag_error(x->loc, "%s+%llu is inside an instruction (the %d bytes at %s+%llu): a breakpoint there would "
			   "corrupt the process",
		   sym->name, func_offset, len, sym->name, at - (unsigned long long)len);
	return -1;
}

/* The attach point at sym + func_offset of f (found as path), or an
 * error (-1) or a skip (0, nothing added) when that place cannot be
 * probed safely. */
static int add_point_named(struct expansion *x, const struct elf_file *f, const char *path,
			   const struct elf_symbol *sym, unsigned long long func_offset, bool from_wildcard,
			   const char *name)
{
	if (x->listing) {
		/* listed as it is, whatever attaching it would say */
	} else if (sym->size == 0 && func_offset == 0 && !provider_unsafe()) {
		/* as bpftrace: without a size the end of the function is not known */
		if (from_wildcard)
			return 0;
		diag_error(x->loc, "Could not determine boundary for %s (symbol has size 0).\nUse --unsafe to force "
				   "attachment. WARNING: This option could lead to data corruption in the target process.",
			   sym->name);
		return -1;
	} else if (func_offset >= sym->size && (sym->size || func_offset)) { /* (size 0 at its start: --unsafe) */
		if (from_wildcard)
			return 0;
		diag_error(x->loc, "offset %llu is outside %s, which is %llu bytes", func_offset, sym->name, sym->size);
		return -1;
	}
	/* a source line's place starts an instruction: the line table says so */
	if (!x->listing && func_offset && !name && check_boundary(x, f, path, sym, func_offset))
		return -1;
	long long offset = elf_address_to_offset(f->segments, f->nsegments, sym->addr + func_offset);
	if (offset < 0) {
		diag_error(x->loc, "%s of %s is in no segment loaded from the file", sym->name, path);
		return -1;
	}
	if (!name)
		name = func_offset ? arena_printf("%s:%s:%s+%llu", x->provider->name, path, sym->name, func_offset)
				   : arena_printf("%s:%s:%s", x->provider->name, path, sym->name);
	struct attach_point *ap = attach_point_new(x->provider, name, x->loc);
	struct uprobe_data *u = arena_alloc(sizeof(*u));
	u->point.path = path;
	u->point.offset = (unsigned long long)offset;
	u->point.retprobe = x->retprobe;
	u->at_entry = func_offset == 0;
	u->func_addr = sym->addr;
	ap->data = u;
	ap->func = sym->name;
	attach_list_push(x->out, ap);
	return 0;
}

static int add_point(struct expansion *x, const struct elf_file *f, const char *path, const struct elf_symbol *sym,
		     unsigned long long func_offset, bool from_wildcard)
{
	return add_point_named(x, f, path, sym, func_offset, from_wildcard, NULL);
}

/* binary@file:line: the line table's address for it, in its function. */
static int add_source_line(struct expansion *x, const struct uprobe_spec *s, const struct elf_file *f,
			   const char *path)
{
	const char *why;
	struct dwarf_file *d = dwarf_file_get(path, &why);
	unsigned long long addr;
	if (!d || dwarf_line_address(d, s->source, s->line, s->column, &addr, &why)) {
		diag_error(x->loc, "cannot find source line %s:%d in %s: %s", s->source, s->line, path, why);
		return -1;
	}
	const struct elf_symbol *sym = elf_symbol_at(f, addr);
	if (!sym) {
		diag_error(x->loc, "source line %s:%d is at 0x%llx, which no function of %s holds", s->source, s->line,
			   addr, path);
		return -1;
	}
	const char *name = s->column ? arena_printf("%s:%s@%s:%d:%d", x->provider->name, path, s->source, s->line,
						    s->column)
				     : arena_printf("%s:%s@%s:%d", x->provider->name, path, s->source, s->line);
	int rc = add_point_named(x, f, path, sym, addr - sym->addr, false, name);
	if (!rc && x->out->n)
		((struct uprobe_data *)x->out->items[x->out->n - 1]->data)->at_entry = false;
	return rc;
}

/* BIN:cpp:ns::f: each function whose demangled name, its parameters
 * left out, is ns::f (or matches it, a wildcard): overloads all */
static int expand_cpp(struct expansion *x, const struct uprobe_spec *s, const struct elf_file *f, const char *path,
		      bool one_of_many)
{
	int before = x->out->n;
	for (int i = 0; i < f->nsymbols; i++) {
		char *d = elf_demangle(f->symbols[i].name);
		if (!d)
			continue;
		d[strcspn(d, "(")] = 0;
		bool match = s->wildcard ? !fnmatch(s->func, d, 0) : !strcmp(s->func, d);
		const char *name = match ? arena_printf("%s:%s:cpp:%s", x->provider->name, path, d) : NULL;
		free(d);
		if (match && add_point_named(x, f, path, &f->symbols[i], 0, s->wildcard, name))
			return -1;
	}
	if (x->out->n == before && !s->wildcard && !x->listing && !one_of_many)
		return provider_missing(x->loc, "no C++ function '%s' in %s", s->func, path);
	return 0;
}

/* One of the binaries: with several (a wildcard binary), one without the
 * function is no error; the expansion's total decides. */
static int expand_in_file(struct expansion *x, const struct uprobe_spec *s, const char *path, bool one_of_many)
{
	const char *why;
	const struct elf_file *f = elf_file_get(path, &why);
	if (!f) {
		diag_error(x->loc, "cannot read the symbols of %s: %s", path, why);
		return -1;
	}
	if (s->source)
		return add_source_line(x, s, f, path);
	if (s->has_address) {
		const struct elf_symbol *sym = elf_symbol_at(f, s->address);
		if (!sym) {
			diag_error(x->loc, "Could not resolve address: %s:0x%llx", path, s->address); /* bpftrace's words */
			return -1;
		}
		if (x->retprobe && s->address != sym->addr) {
			diag_error(x->loc, "a uretprobe cannot be at an offset into a function: 0x%llx is %s+%llu",
				   s->address, sym->name, s->address - sym->addr);
			return -1;
		}
		return add_point(x, f, path, sym, s->address - sym->addr, false);
	}
	if (s->cpp)
		return expand_cpp(x, s, f, path, one_of_many);
	if (!s->wildcard) {
		const struct elf_symbol *sym = elf_symbol_named(f, s->func);
		if (!sym)
			return x->listing || one_of_many ? 0 : provider_missing(x->loc, "no function '%s' in %s%s", s->func, path,
								  nearest_names(f, s->func));
		return add_point(x, f, path, sym, s->func_offset, false);
	}
	for (int i = 0; i < f->nsymbols; i++)
		if (!fnmatch(s->func, f->symbols[i].name, 0) && add_point(x, f, path, &f->symbols[i], s->func_offset, true))
			return -1;
	return 0;
}

/* An address in a file that is not ELF (code mmap'd and run): with
 * --unsafe the address is the file's offset, as bpftrace takes it.
 * 1: the point is added; 0: the spec is not that; -1: reported. */
static int add_flat_point(struct expansion *x, const struct uprobe_spec *s)
{
	struct stat st;
	if (!s->has_address || !s->target || provider_has_wildcard(s->target) || stat(s->target, &st) ||
	    !S_ISREG(st.st_mode) || elf_file_type(s->target) >= 0)
		return 0;
	if (!provider_unsafe()) {
		diag_error(x->loc, "%s is not an ELF file: an address in it is taken as its offset only with --unsafe",
			   s->target);
		return -1;
	}
	char *path = realpath(s->target, NULL);
	struct attach_point *ap = attach_point_new(
		x->provider, arena_printf("%s:%s:0x%llx", x->provider->name, s->target, s->address), x->loc);
	struct uprobe_data *u = arena_alloc(sizeof(*u));
	u->point.path = arena_strdup(path ? path : s->target);
	u->point.offset = s->address;
	u->point.retprobe = x->retprobe;
	u->at_entry = true;
	ap->data = u;
	attach_list_push(x->out, ap);
	free(path);
	return 1;
}

static int expand(const struct provider *pr, bool retprobe, bool listing, const char *spec, struct loc loc,
		  struct attach_list *out)
{
	struct uprobe_spec s;
	if (parse_spec(pr, retprobe, spec, loc, &s))
		return -1;
	int flat = listing ? 0 : add_flat_point(&(struct expansion){ pr, retprobe, listing, loc, out }, &s);
	if (flat)
		return flat < 0 ? -1 : 0;
	const char **paths;
	bool wildcard_target;
	int n = binaries(pr, &s, loc, &paths, &wildcard_target);
	if (n < 0)
		return -1;
	struct expansion x = { pr, retprobe, listing, loc, out };
	int before = out->n;
	for (int i = 0; i < n; i++) {
		/* files a glob matched that are not what it meant (no symbols) are passed over */
		if (wildcard_target && !elf_file_get(paths[i], &(const char *){ NULL }))
			continue;
		if (expand_in_file(&x, &s, paths[i], wildcard_target))
			return -1;
	}
	if (out->n == before && (s.wildcard || wildcard_target) && !listing)
		return provider_unmatched("no functions match %s:%s", s.target ? s.target : paths[0], s.func);
	return 0;
}

static int uprobe_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_uprobe, false, false, spec, loc, out);
}

static int uretprobe_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(&provider_uretprobe, true, false, spec, loc, out);
}

/* ---- context: args from DWARF, registers ---- */

/* The args of ap's function, or a field that says why there are none. */
static const struct dwarf_args *args_of(const struct attach_point *ap, const struct probe_field **none)
{
	struct uprobe_data *u = ap->data;
	struct probe_field *why = arena_alloc(sizeof(*why));
	why->unsupported = true;
	*none = NULL;
	const struct dwarf_args *a = u->at_entry ? dwarf_args_get(&u->args, u->point.path, ap->func, u->func_addr) : NULL;
	if (!a)
		why->why = arena_printf("args are the function's arguments at its entry: %s is not at one", ap->name);
	else if (a->why)
		why->why = a->why;
	else
		return a;
	*none = why;
	return NULL;
}

static const struct probe_field *uprobe_field(const struct attach_point *ap, const char *name)
{
	const struct probe_field *none;
	const struct dwarf_args *a = args_of(ap, &none);
	for (int i = 0; a && i < a->nfields; i++)
		if (!strcmp(a->fields[i].name, name))
			return &a->fields[i];
	return none;
}

/* A type of the binary's DWARF, for casts; none without DWARF. */
static const struct type *uprobe_own_type(const struct attach_point *ap, const char *name)
{
	const char *why;
	struct dwarf_file *f = dwarf_file_get(((const struct uprobe_point *)ap->data)->path, &why);
	return f ? dwarf_named_type(f, name) : NULL;
}

static const struct probe_field *uprobe_whole_args(const struct attach_point *ap)
{
	const struct probe_field *none;
	const struct dwarf_args *a = args_of(ap, &none);
	return a ? a->whole : none;
}

static const struct probe_field *uprobe_context_name(const struct attach_point *ap, const char *name)
{
	(void)ap;
	return register_arg(name);
}

static const struct probe_field *uretprobe_context_name(const struct attach_point *ap, const char *name)
{
	(void)ap;
	return register_retval(name);
}

/* ---- -l ---- */

static void emit_point(struct attach_list *points, void (*emit)(void *ctx, const char *name), void *ctx)
{
	for (int i = 0; i < points->n; i++)
		emit(ctx, points->items[i]->name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct attach_point *const *)a)->name, (*(struct attach_point *const *)b)->name);
}

/* binary:function patterns list what they would attach to; anything
 * else (the text of `-l '*'`) lists nothing. Errors are reported unlocated. */
static int list(const struct provider *pr, bool retprobe, const char *pattern,
		void (*emit)(void *ctx, const char *name), void *ctx)
{
	bool no_binary = !strchr(pattern, ':');
	if (!*pattern || (no_binary && !target_get()->pid && !target_get()->is_command))
		return 0;
	struct attach_list points = { 0 };
	if (expand(pr, retprobe, true, pattern, (struct loc){ 0 }, &points))
		return -1;
	if (points.n)
		qsort(points.items, (size_t)points.n, sizeof(*points.items), by_name);
	emit_point(&points, emit, ctx);
	return 0;
}

static int uprobe_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_uprobe, false, pattern, emit, ctx);
}

static int uretprobe_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	return list(&provider_uretprobe, true, pattern, emit, ctx);
}

static const char *uprobe_binary(const struct attach_point *ap)
{
	return ((const struct uprobe_point *)ap->data)->path;
}

/* -lv: the function's parameters, from the DWARF (spec as -l wrote it:
 * the binary's path, then the function). */
static void uprobe_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct parts p;
	if (split(spec, &p) || p.n != 2 || p.plus[1] >= 0 || strchr(p.text[0], '@'))
		return;
	dwarf_args_describe(p.text[0], p.text[1], emit, ctx);
}

const struct provider provider_uprobe = {
	.name = "uprobe",
	.alias = "u",
	.section = "uprobe",
	.attach_cookie = true,
	.share_programs = true,
	.pointer_space = AS_USER,
	.attach_reversed = true,
	.regs = true,
	.binary = uprobe_binary,
	.expand = uprobe_expand,
	.field = uprobe_field,
	.whole_args = uprobe_whole_args,
	.context_name = uprobe_context_name,
	.own_type = uprobe_own_type,
	.attach = BACKEND(uprobe_attach),
	.prepare = BACKEND(uprobe_prepare),
	.attach_many = BACKEND(uprobe_attach_many),
	.list = uprobe_list,
	.describe = uprobe_describe,
};

const struct provider provider_uretprobe = {
	.name = "uretprobe",
	.alias = "ur",
	.section = "uretprobe",
	.attach_cookie = true,
	.share_programs = true,
	.pointer_space = AS_USER,
	.attach_reversed = true,
	.regs = true,
	.binary = uprobe_binary,
	.expand = uretprobe_expand,
	.context_name = uretprobe_context_name,
	.own_type = uprobe_own_type,
	.attach = BACKEND(uprobe_attach),
	.prepare = BACKEND(uprobe_prepare),
	.attach_many = BACKEND(uprobe_attach_many),
	.list = uretprobe_list,
};
