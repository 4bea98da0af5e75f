/* The C declarations lantern reads, by recursive descent over the
 * preprocessed tokens: struct, union and enum definitions, typedefs,
 * declarations of variables and functions (accepted and ignored; a
 * function's body is skipped), and the constant expressions in array
 * sizes, bitfield widths, enum values, aligned() and #if. Attributes
 * other than packed and aligned are skipped. Floating-point members are
 * laid out, as their bytes: lantern has no values of them. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "c_internal.h"

struct parser {
	const struct c_token *t; /* the current token; CT_END ends them */
	bool quiet;              /* c_eval_quiet: no messages */
	bool directive;          /* #if: identifiers left are 0, no types */
	bool failed;
};

static void error(struct parser *p, struct loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error(struct parser *p, struct loc at, const char *fmt, ...)
{
	if (!p->failed && !p->quiet) { /* the first only: the rest follow from it */
		va_list ap;
		va_start(ap, fmt);
		diag_verror(at, fmt, ap);
		va_end(ap);
		if (p->t->from_macro)
			diag_note(p->t->from_macro->loc, "in the expansion of macro %s, defined here",
				  p->t->from_macro->name);
	}
	p->failed = true;
}

static bool at(struct parser *p, const char *s)
{
	return c_is(p->t, s);
}

static void next(struct parser *p)
{
	if (p->t->kind != CT_END)
		p->t++;
}

static bool accept(struct parser *p, const char *s)
{
	if (!at(p, s))
		return false;
	next(p);
	return true;
}

/* What the current token is, for "expected ... before ...". */
static const char *found(const struct parser *p)
{
	return p->t->kind == CT_END ? "the end of the C definitions" : arena_printf("'%s'", p->t->text);
}

/* Just after the token before the current one: where a missing ';' goes. */
static struct loc after_previous(const struct parser *p, const struct c_token *start)
{
	if (p->t == start)
		return p->t->loc;
	struct loc l = p->t[-1].loc;
	l.line = l.end_line;
	l.col = l.end_col + 1;
	l.end_col = l.col;
	return l;
}

static bool expect(struct parser *p, const char *s, const char *where)
{
	if (accept(p, s))
		return true;
	error(p, p->t->loc, "expected '%s' %s, found %s", s, where, found(p));
	return false;
}

/* Skips a balanced (...), [...] or {...} starting at the current token. */
static bool skip_balanced(struct parser *p)
{
	const struct c_token *open = p->t;
	int depth = 0;
	do {
		if (p->t->kind == CT_END) {
			error(p, open->loc, "'%s' is not closed", open->text);
			return false;
		}
		if (at(p, "(") || at(p, "[") || at(p, "{"))
			depth++;
		else if (at(p, ")") || at(p, "]") || at(p, "}"))
			depth--;
		next(p);
	} while (depth > 0);
	return true;
}

/* ---- constant expressions ---- */

struct value {
	long long v;
	bool is_unsigned;
};

static bool const_expr(struct parser *p, struct value *out);
static const struct type *parse_type_name(struct parser *p);
static bool starts_type(const struct c_token *t);
static const char *c_type_name(const struct type *t);

static bool keyword(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static const char *const qualifiers[] = {
	"const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile__",
	"__volatile", "_Atomic", "__extension__", "__signed", NULL,
};
static const char *const storage_classes[] = {
	"typedef", "extern", "static", "inline", "__inline", "__inline__", "register", "auto", "_Thread_local",
	"__thread", "_Noreturn", "__always_inline", NULL,
};

/* A cast's value: truncated to t's size, extended as its sign says */
static struct value cast_value(struct value v, const struct type *t)
{
	if (t->kind == TY_PTR)
		return (struct value){ v.v, true };
	if (t->kind == TY_BOOL)
		return (struct value){ v.v != 0, false };
	int bits = t->size * 8;
	if (bits < 64) {
		unsigned long long mask = (1ULL << bits) - 1, u = (unsigned long long)v.v & mask;
		if (t->is_signed && (u >> (bits - 1)))
			u |= ~mask;
		v.v = (long long)u;
	}
	v.is_unsigned = !t->is_signed && t->size >= 4; /* smaller ones promote to int */
	return v;
}

static bool sizeof_or_alignof(struct parser *p, struct value *out)
{
	bool is_sizeof = at(p, "sizeof");
	struct loc loc = p->t->loc;
	next(p);
	if (!at(p, "(") || !starts_type(p->t + 1)) {
		error(p, loc, "%s of an expression is not supported in C definitions: give it a type",
		      is_sizeof ? "sizeof" : "_Alignof");
		return false;
	}
	next(p);
	const struct type *t = parse_type_name(p);
	if (!t || !expect(p, ")", "after the type"))
		return false;
	t = type_complete(t);
	if (t->incomplete || t->kind == TY_VOID) {
		error(p, loc, "%s of %s, whose size is not known", is_sizeof ? "sizeof" : "_Alignof", c_type_name(t));
		return false;
	}
	*out = (struct value){ is_sizeof ? t->size : type_align(t), true };
	return true;
}

static bool primary(struct parser *p, struct value *out)
{
	const struct c_token *t = p->t;
	bool u;
	switch (t->kind) {
	case CT_NUMBER:
		if (!c_number_value(t, &out->v, &u)) {
			error(p, t->loc, "'%s' is not an integer constant", t->text);
			return false;
		}
		out->is_unsigned = u;
		next(p);
		return true;
	case CT_CHAR:
		*out = (struct value){ t->value, false };
		next(p);
		return true;
	case CT_IDENT:
		if (!p->directive && (at(p, "sizeof") || at(p, "_Alignof") || at(p, "__alignof__") || at(p, "alignof")))
			return sizeof_or_alignof(p, out);
		if (p->directive) { /* what no macro replaced */
			*out = (struct value){ 0, false };
			next(p);
			return true;
		}
		if (c_enum_constant_find(t->text, &out->v) || cdefs_enum_value(t->text, &out->v)) {
			out->is_unsigned = false;
			next(p);
			return true;
		}
		error(p, t->loc, "'%s' is not a constant here", t->text);
		return false;
	default:
		if (accept(p, "("))
			return const_expr(p, out) && expect(p, ")", "to close '('");
		error(p, t->loc, "expected a constant expression, found %s", found(p));
		return false;
	}
}

static bool unary(struct parser *p, struct value *out)
{
	const char *op = p->t->kind == CT_PUNCT ? p->t->text : "";
	if (!strcmp(op, "-") || !strcmp(op, "+") || !strcmp(op, "~") || !strcmp(op, "!")) {
		next(p);
		if (!unary(p, out))
			return false;
		switch (op[0]) {
		case '-': out->v = (long long)(0ULL - (unsigned long long)out->v); break;
		case '~': out->v = ~out->v; break;
		case '!': out->v = !out->v, out->is_unsigned = false; break;
		}
		return true;
	}
	/* (type) x */
	if (!p->directive && at(p, "(") && starts_type(p->t + 1)) {
		next(p);
		const struct type *t = parse_type_name(p);
		if (!t || !expect(p, ")", "after the cast's type") || !unary(p, out))
			return false;
		*out = cast_value(*out, t);
		return true;
	}
	return primary(p, out);
}

static int precedence(const struct c_token *t)
{
	static const struct { const char *op; int prec; } ops[] = {
		{ "||", 1 }, { "&&", 2 }, { "|", 3 }, { "^", 4 }, { "&", 5 }, { "==", 6 }, { "!=", 6 },
		{ "<", 7 }, { ">", 7 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 }, { ">>", 8 }, { "+", 9 },
		{ "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
	};
	if (t->kind != CT_PUNCT)
		return 0;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(ops[i].op, t->text))
			return ops[i].prec;
	return 0;
}

static bool apply(struct parser *p, const struct c_token *op, struct value *a, struct value b)
{
	bool u = a->is_unsigned || b.is_unsigned;
	unsigned long long x = (unsigned long long)a->v, y = (unsigned long long)b.v;
	long long r;
	const char *s = op->text;
	if ((!strcmp(s, "/") || !strcmp(s, "%")) && !y) {
		error(p, op->loc, "division by zero in a constant expression");
		return false;
	}
	if (!strcmp(s, "||")) r = a->v || b.v, u = false;
	else if (!strcmp(s, "&&")) r = a->v && b.v, u = false;
	else if (!strcmp(s, "|")) r = (long long)(x | y);
	else if (!strcmp(s, "^")) r = (long long)(x ^ y);
	else if (!strcmp(s, "&")) r = (long long)(x & y);
	else if (!strcmp(s, "==")) r = x == y, u = false;
	else if (!strcmp(s, "!=")) r = x != y, u = false;
	else if (!strcmp(s, "<")) r = u ? x < y : a->v < b.v, u = false;
	else if (!strcmp(s, ">")) r = u ? x > y : a->v > b.v, u = false;
	else if (!strcmp(s, "<=")) r = u ? x <= y : a->v <= b.v, u = false;
	else if (!strcmp(s, ">=")) r = u ? x >= y : a->v >= b.v, u = false;
	else if (!strcmp(s, "<<")) r = y > 63 ? 0 : (long long)(x << y), u = a->is_unsigned;
	else if (!strcmp(s, ">>")) r = y > 63 ? 0 : a->is_unsigned ? (long long)(x >> y) : a->v >> y, u = a->is_unsigned;
	else if (!strcmp(s, "+")) r = (long long)(x + y);
	else if (!strcmp(s, "-")) r = (long long)(x - y);
	else if (!strcmp(s, "*")) r = (long long)(x * y);
	else if (!strcmp(s, "/")) r = u ? (long long)(x / y) : b.v == -1 ? (long long)(0 - x) : a->v / b.v;
	else r = u ? (long long)(x % y) : b.v == -1 ? 0 : a->v % b.v;
	*a = (struct value){ r, u };
	return true;
}

static bool binary(struct parser *p, int min_prec, struct value *out)
{
	if (!unary(p, out))
		return false;
	for (int prec; (prec = precedence(p->t)) >= min_prec && prec;) {
		const struct c_token *op = p->t;
		next(p);
		struct value rhs;
		if (!binary(p, prec + 1, &rhs) || !apply(p, op, out, rhs))
			return false;
	}
	return true;
}

static bool const_expr(struct parser *p, struct value *out)
{
	if (!binary(p, 1, out))
		return false;
	if (!accept(p, "?"))
		return true;
	struct value a, b;
	if (!const_expr(p, &a) || !expect(p, ":", "in '?:'") || !const_expr(p, &b))
		return false;
	*out = out->v ? a : b;
	return true;
}

static bool whole_expression(struct parser *p, long long *value)
{
	struct value v;
	if (!const_expr(p, &v))
		return false;
	if (p->t->kind != CT_END) {
		error(p, p->t->loc, "unexpected %s after the expression", found(p));
		return false;
	}
	*value = v.v;
	return true;
}

bool c_eval_directive(const struct c_token *tokens, long long *value)
{
	struct parser p = { .t = tokens, .directive = true };
	return whole_expression(&p, value);
}

bool c_eval_quiet(const struct c_token *tokens, long long *value)
{
	struct parser p = { .t = tokens, .quiet = true };
	return whole_expression(&p, value);
}

/* A constant for an array's size, a bitfield's width, aligned(n). */
static bool count_expr(struct parser *p, const char *what, long long max, long long *out)
{
	struct loc loc = p->t->loc;
	struct value v;
	if (!const_expr(p, &v))
		return false;
	if (v.v < 0 || v.v > max) {
		error(p, loc, "%s must be between 0 and %lld, not %lld", what, max, v.v);
		return false;
	}
	*out = v.v;
	return true;
}

/* ---- attributes ---- */

struct attrs {
	bool packed;
	int aligned;
};

static bool attribute_list(struct parser *p, struct attrs *a)
{
	if (!expect(p, "(", "after __attribute__") || !expect(p, "(", "after __attribute__("))
		return false;
	while (!at(p, ")")) {
		if (p->t->kind != CT_IDENT) {
			error(p, p->t->loc, "expected an attribute's name, found %s", found(p));
			return false;
		}
		const char *name = p->t->text;
		next(p);
		if (!strcmp(name, "packed") || !strcmp(name, "__packed__")) {
			a->packed = true;
		} else if (!strcmp(name, "aligned") || !strcmp(name, "__aligned__")) {
			long long n = 16; /* the largest alignment, as GCC on x86-64 */
			struct loc loc = p->t->loc;
			if (accept(p, "(") && (!count_expr(p, "an alignment", 1 << 28, &n) || !expect(p, ")", "after the alignment")))
				return false;
			if (n & (n - 1)) {
				error(p, loc, "an alignment must be a power of 2, not %lld", n);
				return false;
			}
			if (n > a->aligned)
				a->aligned = (int)n;
		} else if (at(p, "(") && !skip_balanced(p)) { /* another's arguments */
			return false;
		}
		if (!accept(p, ","))
			break;
	}
	return expect(p, ")", "to end the attributes") && expect(p, ")", "to end __attribute__((");
}

/* Any __attribute__((...)), _Alignas(n), __asm__("name") here. */
static bool attributes(struct parser *p, struct attrs *a)
{
	for (;;) {
		if (accept(p, "__attribute__") || accept(p, "__attribute")) {
			if (!attribute_list(p, a))
				return false;
		} else if (accept(p, "_Alignas") || accept(p, "alignas")) {
			long long n;
			if (!expect(p, "(", "after _Alignas") || !count_expr(p, "an alignment", 1 << 28, &n) ||
			    !expect(p, ")", "after the alignment"))
				return false;
			if (n > a->aligned)
				a->aligned = (int)n;
		} else if (at(p, "__asm__") || at(p, "asm") || at(p, "__asm")) {
			next(p);
			if (!at(p, "(") || !skip_balanced(p))
				return false;
		} else {
			return true;
		}
	}
}

/* ---- types ---- */

/* A function type: only behind a pointer (a pointer to it is void *). */
static const struct type function_type = { .kind = TY_VOID, .name = "function" };

static const struct type *pointer_to(const struct type *t)
{
	return type_ptr(t == &function_type ? TYPE_VOID : t, AS_KERNEL);
}

struct specs {
	bool is_typedef, storage;
	struct c_base_words words;
	int nwords;
	const struct type *type; /* of a struct, union, enum or typedef name */
	struct attrs attrs;
	struct loc loc;
	const struct type *base; /* what they make */
};

static const struct type *struct_specifier(struct parser *p, enum c_tag_kind kind, struct attrs *attrs);
static const struct type *enum_specifier(struct parser *p);

static bool is_base_word(const char *s)
{
	struct c_base_words w = { 0 };
	return c_base_word(s, &w);
}

/* An identifier that names a type where one may start. */
static bool is_typedef_name(const struct c_token *t)
{
	long long v;
	return t->kind == CT_IDENT && !c_enum_constant_find(t->text, &v) && c_typedef_find(t->text);
}

static bool starts_type(const struct c_token *t)
{
	if (t->kind != CT_IDENT)
		return false;
	return is_base_word(t->text) || keyword(t->text, qualifiers) || c_is(t, "struct") || c_is(t, "union") ||
	       c_is(t, "enum") || c_is(t, "__attribute__") || is_typedef_name(t);
}

static const char *c_type_name(const struct type *t)
{
	return t == &function_type ? "a function" : type_name(t);
}

/* Storage classes are refused where `without_storage` says ("a struct
 * member"); NULL: anywhere they are allowed. */
static bool decl_specifiers(struct parser *p, struct specs *s, const char *without_storage)
{
	*s = (struct specs){ .loc = p->t->loc };
	for (;;) {
		const struct c_token *t = p->t;
		if (t->kind != CT_IDENT)
			break;
		if (keyword(t->text, storage_classes)) {
			if (without_storage) {
				error(p, t->loc, "%s cannot be '%s'", without_storage, t->text);
				return false;
			}
			s->is_typedef |= !strcmp(t->text, "typedef");
			next(p);
		} else if (keyword(t->text, qualifiers)) {
			next(p);
			if (!strcmp(t->text, "_Atomic") && at(p, "(")) {
				error(p, t->loc, "_Atomic(type) is not supported");
				return false;
			}
		} else if (at(p, "__attribute__") || at(p, "__attribute") || at(p, "_Alignas") || at(p, "alignas")) {
			if (!attributes(p, &s->attrs))
				return false;
		} else if (c_base_word(t->text, &s->words)) {
			s->nwords++;
			next(p);
		} else if (at(p, "struct") || at(p, "union") || at(p, "enum")) {
			if (s->type || s->nwords) {
				error(p, t->loc, "two types in one declaration");
				return false;
			}
			s->type = at(p, "enum") ? enum_specifier(p)
						: struct_specifier(p, at(p, "struct") ? C_STRUCT : C_UNION, &s->attrs);
			if (!s->type)
				return false;
		} else if (at(p, "typeof") || at(p, "__typeof__") || at(p, "__typeof")) {
			error(p, t->loc, "%s is not supported in C definitions", t->text);
			return false;
		} else if (!s->type && !s->nwords) {
			/* where a type must start, an identifier names one */
			const struct type *named = is_typedef_name(t) ? c_typedef_find(t->text) : NULL;
			if (!named) {
				error(p, t->loc, "unknown type '%s'", t->text);
				return false;
			}
			s->type = named;
			next(p);
		} else {
			break;
		}
	}
	if (s->nwords) {
		if (s->type) {
			error(p, s->loc, "two types in one declaration");
			return false;
		}
		s->base = c_base_type(&s->words);
		if (!s->base) {
			error(p, s->loc, "these type names do not make a type");
			return false;
		}
	} else if (s->type) {
		s->base = s->type;
	} else {
		error(p, p->t->loc, "expected a type, found %s", found(p));
		return false;
	}
	return true;
}

struct declarator {
	const char *name;
	struct loc loc;
	struct attrs attrs;
};

static const struct type *declarator(struct parser *p, const struct type *base, struct declarator *d);

/* [n] and (params) after a declarator's name, innermost last. */
static const struct type *suffixes(struct parser *p, const struct type *base)
{
	if (accept(p, "[")) {
		struct loc loc = p->t[-1].loc;
		long long n = 0;
		while (at(p, "static") || keyword(p->t->text, qualifiers)) /* f(int a[static 3]) */
			next(p);
		if (!at(p, "]") && !count_expr(p, "an array's length", 1 << 24, &n))
			return NULL;
		if (!expect(p, "]", "to end the array's length"))
			return NULL;
		const struct type *elem = suffixes(p, base);
		if (!elem)
			return NULL;
		if (elem == &function_type || elem->kind == TY_VOID) {
			error(p, loc, "an array of %s", elem == &function_type ? "functions" : "void");
			return NULL;
		}
		elem = type_complete(elem);
		if (elem->incomplete) {
			error(p, loc, "an array of %s, which is declared but not defined", type_name(elem));
			return NULL;
		}
		if ((long long)elem->size * n > 1 << 28) {
			error(p, loc, "this array is too large");
			return NULL;
		}
		return type_c_array(elem, (int)n);
	}
	if (at(p, "(")) { /* a function: its parameters do not matter here */
		if (!skip_balanced(p))
			return NULL;
		return &function_type;
	}
	return base;
}

/* ( declarator ) rather than a function's parameters */
static bool nested_declarator(struct parser *p)
{
	if (!at(p, "("))
		return false;
	const struct c_token *t = p->t + 1;
	return c_is(t, "*") || c_is(t, "(") || c_is(t, "^") || c_is(t, "__attribute__") ||
	       (t->kind == CT_IDENT && !is_typedef_name(t) && !is_base_word(t->text) &&
		!keyword(t->text, qualifiers) && !c_is(t, "struct") && !c_is(t, "union") && !c_is(t, "enum"));
}

static const struct type *declarator(struct parser *p, const struct type *base, struct declarator *d)
{
	while (accept(p, "*")) {
		base = pointer_to(base);
		for (;;) { /* char *const p, void *__attribute__((...)) p */
			if (keyword(p->t->text, qualifiers)) {
				next(p);
			} else if (at(p, "__attribute__")) {
				if (!attributes(p, &d->attrs))
					return NULL;
			} else {
				break;
			}
		}
	}
	if (nested_declarator(p)) {
		/* int (*fn)(int): the suffixes after ')' apply first */
		const struct c_token *open = p->t;
		if (!skip_balanced(p))
			return NULL;
		const struct type *outer = suffixes(p, base);
		if (!outer)
			return NULL;
		const struct c_token *end = p->t;
		p->t = open + 1;
		const struct type *t = declarator(p, outer, d);
		if (!t || !expect(p, ")", "to close the declarator"))
			return NULL;
		p->t = end;
		return t;
	}
	if (p->t->kind == CT_IDENT && !keyword(p->t->text, qualifiers) && !at(p, "__attribute__")) {
		d->name = p->t->text;
		d->loc = p->t->loc;
		next(p);
	}
	return suffixes(p, base);
}

/* A type name: sizeof(type), a cast, _Alignof(type). */
static const struct type *parse_type_name(struct parser *p)
{
	struct specs s;
	if (!decl_specifiers(p, &s, "a type name"))
		return NULL;
	struct declarator d = { 0 };
	const struct type *t = declarator(p, s.base, &d);
	if (t && d.name) {
		error(p, d.loc, "a type name has no name in it: '%s'", d.name);
		return NULL;
	}
	return t;
}

/* ---- struct, union and enum ---- */

struct fields {
	struct c_field *items;
	int n, cap;
};

static void add_field(struct fields *f, struct c_field field)
{
	f->items = arena_grow(f->items, f->n, &f->cap, sizeof(*f->items));
	f->items[f->n++] = field;
}

/* A member's type must be complete: one the script only declared is
 * looked up in the kernel now. */
static bool member_type_ok(struct parser *p, const struct type **t, const struct declarator *d, struct loc at)
{
	const char *name = d->name ? d->name : "(anonymous)";
	if (*t == &function_type) {
		error(p, at, "member '%s' is a function; a member can be a pointer to one", name);
		return false;
	}
	if ((*t)->kind == TY_VOID) {
		error(p, at, "member '%s' has type void", name);
		return false;
	}
	*t = type_complete(*t);
	if ((*t)->incomplete) {
		error(p, at, "member '%s' has type %s, which is declared but not defined (here or in the kernel's BTF)",
		      name, type_name(*t));
		return false;
	}
	return true;
}

static bool member_declaration(struct parser *p, struct fields *fields)
{
	const struct c_token *start = p->t;
	if (at(p, "_Static_assert") || at(p, "static_assert")) {
		next(p);
		return skip_balanced(p) && expect(p, ";", "after _Static_assert");
	}
	struct specs s;
	if (!decl_specifiers(p, &s, "a struct member"))
		return false;
	if (at(p, ";") || at(p, "}")) { /* struct { ... }; inside: an anonymous member */
		const struct type *t = s.base;
		if ((t->kind == TY_STRUCT || t->kind == TY_UNION) && !t->name)
			add_field(fields, (struct c_field){ .type = t, .bit_width = -1, .loc = s.loc });
		accept(p, ";");
		return true;
	}
	for (;;) {
		struct declarator d = { 0 };
		struct loc loc = p->t->loc;
		const struct type *t = at(p, ":") ? s.base : declarator(p, s.base, &d);
		if (!t)
			return false;
		long long width = -1;
		if (accept(p, ":")) {
			struct loc wloc = p->t->loc;
			const struct type *it = type_complete(t);
			if (it->kind != TY_INT && it->kind != TY_BOOL) {
				error(p, d.name ? d.loc : loc, "bitfield '%s' must be an integer, not %s",
				      d.name ? d.name : "(unnamed)", c_type_name(it));
				return false;
			}
			if (!count_expr(p, arena_printf("the width of bitfield %s (%s)", d.name ? d.name : "(unnamed)",
							c_type_name(it)),
					it->kind == TY_BOOL ? 1 : it->size * 8, &width))
				return false;
			if (!width && d.name) {
				error(p, wloc, "bitfield '%s' has no bits: only an unnamed one can be :0", d.name);
				return false;
			}
		} else if (!d.name) {
			error(p, p->t->loc, "expected a member's name, found %s", found(p));
			return false;
		}
		if (!attributes(p, &d.attrs))
			return false;
		if (!member_type_ok(p, &t, &d, d.name ? d.loc : loc))
			return false;
		add_field(fields, (struct c_field){ d.name, t, (int)width, d.attrs.aligned, d.attrs.packed,
						    d.name ? d.loc : loc });
		if (accept(p, ","))
			continue;
		if (accept(p, ";") || at(p, "}")) /* clang, too, takes a missing ';' before '}' */
			return true;
		error(p, after_previous(p, start), "expected ';' after member '%s', before %s", d.name ? d.name : "",
		      found(p));
		return false;
	}
}

static bool duplicate_members(struct parser *p, const struct type *t, const struct fields *fields)
{
	for (int i = 0; i < t->nmembers; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(t->members[i].name, t->members[j].name)) {
				struct loc at = fields->items[0].loc;
				for (int k = 0; k < fields->n; k++)
					if (fields->items[k].name && !strcmp(fields->items[k].name, t->members[i].name))
						at = fields->items[k].loc;
				error(p, at, "%s has two members named '%s'", type_name(t), t->members[i].name);
				return true;
			}
	return false;
}

/* The tag name, looked up (declaring it if new) as kind. */
static struct c_tag *tag_of(struct parser *p, enum c_tag_kind kind, const struct c_token *name)
{
	struct c_tag *tag = c_tag_find(name->text);
	if (tag && tag->kind != kind) {
		error(p, name->loc, "'%s' is %s %s (at %d:%d), not %s %s", name->text, tag->kind == C_ENUM ? "an" : "a",
		      c_tag_kind_name(tag->kind), tag->loc.line, tag->loc.col, kind == C_ENUM ? "an" : "a",
		      c_tag_kind_name(kind));
		return NULL;
	}
	return tag ? tag : c_tag_add(kind, name->text, name->loc);
}

/* What follows `struct`, `union` or `enum`: attributes and a name (*name,
 * or NULL). 1 when a body follows (at '{'), 0 when not (a name then), -1
 * after an error. */
static int tag_head(struct parser *p, enum c_tag_kind kind, struct attrs *attrs, const struct c_token **name)
{
	next(p);
	if (!attributes(p, attrs))
		return -1;
	*name = p->t->kind == CT_IDENT ? p->t : NULL;
	if (*name)
		next(p);
	if (at(p, "{"))
		return 1;
	if (!*name) {
		error(p, p->t->loc, "expected a name or '{' after %s, found %s", c_tag_kind_name(kind), found(p));
		return -1;
	}
	return 0;
}

static const struct type *struct_specifier(struct parser *p, enum c_tag_kind kind, struct attrs *attrs)
{
	const struct c_token *name;
	int body = tag_head(p, kind, attrs, &name);
	if (body < 0)
		return NULL;
	if (!body) {
		struct c_tag *tag = tag_of(p, kind, name);
		return tag ? tag->type : NULL;
	}
	struct type *t;
	struct c_tag *tag = NULL;
	if (name) {
		if (!(tag = tag_of(p, kind, name)))
			return NULL;
		if (tag->defined) {
			error(p, name->loc, "%s %s is defined twice (first at %d:%d)", c_tag_kind_name(kind), name->text,
			      tag->loc.line, tag->loc.col);
			return NULL;
		}
		tag->loc = name->loc;
		t = tag->type;
	} else {
		t = arena_alloc(sizeof(*t));
		t->kind = kind == C_STRUCT ? TY_STRUCT : TY_UNION;
	}
	const struct c_token *open = p->t;
	next(p);
	struct fields fields = { 0 };
	while (!accept(p, "}")) {
		if (p->t->kind == CT_END) {
			error(p, open->loc, "this '{' of %s %s has no '}'", c_tag_kind_name(kind), name ? name->text : "");
			return NULL;
		}
		if (!accept(p, ";") && !member_declaration(p, &fields))
			return NULL;
	}
	if (!attributes(p, attrs))
		return NULL;
	c_layout(t, fields.items, fields.n, attrs->packed, attrs->aligned);
	if (duplicate_members(p, t, &fields))
		return NULL;
	if (tag)
		tag->defined = true;
	return t;
}

/* The integer type an enum's values fit in: int, or unsigned int
 * without negative ones (as GCC), else 8 bytes; packed, the smallest. */
static const struct type *enum_type(long long min, long long max, bool any_unsigned, bool packed)
{
	bool negative = min < 0;
	for (int size = packed ? 1 : 4; size < 8; size *= 2) {
		long long lo = negative ? -(1LL << (size * 8 - 1)) : 0;
		long long hi = negative ? (1LL << (size * 8 - 1)) - 1 : (long long)((1ULL << (size * 8)) - 1);
		if (min >= lo && max <= hi && !(any_unsigned && max < 0))
			return type_int_sized(size, negative);
	}
	return type_int_sized(8, negative);
}

static const struct type *enum_specifier(struct parser *p)
{
	struct attrs attrs = { 0 };
	const struct c_token *name;
	int body = tag_head(p, C_ENUM, &attrs, &name);
	if (body < 0)
		return NULL;
	if (!body) {
		struct c_tag *tag = c_tag_find(name->text);
		if (tag && tag->kind == C_ENUM && tag->defined)
			return tag->type;
		const struct type *k = tag ? NULL : c_kernel_tag(C_ENUM, name->text);
		if (k)
			return k;
		error(p, name->loc, tag ? "'%s' is not an enum here" : "unknown type 'enum %s'", name->text);
		return NULL;
	}
	struct c_tag *tag = NULL;
	if (name) {
		tag = c_tag_find(name->text);
		if (tag) {
			error(p, name->loc, "'%s' is defined twice (first at %d:%d)", name->text, tag->loc.line,
			      tag->loc.col);
			return NULL;
		}
		tag = c_tag_add(C_ENUM, name->text, name->loc);
	}
	next(p);
	long long value = 0, min = 0, max = 0;
	bool any = false, any_unsigned = false;
	struct type *t = arena_alloc(sizeof(*t)); /* filled once its values are known */
	struct type_enumerator *enumerators = NULL;
	int n = 0, cap = 0;
	while (!accept(p, "}")) {
		if (p->t->kind != CT_IDENT) {
			error(p, p->t->loc, "expected an enum constant's name, found %s", found(p));
			return NULL;
		}
		const struct c_token *constant = p->t;
		next(p);
		if (!attributes(p, &attrs))
			return NULL;
		if (accept(p, "=")) {
			struct value v;
			if (!const_expr(p, &v))
				return NULL;
			value = v.v;
			any_unsigned |= v.is_unsigned;
		}
		if (!c_enum_constant_add(constant->text, value, constant->loc, t)) {
			p->failed = true;
			return NULL;
		}
		enumerators = arena_grow(enumerators, n, &cap, sizeof(*enumerators));
		enumerators[n++] = (struct type_enumerator){ constant->text, value };
		min = !any || value < min ? value : min;
		max = !any || value > max ? value : max;
		any = true;
		value++;
		if (!accept(p, ",") && !at(p, "}")) {
			error(p, p->t->loc, "expected ',' or '}' after enum constant %s, found %s", constant->text,
			      found(p));
			return NULL;
		}
	}
	if (!attributes(p, &attrs))
		return NULL;
	*t = *enum_type(min, max, any_unsigned, attrs.packed);
	t->enum_tag = name ? name->text : NULL;
	t->enumerators = enumerators;
	t->nenumerators = n;
	if (tag) {
		tag->type = t;
		tag->defined = true;
	}
	return t;
}

/* ---- declarations ---- */

/* = initializer of a variable: skipped, to the next ',' or ';' */
static bool skip_initializer(struct parser *p)
{
	while (!at(p, ",") && !at(p, ";")) {
		if (p->t->kind == CT_END)
			return true;
		if (at(p, "(") || at(p, "{") || at(p, "[")) {
			if (!skip_balanced(p))
				return false;
		} else {
			next(p);
		}
	}
	return true;
}

static bool declaration(struct parser *p)
{
	if (accept(p, ";"))
		return true;
	if (at(p, "_Static_assert") || at(p, "static_assert")) {
		next(p);
		return skip_balanced(p) && expect(p, ";", "after _Static_assert");
	}
	const struct c_token *first = p->t;
	struct specs s;
	if (!decl_specifiers(p, &s, NULL))
		return false;
	/* struct A { ... } at the end of a chunk: bpftrace's ';' is optional */
	if (accept(p, ";") || (p->t->kind == CT_END && !s.is_typedef))
		return true;
	for (;;) {
		struct declarator d = { 0 };
		const struct type *t = declarator(p, s.base, &d);
		if (!t || !attributes(p, &d.attrs))
			return false;
		if (!d.name) {
			error(p, p->t->loc, "expected a name in the declaration, found %s", found(p));
			return false;
		}
		if (s.is_typedef) {
			if (!c_typedef_add(d.name, t, d.loc)) {
				p->failed = true;
				return false;
			}
		} else if (t == &function_type && at(p, "{")) {
			return skip_balanced(p); /* a function's body: nothing to trace in it */
		} else if (accept(p, "=") && !skip_initializer(p)) {
			return false;
		}
		/* variables and functions declared are accepted: nothing uses them */
		if (accept(p, ","))
			continue;
		if (accept(p, ";"))
			return true;
		error(p, after_previous(p, first), "expected ';' after the declaration of %s, before %s", d.name,
		      found(p));
		return false;
	}
}

bool c_parse(const struct c_token *tokens)
{
	struct parser p = { .t = tokens };
	while (p.t->kind != CT_END)
		if (!declaration(&p))
			return false;
	return !p.failed;
}
