/* The named pass: getopt("name"[, default[, "description"]]) becomes the
 * value of the program option --name given after the script (after `--`
 * with -e), as bpftrace 0.26's named parameters:
 *
 *  - the default's type is the option's: none or true/false a bool
 *    (--name alone, or =true/false/1/0), a non-negative integer a uint64,
 *    a negative one an int64, a string a string;
 *  - every use of one name gives it the same default;
 *  - an option no getopt() names, or a value that does not fit the type,
 *    is an error; --help lists the options the script takes.
 *
 * lantern compiles each time it runs, so the value is put in as a
 * literal: nothing is read when the probe fires. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "passes.h"
#include "sema.h"

enum opt_type { OPT_BOOL, OPT_UINT, OPT_INT, OPT_STRING };

/* One option the script names, with its default as written. */
struct option_def {
	const char *name;
	enum opt_type type;
	long long number; /* OPT_BOOL (0/1), OPT_UINT (its bits), OPT_INT */
	const char *text; /* OPT_STRING */
	const char *description;
	bool bad; /* its value was refused: said once */
	struct option_def *next;
};

struct named {
	const struct params *params;
	struct option_def *options; /* in the order first named */
	struct node_list calls;     /* the getopt() calls */
	bool failed;
};

/* In place, in their order: the positional ones first, then the named
 * (a stable partition; arguments are few). */
void params_from_args(struct params *p, char **args, int n)
{
	int positional = 0;
	for (int i = 0; i < n; i++) {
		if (!strncmp(args[i], "--", 2))
			continue;
		char *a = args[i];
		memmove(args + positional + 1, args + positional, sizeof(*args) * (size_t)(i - positional));
		args[positional++] = a;
	}
	p->argv = args;
	p->argc = positional;
	p->named = args + positional;
	p->nnamed = n - positional;
}

static struct option_def *find(struct named *s, const char *name)
{
	for (struct option_def *o = s->options; o; o = o->next)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static const char *default_text(const struct option_def *o)
{
	switch (o->type) {
	case OPT_BOOL:
		return o->number ? "true" : "false";
	case OPT_UINT:
		return arena_printf("%llu", (unsigned long long)o->number);
	case OPT_INT:
		return arena_printf("%lld", o->number);
	default:
		return o->text;
	}
}

/* What getopt()'s second argument says: its type and value. */
static bool read_default(struct node *d, struct option_def *o)
{
	if (d->kind == N_INT) {
		o->type = d->integer.is_bool ? OPT_BOOL : OPT_UINT;
		o->number = d->integer.value;
		return true;
	}
	if (d->kind == N_UNARY && d->unary.op == OP_NEG && d->unary.operand->kind == N_INT &&
	    !d->unary.operand->integer.is_bool) {
		o->type = OPT_INT;
		o->number = -d->unary.operand->integer.value;
		return true;
	}
	if (d->kind == N_STR) {
		o->type = OPT_STRING;
		o->text = d->string.bytes;
		return true;
	}
	return false;
}

static bool same_default(const struct option_def *a, const struct option_def *b)
{
	if (a->type != b->type)
		return false;
	return a->type == OPT_STRING ? !strcmp(a->text, b->text) : a->number == b->number;
}

/* The option getopt() at n names, checked and remembered; NULL after an
 * error. */
static struct option_def *declare(struct named *s, struct node *n)
{
	struct node_list *args = &n->call.args;
	if (args->n < 1 || args->n > 3) {
		diag_error(n->loc, "getopt() takes 1 to 3 arguments, %d given: getopt(name[, default[, description]])",
			   args->n);
		return NULL;
	}
	if (args->items[0]->kind != N_STR) {
		diag_error(args->items[0]->loc, "First argument to 'getopt' must be a string literal.");
		return NULL;
	}
	struct option_def o = { .name = args->items[0]->string.bytes, .type = OPT_BOOL };
	if (!o.name[0] || strchr(o.name, '=')) {
		diag_error(args->items[0]->loc, "'%s' cannot be an option's name", o.name);
		return NULL;
	}
	if (args->n >= 2 && !read_default(args->items[1], &o)) {
		diag_error(args->items[1]->loc, "Second argument to 'getopt' must be a string literal, integer "
						"literal, or a boolean literal.");
		return NULL;
	}
	if (args->n == 3) {
		if (args->items[2]->kind != N_STR) {
			diag_error(args->items[2]->loc, "Third argument to 'getopt' (the description) must be a string literal.");
			return NULL;
		}
		o.description = args->items[2]->string.bytes;
	}
	struct option_def *was = find(s, o.name);
	if (was) {
		if (!same_default(was, &o)) {
			diag_error(n->loc, "Command line option '%s' needs to have the same default value in all places "
					   "it is used. Previous default value: %s", o.name, default_text(was));
			return NULL;
		}
		if (!was->description)
			was->description = o.description;
		return was;
	}
	struct option_def *d = arena_alloc(sizeof(*d));
	*d = o;
	struct option_def **end = &s->options;
	while (*end)
		end = &(*end)->next;
	*end = d;
	return d;
}

static void to_bool(struct node *n, bool v)
{
	node_become(n, N_INT);
	n->integer.value = v;
	n->integer.is_bool = true;
}

/* (uint64)v or (int64)v: the option's type, whatever its value */
static void to_int(struct node *n, long long v, bool is_signed)
{
	struct node *lit = node_new(N_INT, n->loc);
	lit->integer.value = v;
	if (v < 0 && is_signed) { /* a negative literal is -(its magnitude) */
		lit->integer.value = -(unsigned long long)v;
		struct node *neg = node_new(N_UNARY, n->loc);
		neg->unary.op = OP_NEG;
		neg->unary.operand = lit;
		lit = neg;
	}
	node_become(n, N_CAST);
	n->cast.type_name = is_signed ? "int64" : "uint64";
	n->cast.operand = lit;
}

static void to_string(struct node *n, const char *text)
{
	node_become(n, N_STR);
	n->string.bytes = text;
	n->string.len = (int)strlen(text);
}

/* What --name=value sets name to, or NULL (--name alone: value is
 * NULL); *given says whether the option is on the command line. */
static const char *given_value(const struct params *p, const char *name, bool *given)
{
	size_t len = strlen(name);
	const char *value = NULL;
	*given = false;
	for (int i = 0; i < p->nnamed; i++) {
		const char *a = p->named[i] + 2;
		if (strncmp(a, name, len) || (a[len] && a[len] != '='))
			continue;
		*given = true; /* the last one given wins */
		value = a[len] == '=' ? a + len + 1 : NULL;
	}
	return value;
}

/* An unsigned integer as bpftrace reads one: 0x, 0b, 0 (octal) prefixes,
 * _ separators, 1e6, C suffixes (u, l, ul, ll, ull) and durations (ns,
 * us, ms, s, m, h, d: nanoseconds). NULL, or what is wrong with it. */
static const char *read_uint(const char *text, unsigned long long *out)
{
	char digits[128];
	size_t n = 0;
	for (const char *c = text; *c; c++)
		if (*c != '_' && n < sizeof(digits) - 1)
			digits[n++] = *c;
	digits[n] = 0;
	int base = 10;
	const char *d = digits;
	if (d[0] == '0' && (d[1] == 'x' || d[1] == 'X'))
		base = 16, d += 2;
	else if (d[0] == '0' && (d[1] == 'b' || d[1] == 'B'))
		base = 2, d += 2;
	else if (d[0] == '0' && d[1] >= '0' && d[1] <= '7')
		base = 8, d += 1;
	if (!*d || !(isalnum((unsigned char)*d)))
		return "invalid integer";
	char *end;
	errno = 0;
	unsigned long long v = strtoull(d, &end, base);
	if (end == d)
		return "invalid integer";
	if (errno == ERANGE)
		return "value is out of range";
	if ((*end == 'e' || *end == 'E') && end[1] >= '1' && end[1] <= '9') {
		if (v < 1 || v > 9)
			return "coefficient part of scientific literal must be 1-9";
		unsigned long long exp = strtoull(end + 1, &end, 10);
		for (; exp > 0; exp--) {
			if (v > ~0ULL / 10)
				return "value is out of range";
			v *= 10;
		}
	}
	static const struct {
		const char *suffix;
		unsigned long long max, unit;
	} suffixes[] = {
		{ "", ~0ULL, 1 }, { "u", 0xffffffffULL, 1 }, { "ul", ~0ULL, 1 }, { "ull", ~0ULL, 1 },
		{ "l", 0x7fffffffffffffffULL, 1 }, { "ll", 0x7fffffffffffffffULL, 1 },
		{ "ns", ~0ULL, 1 }, { "us", ~0ULL, 1000ULL }, { "ms", ~0ULL, 1000000ULL },
		{ "s", ~0ULL, 1000000000ULL }, { "m", ~0ULL, 60000000000ULL },
		{ "h", ~0ULL, 3600000000000ULL }, { "d", ~0ULL, 86400000000000ULL },
	};
	char suffix[8];
	size_t sl = strlen(end);
	if (sl >= sizeof(suffix))
		return "invalid trailing bytes";
	bool c_suffix = strspn(end, "uUlL") == sl; /* C's are case-insensitive, durations not */
	for (size_t i = 0; i <= sl; i++)
		suffix[i] = c_suffix ? (char)tolower((unsigned char)end[i]) : end[i];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strcmp(suffix, suffixes[i].suffix))
			continue;
		if (v > suffixes[i].max / suffixes[i].unit)
			return "value is out of range";
		*out = v * suffixes[i].unit;
		return NULL;
	}
	return "invalid trailing bytes";
}

static bool is_word(const char *value, const char *a, const char *b)
{
	return !strcasecmp(value, a) || !strcasecmp(value, b);
}

static bool option_error(struct named *s, struct option_def *o, const char *value, const char *err)
{
	if (!o->bad)
		diag_plain_error("program command line option --%s %s (value: %s)", o->name, err, value);
	o->bad = true;
	s->failed = true;
	return false;
}

/* n, a getopt() of option o, becomes the option's value. */
static bool substitute_value(struct named *s, struct node *n, struct option_def *o)
{
	bool given;
	const char *value = given_value(s->params, o->name, &given);
	if (!given) {
		if (o->type == OPT_BOOL)
			to_bool(n, o->number);
		else if (o->type == OPT_STRING)
			to_string(n, o->text);
		else
			to_int(n, o->number, o->type == OPT_INT);
		return true;
	}
	if (!value) { /* --name alone: a flag */
		if (o->type == OPT_BOOL) {
			to_bool(n, true);
			return true;
		}
		return option_error(s, o, "true", o->type == OPT_STRING ? "expects a string" : "expects an integer");
	}
	switch (o->type) {
	case OPT_BOOL:
		if (is_word(value, "true", "1"))
			to_bool(n, true);
		else if (is_word(value, "false", "0"))
			to_bool(n, false);
		else
			return option_error(s, o, value, "expects a boolean (e.g. 'true')");
		return true;
	case OPT_STRING:
		to_string(n, arena_strdup(value));
		return true;
	case OPT_UINT:
	case OPT_INT: {
		bool negative = o->type == OPT_INT && value[0] == '-';
		unsigned long long v;
		const char *err = read_uint(value + negative, &v);
		if (!err && o->type == OPT_INT && v > (negative ? 1ULL << 63 : (1ULL << 63) - 1))
			err = "value is out of range";
		if (err)
			return option_error(s, o, value, err);
		to_int(n, negative ? (long long)(0 - v) : (long long)v, o->type == OPT_INT);
		return true;
	}
	}
	return false;
}

static void collect(struct node **slot, void *ctx)
{
	struct named *s = ctx;
	struct node *n = *slot;
	if (n->kind == N_CALL && !strcmp(n->call.name, "getopt")) {
		if (declare(s, n))
			node_list_push(&s->calls, n);
		else
			s->failed = true;
		return;
	}
	node_for_each_child(n, collect, ctx);
}

/* "--a, --b" */
static char *option_list(const struct named *s)
{
	char *list = "";
	for (const struct option_def *o = s->options; o; o = o->next)
		list = arena_printf("%s%s--%s", list, *list ? ", " : "", o->name);
	return list;
}

/* Options given that no getopt() names; --help asks for the list. */
static bool check_given(struct named *s)
{
	const struct params *p = s->params;
	char *unknown = "";
	bool help = false;
	for (int i = 0; i < p->nnamed; i++) {
		const char *a = p->named[i] + 2;
		char *name = arena_strdup(a);
		name[strcspn(name, "=")] = 0;
		if (find(s, name))
			continue;
		if (!strcmp(a, "help")) {
			help = true;
			continue;
		}
		unknown = arena_printf("%s%s--%s", unknown, *unknown ? ", " : "", name);
	}
	if (*unknown) {
		diag_plain_error("unexpected program command line options: %s", unknown);
		if (s->options)
			diag_plain_note("expected program options: %s", option_list(s));
		else
			diag_plain_note("no custom program options defined.");
		return false;
	}
	if (help) {
		if (!s->options) {
			diag_plain_note("no custom program options defined.");
		} else {
			diag_plain_note("expected program options:");
			for (const struct option_def *o = s->options; o; o = o->next)
				fprintf(diag_stream(), "  --%s%s%s\n", o->name, o->description ? ": " : "",
					o->description ? o->description : "");
		}
		diag_plain_error("--help: the script's options are listed; it does not run");
		return false;
	}
	return true;
}

int pass_named(struct program *p)
{
	struct named s = { .params = p->params };
	struct node *ast = p->ast;
	for (int i = 0; i < ast->program.probes.n; i++) {
		struct node *probe = ast->program.probes.items[i];
		if (probe->probe.pred)
			collect(&probe->probe.pred, &s);
		collect(&probe->probe.body, &s);
	}
	/* as bpftrace: options nothing names first, then the values */
	if (s.failed || !check_given(&s))
		return -1;
	for (int i = 0; i < s.calls.n; i++) {
		struct node *n = s.calls.items[i];
		substitute_value(&s, n, find(&s, n->call.args.items[0]->string.bytes));
	}
	return s.failed ? -1 : 0;
}
