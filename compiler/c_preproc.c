/* The C definitions' preprocessor: #define (object-like and simple
 * function-like macros, without # and ##), #undef, #include, the
 * conditionals (#if, #ifdef, #ifndef, #elif, #else, #endif), #error,
 * #warning and #pragma once, then macro expansion of what is left.
 *
 * #include <x.h> and --include of a header found in no -I directory is
 * a system or kernel header: its types are looked up in the kernel's
 * BTF when the script names them, so it is accepted and not read.
 * TODO: kernel headers' own #defines (TASK_RUNNING) are not in BTF; a
 * hook for reading the kernel's headers (with their include paths and
 * the kernel's configuration macros) would go in include_missing(). */
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "c_internal.h"
#include "name_table.h"
#include "source.h"

#define MAX_INCLUDE_DEPTH 32
#define MAX_EXPANSION_DEPTH 200
/* #define A B B, #define B C C...: each level doubles what comes out */
#define MAX_EXPANDED_TOKENS (1 << 20)

struct active { /* macros being expanded: one is not expanded inside itself */
	const struct c_macro *m;
	const struct active *up;
	int depth;
};

static struct name_table once_files; /* #pragma once: their real paths */
static int include_depth;
static long expanded_tokens; /* made by macros, this compilation */

static bool is_active(const struct active *a, const struct c_macro *m)
{
	for (; a; a = a->up)
		if (a->m == m)
			return true;
	return false;
}

/* where a token of a macro's expansion says it is: at the use of the macro */
static struct c_token at_site(struct c_token t, const struct c_token *site, const struct c_macro *m)
{
	if (site) {
		t.loc = site->loc;
		t.from_macro = site->from_macro ? site->from_macro : m;
	}
	return t;
}

static bool expand(const struct c_token *t, int n, const struct active *act, const struct c_token *site,
		   struct c_tokens *out);

/* The arguments of a call of m whose '(' is t[0]: their token ranges.
 * Returns how many tokens the call's parentheses take, 0 if unclosed. */
static int call_arguments(const struct c_token *t, int n, const struct c_macro *m, int *start, int *len, int *nargs)
{
	int depth = 0, k = 1;
	*nargs = 0;
	start[0] = 1;
	int max = m->nparams + (m->variadic ? 1 : 0);
	for (; k < n; k++) {
		if (c_is(&t[k], "(")) {
			depth++;
		} else if (c_is(&t[k], ")") && depth-- == 0) {
			len[*nargs] = k - start[*nargs];
			/* f() is a call with no argument, not one empty one */
			if (*nargs > 0 || len[0] > 0 || max > 0)
				(*nargs)++;
			return k + 1;
		} else if (c_is(&t[k], ",") && depth == 0 && !(m->variadic && *nargs == max - 1)) {
			len[*nargs] = k - start[*nargs];
			if (++*nargs >= max) /* too many: counted, not kept */
				*nargs = max;
			start[*nargs] = k + 1;
		}
	}
	return 0;
}

/* The expansion of a call of function-like m at t[0] (its name). */
static int expand_call(const struct c_token *t, int n, const struct c_macro *m, const struct active *act,
		       const struct c_token *site, struct c_tokens *out)
{
	int nslots = m->nparams + 1;
	int start[nslots + 1], len[nslots + 1], nargs;
	int used = call_arguments(t + 1, n - 1, m, start, len, &nargs);
	if (!used) {
		diag_error(t->loc, "the call of macro %s has no closing ')'", m->name);
		return -1;
	}
	int want = m->nparams + (m->variadic ? 1 : 0);
	if (m->variadic && nargs == m->nparams) /* f(a) of f(x, ...): no variable arguments */
		start[nargs] = 0, len[nargs++] = 0;
	if (nargs != want) {
		diag_error(t->loc, "macro %s takes %d argument%s, %d given", m->name, want, want == 1 ? "" : "s",
			   nargs);
		return -1;
	}
	/* arguments are expanded before they are put in the body */
	struct c_tokens args[nslots];
	for (int i = 0; i < nargs; i++) {
		args[i] = (struct c_tokens){ 0 };
		if (!expand(t + 1 + start[i], len[i], act, site ? site : t, &args[i]))
			return -1;
	}
	struct c_tokens body = { 0 };
	if ((expanded_tokens += m->nbody) > MAX_EXPANDED_TOKENS) {
		diag_error(t->loc, "macros expand to more than %d tokens here", MAX_EXPANDED_TOKENS);
		return -1;
	}
	for (int i = 0; i < m->nbody; i++) {
		const struct c_token *b = &m->body[i];
		int arg = -1;
		if (b->kind == CT_IDENT) {
			for (int p = 0; p < m->nparams; p++)
				if (!strcmp(b->text, m->params[p]))
					arg = p;
			if (m->variadic && !strcmp(b->text, "__VA_ARGS__"))
				arg = m->nparams;
		}
		if (arg >= 0) {
			if ((expanded_tokens += args[arg].n) > MAX_EXPANDED_TOKENS) {
				diag_error(t->loc, "macros expand to more than %d tokens here", MAX_EXPANDED_TOKENS);
				return -1;
			}
			for (int k = 0; k < args[arg].n; k++)
				c_tokens_push(&body, args[arg].items[k]);
		} else if (c_is(b, "#") || c_is(b, "##")) {
			diag_error(t->loc, "macro %s uses '%s': the # and ## operators are not supported yet", m->name,
				   b->text);
			return -1;
		} else {
			c_tokens_push(&body, at_site(*b, site ? site : t, m));
		}
	}
	struct active inner = { m, act, act ? act->depth + 1 : 1 };
	return expand(body.items, body.n, &inner, site ? site : t, out) ? 1 + used : -1;
}

/* Appends t[0..n) to out with its macros expanded (rescanned, each macro
 * not inside its own expansion). */
static bool expand(const struct c_token *t, int n, const struct active *act, const struct c_token *site,
		   struct c_tokens *out)
{
	if (act && act->depth > MAX_EXPANSION_DEPTH) {
		diag_error(site ? site->loc : t->loc, "macros expand too deeply here");
		return false;
	}
	for (int i = 0; i < n; i++) {
		const struct c_macro *m = t[i].kind == CT_IDENT ? c_macro_find(t[i].text) : NULL;
		if (!m || is_active(act, m)) {
			c_tokens_push(out, t[i]);
			continue;
		}
		if (m->function_like) {
			if (i + 1 >= n || !c_is(&t[i + 1], "(")) { /* its name alone is no call */
				c_tokens_push(out, t[i]);
				continue;
			}
			int used = expand_call(t + i, n - i, m, act, site, out);
			if (used < 0)
				return false;
			i += used - 1;
			continue;
		}
		if ((expanded_tokens += m->nbody) > MAX_EXPANDED_TOKENS) {
			diag_error(t[i].loc, "macros expand to more than %d tokens here", MAX_EXPANDED_TOKENS);
			return false;
		}
		for (int k = 0; k < m->nbody; k++)
			if (c_is(&m->body[k], "##")) {
				diag_error(t[i].loc, "macro %s uses '##': the operator is not supported yet", m->name);
				return false;
			}
		struct c_tokens body = { 0 };
		for (int k = 0; k < m->nbody; k++)
			c_tokens_push(&body, at_site(m->body[k], site ? site : &t[i], m));
		struct active inner = { m, act, act ? act->depth + 1 : 1 };
		if (!expand(body.items, body.n, &inner, site ? site : &t[i], out))
			return false;
	}
	return true;
}

bool c_macro_expansion(const struct c_macro *m, struct loc at, struct c_tokens *out)
{
	struct c_token use = { .kind = CT_IDENT, .text = m->name, .loc = at };
	return expand(&use, 1, NULL, NULL, out);
}

/* ---- directives ---- */

/* One #if..#endif being read. */
struct conditional {
	struct loc loc;
	bool active;      /* the lines now are read */
	bool taken;       /* a branch was taken already */
	bool seen_else;
	bool outer_active;
};

struct file {
	const char *dir;
	struct conditional conds[64];
	int nconds;
	struct c_tokens *out;
};

static bool reading(const struct file *f)
{
	return !f->nconds || f->conds[f->nconds - 1].active;
}

static bool read_file(const char *text, struct loc at, const char *dir, struct c_tokens *out);

static bool define(const struct c_token *d, int n)
{
	if (n == 0 || d[0].kind != CT_IDENT) {
		diag_error(n ? d[0].loc : d[-1].loc, "#define needs a macro name");
		return false;
	}
	struct c_macro *m = arena_alloc(sizeof(*m));
	m->name = d[0].text;
	m->loc = d[0].loc;
	int i = 1;
	/* NAME( with no space is a function-like macro */
	if (n > 1 && c_is(&d[1], "(") && d[1].loc.line == d[0].loc.line && d[1].loc.col == d[0].loc.end_col + 1) {
		m->function_like = true;
		m->params = arena_alloc(sizeof(*m->params) * (size_t)n);
		for (i = 2; i < n && !c_is(&d[i], ")"); i++) {
			if (c_is(&d[i], "...")) {
				m->variadic = true;
			} else if (d[i].kind == CT_IDENT && !m->variadic) {
				m->params[m->nparams++] = d[i].text;
			} else {
				diag_error(d[i].loc, "expected a parameter name in macro %s", m->name);
				return false;
			}
			if (i + 1 < n && c_is(&d[i + 1], ","))
				i++;
		}
		if (i >= n) {
			diag_error(d[0].loc, "macro %s's parameters have no closing ')'", m->name);
			return false;
		}
		i++;
	}
	m->body = d + i;
	m->nbody = n - i;
	c_macro_define(m);
	return true;
}

/* The name of #include <a/b.h> (tokens between < and >) or "a/b.h". */
static const char *include_name(const struct c_token *d, int n, bool *angle)
{
	if (n == 1 && d[0].kind == CT_STRING) {
		*angle = false;
		return arena_strndup(d[0].text + 1, strlen(d[0].text) - 2);
	}
	if (n < 3 || !c_is(&d[0], "<") || !c_is(&d[n - 1], ">"))
		return NULL;
	*angle = true;
	const char *name = "";
	for (int i = 1; i < n - 1; i++)
		name = arena_printf("%s%s", name, d[i].text);
	return name;
}

static char *path_in(const char *dir, const char *name)
{
	return name[0] == '/' || !strcmp(dir, ".") ? arena_strdup(name) : arena_printf("%s/%s", dir, name);
}

/* Where name is: in dir first (quoted), then the -I directories. */
static const char *find_include(const char *name, const char *dir)
{
	if (dir && access(path_in(dir, name), R_OK) == 0)
		return path_in(dir, name);
	const struct cdefs_options *o = c_options();
	for (int i = 0; o && i < o->ninclude_dirs; i++)
		if (access(path_in(o->include_dirs[i], name), R_OK) == 0)
			return path_in(o->include_dirs[i], name);
	return NULL;
}

/* A header in no directory searched: the system's or the kernel's. Its
 * types come from the kernel's BTF as the script names them. */
static bool include_missing(const char *name, struct loc at)
{
	(void)name;
	(void)at;
	return true;
}

static bool include_file(const char *path, struct loc at, struct c_tokens *out)
{
	char real[PATH_MAX];
	if (realpath(path, real) && name_table_get(&once_files, real))
		return true;
	if (include_depth >= MAX_INCLUDE_DEPTH) {
		diag_error(at, "#include nests more than %d deep", MAX_INCLUDE_DEPTH);
		return false;
	}
	struct stat st;
	if (stat(path, &st) || !S_ISREG(st.st_mode)) { /* not a FIFO or a terminal to wait on */
		diag_error(at, "cannot read the header %s: it is not a file", path);
		return false;
	}
	struct source *src = arena_alloc(sizeof(*src));
	if (source_read(path, src)) /* it said why, as for a script */
		return false;
	char *text = arena_strdup(src->text); /* messages show its lines until the arena goes */
	free((char *)src->text);
	src->text = text;
	src->name = arena_strdup(path);
	struct loc start = { .source = diag_add_source(src), .line = 1, .col = 1 };
	char *dir = arena_strdup(path);
	include_depth++;
	bool ok = read_file(text, start, arena_strdup(dirname(dir)), out);
	include_depth--;
	return ok;
}

bool c_include(const char *name, bool angle, bool missing_ok, const char *dir, struct loc at, struct c_tokens *out)
{
	const char *path = find_include(name, angle ? NULL : dir);
	if (path)
		return include_file(path, at, out);
	if (angle || missing_ok)
		return include_missing(name, at);
	const struct cdefs_options *o = c_options();
	diag_error(at, "cannot find the header \"%s\" (looked in %s%s)", name, dir,
		   o && o->ninclude_dirs ? " and the -I directories" : "");
	return false;
}

static bool include(struct file *f, const struct c_token *d, int n, struct loc at)
{
	bool angle;
	const char *name = include_name(d, n, &angle);
	if (!name) {
		diag_error(n ? d[0].loc : at, "#include takes \"file\" or <file>");
		return false;
	}
	return c_include(name, angle, false, f->dir, n ? loc_span(d[0].loc, d[n - 1].loc) : at, f->out);
}
/* #if's expression: defined X and defined(X) first, then macros. */
static bool if_value(const struct c_token *d, int n, struct loc at, long long *value)
{
	if (!n) {
		diag_error(at, "#if needs an expression");
		return false;
	}
	struct c_tokens plain = { 0 };
	for (int i = 0; i < n; i++) {
		if (!c_is(&d[i], "defined")) {
			c_tokens_push(&plain, d[i]);
			continue;
		}
		bool paren = i + 1 < n && c_is(&d[i + 1], "(");
		int name = i + 1 + paren;
		if (name >= n || d[name].kind != CT_IDENT || (paren && (name + 1 >= n || !c_is(&d[name + 1], ")")))) {
			diag_error(d[i].loc, "defined needs a macro name: defined(NAME)");
			return false;
		}
		struct c_token one = { .kind = CT_NUMBER, .text = c_macro_find(d[name].text) ? "1" : "0", .loc = d[i].loc };
		c_tokens_push(&plain, one);
		i = name + paren;
	}
	struct c_tokens expanded = { 0 };
	if (!expand(plain.items, plain.n, NULL, NULL, &expanded))
		return false;
	c_tokens_push(&expanded, (struct c_token){ .kind = CT_END, .text = "", .loc = d[n - 1].loc });
	return c_eval_directive(expanded.items, value);
}

static bool conditional(struct file *f, const char *what, const struct c_token *d, int n, struct loc at)
{
	struct conditional *c = f->nconds ? &f->conds[f->nconds - 1] : NULL;
	bool is_if = !strcmp(what, "if"), is_ifdef = !strcmp(what, "ifdef"), is_ifndef = !strcmp(what, "ifndef");
	if (is_if || is_ifdef || is_ifndef) {
		if (f->nconds == (int)(sizeof(f->conds) / sizeof(f->conds[0]))) {
			diag_error(at, "#if nests too deeply");
			return false;
		}
		bool outer = reading(f);
		long long v = 0;
		if (outer && is_if && !if_value(d, n, at, &v))
			return false;
		if (outer && !is_if) {
			if (!n || d[0].kind != CT_IDENT) {
				diag_error(at, "#%s needs a macro name", what);
				return false;
			}
			v = (c_macro_find(d[0].text) != NULL) == is_ifdef;
		}
		f->conds[f->nconds++] = (struct conditional){ at, outer && v, outer && v, false, outer };
		return true;
	}
	if (!c) {
		diag_error(at, "#%s without #if", what);
		return false;
	}
	if (!strcmp(what, "endif")) {
		f->nconds--;
		return true;
	}
	if (c->seen_else) {
		diag_error(at, "#%s after #else", what);
		return false;
	}
	if (!strcmp(what, "else")) {
		c->seen_else = true;
		c->active = c->outer_active && !c->taken;
		c->taken = true;
		return true;
	}
	/* elif */
	long long v = 0;
	if (c->outer_active && !c->taken && !if_value(d, n, at, &v))
		return false;
	c->active = c->outer_active && !c->taken && v;
	c->taken |= c->active;
	return true;
}

/* The text of a directive's tokens, for #error and #warning. */
static const char *rest_text(const struct c_token *d, int n)
{
	const char *s = "";
	for (int i = 0; i < n; i++)
		s = arena_printf("%s%s%s", s, i ? " " : "", d[i].text);
	return s;
}

/* The directive '#' d[0..n) (its name d[1]). */
static bool directive(struct file *f, const struct c_token *d, int n)
{
	if (n == 1) /* # alone: the null directive */
		return true;
	const char *what = d[1].kind == CT_IDENT ? d[1].text : "";
	struct loc at = loc_span(d[0].loc, d[1].loc);
	const struct c_token *args = d + 2;
	int nargs = n - 2;
	if (!strcmp(what, "if") || !strcmp(what, "ifdef") || !strcmp(what, "ifndef") || !strcmp(what, "elif") ||
	    !strcmp(what, "else") || !strcmp(what, "endif"))
		return conditional(f, what, args, nargs, at);
	if (!reading(f))
		return true;
	if (!strcmp(what, "define"))
		return define(args, nargs);
	if (!strcmp(what, "undef")) {
		if (nargs && args[0].kind == CT_IDENT)
			c_macro_undefine(args[0].text);
		return true;
	}
	if (!strcmp(what, "include"))
		return include(f, args, nargs, at);
	if (!strcmp(what, "error")) {
		diag_error(at, "#error %s", rest_text(args, nargs));
		return false;
	}
	if (!strcmp(what, "warning")) {
		diag_warning(at, "#warning %s", rest_text(args, nargs));
		return true;
	}
	if (!strcmp(what, "pragma")) {
		if (nargs && c_is(&args[0], "once")) {
			char real[PATH_MAX];
			const struct source *src = diag_source(d[0].loc.source);
			if (src && realpath(src->name, real))
				name_table_put(&once_files, arena_strdup(real), (void *)1);
		} else if (nargs && c_is(&args[0], "pack")) {
			diag_error(at, "#pragma pack is not supported yet: use __attribute__((packed))");
			return false;
		}
		return true; /* other pragmas are the compiler's business */
	}
	if (!strcmp(what, "line"))
		return true;
	diag_error(at, "unknown directive #%s", what);
	return false;
}

static bool read_file(const char *text, struct loc at, const char *dir, struct c_tokens *out)
{
	struct c_tokens in = { 0 };
	if (!c_tokenize(text, at, &in))
		return false;
	struct file f = { .dir = dir, .out = out };
	const struct c_token *t = in.items;
	for (int i = 0; i < in.n;) {
		bool is_directive = c_is(&t[i], "#") && t[i].line_start;
		int j = i + 1;
		/* a directive to the end of its line; text to the next directive */
		while (j < in.n && !(is_directive ? t[j].line_start : c_is(&t[j], "#") && t[j].line_start))
			j++;
		if (is_directive ? !directive(&f, t + i, j - i) : reading(&f) && !expand(t + i, j - i, NULL, NULL, out))
			return false;
		i = j;
	}
	if (f.nconds) {
		diag_error(f.conds[f.nconds - 1].loc, "this #if has no #endif");
		return false;
	}
	return true;
}

bool c_preprocess(const char *text, struct loc at, const char *dir, struct c_tokens *out)
{
	return read_file(text, at, dir, out);
}

void c_preprocess_reset(void)
{
	once_files = (struct name_table){ 0 };
	include_depth = 0;
	expanded_tokens = 0;
}
