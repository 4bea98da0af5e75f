/* usdt:<binary>:<provider>:<name> (alias U:): a probe a program's
 * authors put in its code with sys/sdt.h, which leaves a note in the ELF
 * file for each place the probe is at (usdt_notes.c). The provider may be
 * left out (usdt:<binary>:<name>) when one provider has that name; the
 * binary is a path, a program in $PATH, a library by name, `*` for every
 * file the -p process (or every process) maps, or left out (usdt:name,
 * usdt::provider:name) with -p or -c for that process's files. Wildcards
 * in the provider and name match the notes'. Each place is an attach
 * point of its own, as bpftrace counts them: its arguments can be in
 * other registers than another place's (an inlined probe), so argN is
 * resolved for the place, here, when compiling, from the note's specs
 * (arch_usdt_arg_parse): a register, a constant or a read of user
 * memory (a variable's too: at its distance from the place, from the
 * program counter), with the size and sign the spec gives. Attaching is uprobes'
 * (uprobe_attach.c); a probe's semaphore is the uprobe's reference
 * counter, so the kernel keeps it raised in each process while attached. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/spelling.h"
#include "arch.h"
#include "binary_path.h"
#include "elf_symbols.h"
#include "provider.h"
#include "target.h"
#include "uprobe_attach.h"
#include "usdt_notes.h"

/* Arguments a probe may have (sys/sdt.h writes 12 at most; bpftrace reads
 * up to arg254). */
#define MAX_ARGS 255

struct usdt_point {
	struct uprobe_point at; /* first: uprobe_attach.c reads it */
	const struct usdt_note *note;
	int nargs;
	struct usdt_arg *args;
	const char **arg_why; /* why an argument cannot be read, or NULL */
};

/* usdt:... as written, quotes taken off. */
struct usdt_spec {
	const char *target;   /* NULL: left out (the -p or -c process's files) */
	const char *provider; /* "": any, but only one may have the name */
	const char *name;
	bool wildcard; /* in any part */
};

/* Splits at ':' outside double quotes; quotes are dropped, and \x in
 * quotes is x (a probe's name may hold ':'). Returns the number of
 * parts, or -1 when more than max or a quote is left open. */
static int split(const char *spec, char **parts, int max)
{
	char *buf = arena_alloc(strlen(spec) + 1);
	int at = 0, n = 1;
	bool quoted = false;
	parts[0] = buf;
	for (const char *c = spec; *c; c++) {
		if (*c == '"') {
			quoted = !quoted;
		} else if (quoted && *c == '\\' && c[1]) {
			buf[at++] = *++c;
		} else if (*c == ':' && !quoted) {
			if (n == max)
				return -1;
			buf[at++] = 0;
			parts[n++] = buf + at;
		} else {
			buf[at++] = *c;
		}
	}
	buf[at] = 0;
	return quoted ? -1 : n;
}

static int parse_spec(const char *spec, struct loc loc, struct usdt_spec *s)
{
	char *p[3];
	int n = split(spec, p, 3);
	const struct target *t = target_get();
	*s = (struct usdt_spec){ 0 };
	if (n < 0 || !*p[n - 1]) {
		diag_error(loc, "a usdt probe is written usdt:<binary>:<provider>:<name> or usdt:<binary>:<name>");
		return -1;
	}
	if (n == 1 && !t->pid && !t->is_command) {
		diag_error(loc, "usdt:<name> without a binary needs -p or -c: write usdt:<binary>:<name>, or "
				"usdt:*:<name> for every process's files");
		return -1;
	}
	s->target = n > 1 && *p[0] ? p[0] : NULL;
	s->provider = n == 3 ? p[1] : "";
	s->name = p[n - 1];
	if (n > 1 && !s->target && !t->pid && !t->is_command) {
		diag_error(loc, "the binary of this usdt probe is missing: name one, or '*' for every process's "
				"files, or give -p or -c");
		return -1;
	}
	s->wildcard = provider_has_wildcard(s->target) || provider_has_wildcard(s->provider) || provider_has_wildcard(s->name);
	return 0;
}

/* The files the spec names, with *several set when it may name more
 * than one (none of which need have the probe). Reports errors. */
static int binaries(const struct usdt_spec *s, struct loc loc, const char ***out, bool *several)
{
	const struct target *t = target_get();
	/* a -c command has not run its program yet: look from here */
	int pid = t->is_command ? 0 : t->pid;
	*several = false;
	if (!s->target && t->is_command) {
		*out = arena_alloc(sizeof(**out));
		(*out)[0] = t->exe;
		return 1;
	}
	/* none with -p: the process's files */
	return binary_path_targets("usdt", s->target ? s->target : "*", pid, loc, out, several);
}

/* ---- expansion ---- */

struct expansion {
	const struct usdt_spec *spec;
	bool listing; /* -l: what exists is listed, nothing is refused */
	struct loc loc;
	struct attach_list *out;
	int probes;        /* distinct probes matched */
	const char *names; /* theirs, for the message when several are */
};

static bool matches(const struct usdt_spec *s, const struct usdt_note *note)
{
	return !fnmatch(*s->provider ? s->provider : "*", note->provider, 0) && !fnmatch(s->name, note->name, 0);
}

/* The function holding the probe's place, for `func`; NULL if none. */
static const char *function_at(const struct elf_file *f, unsigned long long pc)
{
	const struct elf_symbol *sym = elf_symbol_at(f, pc);
	return sym ? sym->name : NULL;
}

/* A variable's argument: at its address, which is as far from the
 * probe's place in the process as in the file, and the program counter
 * is at the place when the probe fires. */
static const char *place_variable(const struct elf_file *f, const struct usdt_note *note, struct usdt_arg *a)
{
	const struct elf_symbol *sym = elf_object_or_function(f, a->symbol);
	if (!sym)
		return arena_printf("the variable %s is not in the file's symbol tables", a->symbol);
	a->value += (long long)(sym->addr - note->pc);
	return NULL;
}

static void read_args(struct usdt_point *u, const struct elf_file *f)
{
	int n = 0;
	for (const char *c = u->note->args; *c; c++)
		n += !isspace((unsigned char)*c) && (c == u->note->args || isspace((unsigned char)c[-1]));
	u->args = arena_alloc(sizeof(*u->args) * (size_t)(n ? n : 1));
	u->arg_why = arena_alloc(sizeof(*u->arg_why) * (size_t)(n ? n : 1));
	char *specs = arena_strdup(u->note->args), *save = NULL;
	for (char *spec = strtok_r(specs, " \t", &save); spec && u->nargs < MAX_ARGS;
	     spec = strtok_r(NULL, " \t", &save)) {
		const char *why = NULL;
		struct usdt_arg *a = &u->args[u->nargs];
		if (arch_usdt_arg_parse(spec, a, &why) || (a->symbol && (why = place_variable(f, u->note, a))))
			u->arg_why[u->nargs] = arena_printf("'%s': %s", spec, why);
		u->nargs++;
	}
}

static int add_place(struct expansion *x, const struct elf_file *f, const char *path, const struct usdt_note *note)
{
	const char *name = arena_printf("usdt:%s:%s:%s", path, note->provider, note->name);
	if (!x->listing && note->offset < 0) {
		diag_error(x->loc, "%s is at 0x%llx, which no segment of the file loads", name, note->pc);
		return -1;
	}
	if (!x->listing && note->semaphore && note->semaphore_offset < 0) {
		diag_error(x->loc, "the semaphore of %s (0x%llx) is in no segment loaded from the file", name,
			   note->semaphore);
		return -1;
	}
	struct attach_point *ap = attach_point_new(&provider_usdt, name, x->loc);
	struct usdt_point *u = arena_alloc(sizeof(*u));
	u->at.path = path;
	u->at.usdt = true;
	u->at.offset = (unsigned long long)note->offset;
	u->at.ref_ctr_offset = note->semaphore ? (unsigned long long)note->semaphore_offset : 0;
	u->note = note;
	if (!x->listing) /* -l shows names only */
		read_args(u, f);
	ap->data = u;
	ap->func = function_at(f, note->pc);
	attach_list_push(x->out, ap);
	return 0;
}

/* " (did you mean x or y?)" among the file's probes, as provider:name
 * when a provider was written. */
static const char *nearest_probes(const struct usdt_notes *notes, const struct usdt_spec *s)
{
	struct nearest nr;
	bool with_provider = *s->provider;
	nearest_begin(&nr, with_provider ? arena_printf("%s:%s", s->provider, s->name) : s->name);
	for (int i = 0; i < notes->n; i++) {
		const struct usdt_note *note = &notes->notes[i];
		nearest_offer(&nr, with_provider ? arena_printf("%s:%s", note->provider, note->name) : note->name);
	}
	return nearest_hint(&nr);
}

static int expand_in_file(struct expansion *x, const char *path, bool one_of_many)
{
	const char *why;
	const struct elf_file *f = elf_file_get(path, &why);
	const struct usdt_notes *notes = f ? usdt_notes_get(f, &why) : NULL;
	if (!notes) {
		if (one_of_many)
			return 0;
		diag_error(x->loc, "cannot read the USDT probes of %s: %s", path, why);
		return -1;
	}
	int before = x->out->n;
	for (int i = 0; i < notes->n; i++) {
		const struct usdt_note *note = &notes->notes[i];
		if (!matches(x->spec, note))
			continue;
		/* places of one probe are next to each other */
		if (i == 0 || strcmp(note->provider, notes->notes[i - 1].provider) ||
		    strcmp(note->name, notes->notes[i - 1].name) || !matches(x->spec, &notes->notes[i - 1])) {
			/* the file too when there may be several */
			const char *name = one_of_many ? arena_printf("%s:%s:%s", path, note->provider, note->name)
						       : arena_printf("%s:%s", note->provider, note->name);
			x->names = x->probes++ ? arena_printf("%s, %s", x->names, name) : name;
		}
		if (add_place(x, f, path, note))
			return -1;
	}
	if (x->out->n == before && !x->spec->wildcard && !one_of_many && !x->listing)
		return provider_missing(x->loc, "no USDT probe '%s%s%s' in %s%s", x->spec->provider,
					*x->spec->provider ? ":" : "", x->spec->name, path, nearest_probes(notes, x->spec));
	return 0;
}

static int expand(bool listing, const char *spec, struct loc loc, struct attach_list *out)
{
	struct usdt_spec s;
	if (parse_spec(spec, loc, &s))
		return -1;
	const char **paths;
	bool several;
	int n = binaries(&s, loc, &paths, &several);
	if (n < 0)
		return -1;
	struct expansion x = { &s, listing, loc, out, 0, "" };
	int before = out->n;
	for (int i = 0; i < n; i++)
		if (expand_in_file(&x, paths[i], several))
			return -1;
	if (listing)
		return 0;
	if (x.probes > 1 && !*s.provider && !s.wildcard) {
		/* as bpftrace: the provider was left out for being the only one */
		diag_error(loc, "namespace for usdt:%s:%s not specified, matched %d probes (%s): name the provider, "
				"or write '*' to attach to all of them",
			   s.target ? s.target : "", s.name, x.probes, x.names);
		return -1;
	}
	if (out->n == before && (s.wildcard || several))
		return provider_unmatched("no USDT probes match %s:%s%s%s", s.target ? s.target : "(the process)",
					  s.provider, *s.provider ? ":" : "", s.name);
	return 0;
}

static int usdt_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return expand(false, spec, loc, out);
}

/* ---- context: argN from the place's note ---- */

static const struct probe_field *arg_field(const struct attach_point *ap, const char *name, int n)
{
	const struct usdt_point *u = ap->data;
	struct probe_field *f = arena_alloc(sizeof(*f));
	*f = (struct probe_field){ .name = name };
	if (n >= u->nargs) {
		f->unsupported = true;
		f->why = u->nargs == 1 ? arena_printf("%s has 1 argument (arg0): there is no %s", ap->name, name)
			 : u->nargs    ? arena_printf("%s has %d arguments (arg0 to arg%d): there is no %s", ap->name,
						      u->nargs, u->nargs - 1, name)
				       : arena_printf("%s has no arguments", ap->name);
		return f;
	}
	if (u->arg_why[n]) {
		f->unsupported = true;
		f->why = arena_printf("%s of %s cannot be read: its spec %s", name, ap->name, u->arg_why[n]);
		return f;
	}
	const struct usdt_arg *a = &u->args[n];
	f->size = a->size;
	f->type = type_int(a->is_signed);
	switch (a->kind) {
	case USDT_ARG_CONST:
		f->access = CTX_CONST;
		f->value = a->value;
		break;
	case USDT_ARG_REG:
		f->access = CTX_INT;
		f->offset = a->reg;
		break;
	case USDT_ARG_MEMORY:
		f->access = CTX_USER_MEMORY;
		f->offset = a->reg;
		f->value = a->value;
		f->index = a->index;
		f->scale = a->scale;
		break;
	}
	return f;
}

/* arg0..arg254; ap NULL: whether usdt probes have name at all. */
static const struct probe_field *usdt_context_name(const struct attach_point *ap, const char *name)
{
	const char *digits = name + 3;
	if (strncmp(name, "arg", 3) || !*digits || strspn(digits, "0123456789") != strlen(digits) ||
	    (digits[0] == '0' && digits[1]) || strlen(digits) > 3 || atoi(digits) >= MAX_ARGS)
		return NULL;
	static const struct probe_field some = { .name = "arg" };
	return ap ? arg_field(ap, name, atoi(digits)) : &some;
}

static const char *usdt_binary(const struct attach_point *ap)
{
	return ((const struct usdt_point *)ap->data)->at.path;
}

/* ---- -l ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each probe once (not each place), sorted. usdt:PATH is every probe of
 * the file; a pattern without a binary (`-l -p PID`, `-l 'usdt:*'`) the
 * process's files, or with neither -p nor -c, nothing (not every file of
 * every process). */
static int usdt_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	const struct target *t = target_get();
	if (!strchr(pattern, ':')) {
		if (strchr(pattern, '/')) /* usdt:PATH: every probe of the file */
			pattern = arena_printf("%s:*:*", pattern);
		else if (t->pid || t->is_command)
			pattern = arena_printf(":*:%s", *pattern ? pattern : "*");
		else
			return 0;
	}
	struct attach_list points = { 0 };
	if (expand(true, pattern, (struct loc){ 0 }, &points))
		return -1;
	const char **names = arena_alloc(sizeof(*names) * (size_t)(points.n ? points.n : 1));
	for (int i = 0; i < points.n; i++)
		names[i] = points.items[i]->name;
	if (points.n)
		qsort(names, (size_t)points.n, sizeof(*names), by_name);
	for (int i = 0; i < points.n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			emit(ctx, names[i]);
	return 0;
}

const struct provider provider_usdt = {
	.name = "usdt",
	.alias = "U",
	.section = "uprobe",
	.attach_cookie = true,
	.share_programs = true,
	.pointer_space = AS_USER,
	.attach_reversed = true,
	.regs = true,
	.binary = usdt_binary,
	.expand = usdt_expand,
	.context_name = usdt_context_name,
	.attach = BACKEND(uprobe_attach),
	.prepare = BACKEND(uprobe_prepare),
	.attach_many = BACKEND(uprobe_attach_many),
	.list = usdt_list,
};
