/* The types pass: gives every expression of every expanded probe a type
 * and fixes the key and value types of every map. A map may be read in a
 * probe above the one that assigns it, so the pass goes over the program
 * until no map type changes (twice for most scripts), holding its
 * messages back; only the last round, which saw every map's type, is
 * reported. Builtins' type rules are their rows' (builtins/). */
#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "builtin.h"
#include "cdefs.h"
#include "check.h"
#include "comptime.h"
#include "passes.h"
#include "../probes/provider.h"
#include "spelling.h"

/* Slots only grow (unknown -> known, strings longer, signed -> unsigned),
 * so the rounds end; a round can settle as little as one map of a chain,
 * so their number is bounded by what can grow, not by a small constant.
 * Past this bound there is a bug: an internal error, not a guess. */
#define ROUNDS_PER_MAP 4
#define MIN_ROUNDS 8


void check_error(struct checker *c, struct loc loc, const char *fmt, ...)
{
	c->failed = true;
	va_list ap;
	va_start(ap, fmt);
	diag_verror(loc, fmt, ap);
	va_end(ap);
}

bool check_int(struct checker *c, struct node *n, const char *what)
{
	const struct type *t = check_expr(c, n);
	if (type_is_integer(t) || t->kind == TY_NONE)
		return true;
	check_error(c, n->loc, "%s must be an integer, not %s", what, type_name(t));
	return false;
}

static bool is_negative_literal(const struct node *n)
{
	return n->kind == N_UNARY && n->unary.op == OP_NEG && n->unary.operand->kind == N_INT;
}

bool is_const_int(const struct node *n)
{
	return n->kind == N_INT || is_negative_literal(n);
}

long long const_int_value(const struct node *n)
{
	return is_negative_literal(n) ? -n->unary.operand->integer.value : n->integer.value;
}

bool check_const_int(struct checker *c, struct node *n, const char *what, long long *out)
{
	if (!is_const_int(n)) {
		check_error(c, n->loc, "%s must be a constant integer", what);
		return false;
	}
	n->type = type_int(true);
	*out = const_int_value(n);
	return true;
}

/* ---- variables and maps ---- */

static struct var_info *find_var(struct checker *c, const char *name)
{
	for (int i = 0; i < c->nvars; i++)
		if (!strcmp(c->vars[i]->name, name))
			return c->vars[i];
	return NULL;
}

static struct var_info *new_var(struct checker *c, const char *name, const struct type *t, struct loc loc)
{
	c->vars = arena_grow(c->vars, c->nvars, &c->vars_cap, sizeof(*c->vars));
	struct var_info *v = arena_alloc(sizeof(*v));
	v->name = name;
	v->type = t;
	v->loc = loc;
	c->vars[c->nvars++] = v;
	return v;
}

static struct map_info *find_map(struct program *p, const char *name)
{
	for (int i = 0; i < p->nmaps; i++)
		if (!strcmp(p->maps[i]->name, name))
			return p->maps[i];
	struct map_info *m = arena_alloc(sizeof(*m));
	m->name = name;
	m->id = p->nmaps;
	m->value = TYPE_NONE;
	p->maps = arena_grow(p->maps, p->nmaps, &p->maps_cap, sizeof(*p->maps));
	p->maps[p->nmaps++] = m;
	return m;
}

/* One slot (a map's key or value, a variable) holds one kind of value;
 * integers and addresses are one kind; tuples of the same shape are one
 * kind when their members are. */
static bool same_kind(const struct type *a, const struct type *b)
{
	if (type_is_integer(a) && type_is_integer(b))
		return true;
	if (a->kind != b->kind)
		return false;
	if (!type_is_tuple(a))
		return a->kind != TY_RESOLVED || (a->resolved == b->resolved && a->stack_mode == b->stack_mode);
	if (a->nmembers != b->nmembers)
		return false;
	for (int i = 0; i < a->nmembers; i++)
		if (strcmp(a->members[i].name, b->members[i].name) || !same_kind(a->members[i].type, b->members[i].type))
			return false;
	return true;
}

/* The type that holds both a and b (same_kind): the longer string, the
 * stack of more frames, the wider integer (unsigned if either is),
 * tuples member by member. */
static const struct type *wider(const struct type *a, const struct type *b)
{
	if (type_is_stack(a))
		return b->stack_limit > a->stack_limit ? b : a;
	if ((a->kind == TY_STR && b->kind == TY_STR) || a->kind == TY_RESOLVED) /* the longer buffer */
		return b->size > a->size ? b : a;
	if (type_is_integer(a) && type_is_integer(b)) {
		if (a->kind == TY_PTR) /* an address stays one */
			return a;
		if (b->kind == TY_PTR)
			b = type_int(false);
		if (a->kind == TY_BOOL && b->kind == TY_BOOL)
			return a;
		int size = a->size > b->size ? a->size : b->size;
		bool is_signed = a->is_signed && b->is_signed;
		if (a->size == size && a->is_signed == is_signed)
			return a;
		return type_int_sized(size, is_signed);
	}
	if (!type_is_tuple(a))
		return a;
	const struct type *members[a->nmembers ? a->nmembers : 1];
	const char *names[a->nmembers ? a->nmembers : 1];
	bool changed = false;
	for (int i = 0; i < a->nmembers; i++) {
		members[i] = wider(a->members[i].type, b->members[i].type);
		names[i] = a->members[i].name;
		changed |= members[i] != a->members[i].type;
	}
	if (!changed)
		return a;
	return a->kind == TY_RECORD ? type_record(names, members, a->nmembers) : type_tuple(members, a->nmembers);
}

/* The slot takes what holds both. Returns whether it changed. */
static bool widen(const struct type **slot, const struct type *t)
{
	const struct type *was = *slot;
	const struct type *w = wider(was, t);
	if (w != was && !type_equal(w, was))
		*slot = w;
	return *slot != was;
}

static bool is_tid(const struct node *n)
{
	return n->kind == N_IDENT && n->ident.builtin && !strcmp(n->ident.builtin->name, "tid");
}

static bool can_be_key(const struct type *t)
{
	/* arrays and structs: their bytes, as bpftrace */
	if (type_is_integer(t) || t->kind == TY_STR || t->kind == TY_PROBE || t->kind == TY_RESOLVED ||
	    t->kind == TY_ARRAY || t->kind == TY_STRUCT || t->kind == TY_UNION)
		return true;
	if (!type_is_tuple(t))
		return false;
	for (int i = 0; i < t->nmembers; i++)
		if (!can_be_key(t->members[i].type))
			return false;
	return true;
}

struct map_info *check_map_keys(struct checker *c, struct node *n)
{
	struct map_info *m = find_map(c->prog, n->map.name);
	struct node_list *keys = &n->map.keys;
	n->map.map = m;
	int nkeys = keys->n;
	const struct type *types[MAX_MAP_KEYS];
	for (int i = 0; i < keys->n && i < MAX_MAP_KEYS; i++) {
		struct node *k = keys->items[i];
		types[i] = check_expr(c, k);
		if (types[i]->kind == TY_NONE)
			return m;
		if (!can_be_key(types[i])) {
			check_error(c, k->loc, "%s cannot be a map key", type_name(types[i]));
			return m;
		}
	}
	/* @m[$t] with a tuple $t is @m[$t.0, $t.1...]: one key of several parts */
	n->map.key_is_tuple = keys->n == 1 && types[0]->kind == TY_TUPLE && types[0]->nmembers > 1;
	if (n->map.key_is_tuple) {
		const struct type *t = types[0];
		nkeys = t->nmembers;
		for (int i = 0; i < nkeys && i < MAX_MAP_KEYS; i++)
			types[i] = t->members[i].type;
	}
	if (nkeys > MAX_MAP_KEYS) {
		check_error(c, n->loc, "a map can have at most %d keys", MAX_MAP_KEYS);
		return m;
	}
	for (int i = 0; i < nkeys; i++)
		types[i] = type_promote(types[i]);
	if (keys->n != 1 || !is_tid(keys->items[0]))
		m->key_not_tid = true;
	if (!m->keys_known) {
		m->keys_known = true;
		m->keys_loc = n->loc;
		m->nkeys = nkeys;
		memcpy(m->keys, types, sizeof(types[0]) * (size_t)nkeys);
		c->prog->types_changed = true;
		return m;
	}
	if (m->nkeys != nkeys) {
		check_error(c, n->loc, "%s is used with %d key%s here but with %d elsewhere", m->name, nkeys,
			    nkeys == 1 ? "" : "s", m->nkeys);
		return m;
	}
	for (int i = 0; i < nkeys; i++) {
		struct node *at = n->map.key_is_tuple ? keys->items[0] : keys->items[i];
		if (!same_kind(m->keys[i], types[i])) {
			check_error(c, at->loc, "%s key %d is %s here but %s elsewhere", m->name, i + 1,
				    type_name(types[i]), type_name(m->keys[i]));
			diag_note(m->keys_loc, "%s is used with key %d of %s here", m->name, i + 1, type_name(m->keys[i]));
			return m;
		}
		if (widen(&m->keys[i], types[i]))
			c->prog->types_changed = true;
	}
	return m;
}

/* " (did you mean @x?)" among the maps the program assigns */
static const char *map_hint(const struct program *p, const char *name)
{
	struct nearest nr;
	nearest_begin(&nr, name);
	for (int i = 0; i < p->nmaps; i++)
		if (p->maps[i]->value->kind != TY_NONE)
			nearest_offer(&nr, p->maps[i]->name);
	return nearest_hint(&nr);
}

struct map_info *check_whole_map(struct checker *c, struct node *n)
{
	struct map_info *m = find_map(c->prog, n->map.name);
	n->map.map = m;
	m->used_whole = true;
	if (m->value->kind == TY_NONE)
		check_error(c, n->loc, "%s is used here but never assigned%s", m->name, map_hint(c->prog, m->name));
	return m;
}

static bool same_aggregate(const struct aggregate *a, const struct aggregate *b)
{
	return a->kind == b->kind && a->min == b->min && a->max == b->max && a->step == b->step &&
	       a->interval == b->interval && a->intervals == b->intervals && a->func == b->func && a->bits == b->bits;
}

/* Records the value type of map m assigned at loc (with the aggregate
 * the value made, if it aggregates); one type per map. */
static void set_map_value(struct checker *c, struct map_info *m, const struct type *t, const struct aggregate *agg,
			  struct loc loc)
{
	if (t->kind == TY_NONE)
		return;
	if (!agg && t->size == 0) { /* (): a BPF map's values have a size */
		check_error(c, loc, "%s cannot hold %s: a map's value has to hold something", m->name, type_name(t));
		return;
	}
	t = type_promote(t);
	if (m->value->kind == TY_NONE) {
		m->value = t;
		m->value_loc = loc;
		if (agg)
			m->agg = *agg;
		c->prog->types_changed = true;
		return;
	}
	bool same = same_kind(m->value, t) && m->value->agg == t->agg && (!agg || same_aggregate(agg, &m->agg));
	if (!same && agg && m->value->agg == t->agg) { /* hist(x, 1) and hist(x, 2); lhists of two bounds */
		check_error(c, loc, "%s is given %s() with other arguments here than at %d:%d; a map keeps one shape of "
			    "%s()", m->name, t->agg->name, m->value_loc.line, m->value_loc.col, t->agg->name);
		return;
	}
	if (!same) {
		check_error(c, loc, "%s is assigned %s here, but %s at %d:%d; a map holds one type of value", m->name,
			    type_name(t), type_name(m->value), m->value_loc.line, m->value_loc.col);
		diag_note(m->value_loc, "%s is assigned %s here", m->name, type_name(m->value));
		return;
	}
	if (widen(&m->value, t))
		c->prog->types_changed = true;
}


static const struct type *map_read(struct checker *c, struct node *n)
{
	struct map_info *m = check_map_keys(c, n);
	const struct type *v = m->value;
	switch (v->kind) {
	case TY_NONE:
		/* unknown, not guessed: a later round may know it (assigned in
		 * a probe below), and a guess would stick to what it flows into */
		check_error(c, n->loc, "%s is read here but never assigned%s", m->name, map_hint(c->prog, m->name));
		return TYPE_NONE;
	case TY_AGG:
		if (!m->agg.kind->readable) {
			check_error(c, n->loc, "%s holds %s() values, which cannot be read in an expression", m->name,
				    m->agg.kind->name);
			return TYPE_NONE;
		}
		m->read_in_kernel = true;
		return type_int(!m->agg.kind->unsigned_number && m->agg.is_signed);
	default:
		return v;
	}
}

/* ---- expressions ---- */

bool check_probe_as_string(struct checker *c, struct node *n, const struct type *t)
{
	if (t->kind != TY_PROBE || !c->inst || n->kind != N_IDENT ||
	    (strcmp(n->ident.name, "probe") && strcmp(n->ident.name, "func")))
		return false;
	const char *name = t->of_func ? c->inst->ap->func : c->inst->ap->name;
	if (!name)
		return false;
	node_become(n, N_STR);
	n->string.bytes = name;
	n->string.len = (int)strlen(name);
	n->string.of_probe = true;
	n->type = type_str(n->string.len + 1);
	return true;
}

static const struct type *check_binary(struct checker *c, struct node *n)
{
	const struct type *a = check_expr(c, n->binary.left);
	const struct type *b = check_expr(c, n->binary.right);
	enum op op = n->binary.op;
	if (a->kind == TY_NONE || b->kind == TY_NONE)
		return TYPE_NONE;
	if ((op == OP_EQ || op == OP_NE) && a->kind == TY_STR && b->kind == TY_STR)
		return TYPE_BOOL;
	/* probe == "kprobe:f": the attach point's name, known when compiling */
	if ((op == OP_EQ || op == OP_NE) &&
	    ((a->kind == TY_STR && check_probe_as_string(c, n->binary.right, b)) ||
	     (b->kind == TY_STR && check_probe_as_string(c, n->binary.left, a))))
		return TYPE_BOOL;
	if ((op == OP_EQ || op == OP_NE) && a->kind == TY_ARRAY && b->kind == TY_ARRAY) { /* byte for byte */
		if (type_equal(a, b))
			return TYPE_BOOL;
		check_error(c, n->loc, "'%s' compares arrays of one type, not %s and %s", op_spelling(op), type_name(a),
			    type_name(b));
		return TYPE_NONE;
	}
	if (!type_is_integer(a) || !type_is_integer(b)) {
		check_error(c, n->loc, "'%s' cannot be applied to %s and %s", op_spelling(op), type_name(a),
			    type_name(b));
		return TYPE_NONE;
	}
	if ((op == OP_ADD || op == OP_SUB) && (a->kind == TY_PTR || b->kind == TY_PTR)) {
		/* p + n moves n pointees; p - q counts them */
		if (a->kind == TY_PTR && b->kind == TY_PTR && op == OP_SUB)
			return type_int(true);
		if (b->kind == TY_PTR && (op == OP_SUB || a->kind == TY_PTR)) {
			check_error(c, n->loc, "'%s' cannot be applied to %s and %s", op_spelling(op), type_name(a),
				    type_name(b));
			return TYPE_NONE;
		}
		return a->kind == TY_PTR ? a : b;
	}
	switch (op) {
	case OP_LAND: case OP_LOR:
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return TYPE_BOOL;
	case OP_SUB: /* signed whatever its operands, as current bpftrace: 5 - 10 is -5 */
		return type_int(true);
	default:
		return type_int(a->is_signed && b->is_signed);
	}
}

static void report_arity(struct checker *c, struct node *n, const struct builtin *b)
{
	int given = n->call.args.n;
	if (b->min_args == b->max_args)
		check_error(c, n->loc, "%s() takes %d argument%s, %d given: %s", b->name, b->min_args,
			    b->min_args == 1 ? "" : "s", given, b->signature);
	else
		check_error(c, n->loc, "%s() takes %d to %d arguments, %d given: %s", b->name, b->min_args,
			    b->max_args, given, b->signature);
}

/* " (did you mean ...?)" for a name no builtin has */
static const char *builtin_hint(const char *name)
{
	struct nearest nr;
	nearest_begin(&nr, name);
	builtins_offer_names(&nr);
	return nearest_hint(&nr);
}

/* bpftrace's functions lantern does not have yet: said so, not "unknown" */
static bool not_yet(const char *name)
{
	static const char *const names[] = { "dw_ustack" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

static const struct type *check_call(struct checker *c, struct node *n)
{
	const struct builtin *b = builtin_lookup(n->call.name);
	n->call.builtin = b;
	bool may_aggregate = c->agg_site == n;
	c->agg_site = NULL; /* nothing nested in a call aggregates */
	if (!b && not_yet(n->call.name)) {
		check_error(c, n->loc, "%s() is not supported yet", n->call.name);
		return TYPE_NONE;
	}
	if (!b) {
		check_error(c, n->loc, "unknown function '%s'%s", n->call.name, builtin_hint(n->call.name));
		return TYPE_NONE;
	}
	if ((b->flags & BF_UNSAFE) && !c->prog->unsafe) /* first, as bpftrace: the most pertinent */
		check_error(c, n->loc, "%s() is unsafe. To use you need the --unsafe flag", b->name);
	if (b->kind == BUILTIN_VARIABLE && n->call.args.n == 0) /* pid() means pid */
		return b->check(c, n);
	if (n->call.args.n < b->min_args || n->call.args.n > b->max_args) {
		report_arity(c, n, b);
		return TYPE_NONE;
	}
	if (b->kind == BUILTIN_AGGREGATION && !may_aggregate) {
		check_error(c, n->loc, "%s() must be assigned to a map, as in @x = %s(...)", b->name, b->name);
		return TYPE_NONE;
	}
	return b->check(c, n);
}

static const struct type *check_ident(struct checker *c, struct node *n)
{
	const struct builtin *b = builtin_lookup(n->ident.name);
	n->ident.builtin = b;
	if (!b) {
		check_error(c, n->loc, "unknown identifier '%s'%s", n->ident.name, builtin_hint(n->ident.name));
		return TYPE_NONE;
	}
	if (b->kind != BUILTIN_VARIABLE) {
		check_error(c, n->loc, "%s is a function: call it as %s", n->ident.name, b->signature);
		return TYPE_NONE;
	}
	return b->check(c, n);
}

const struct type *check_var_read(struct checker *c, struct node *n)
{
	struct var_info *v = find_var(c, n->var.name);
	n->var.var = v;
	if (!v) {
		const struct var_info *gone = NULL;
		for (int i = c->ngone - 1; i >= 0 && !gone; i--)
			if (!strcmp(c->gone[i]->name, n->var.name))
				gone = c->gone[i];
		if (gone)
			check_error(c, n->loc, "%s is not known here: it was assigned at %d:%d, inside a block that has "
				    "ended (to use it after the block, declare it before: let %s;)", n->var.name,
				    gone->loc.line, gone->loc.col, n->var.name);
		else
			check_error(c, n->loc, "variable %s is used before it is assigned", n->var.name);
		return TYPE_NONE;
	}
	if (v->type->kind == TY_NONE)
		check_error(c, n->loc, "the type of %s is not known: it is declared at %d:%d but never assigned", n->var.name,
			    v->loc.line, v->loc.col);
	return v->type;
}

/* A `let $x;` variable keeps what its assignments made of it for the
 * next round (var_info.declared_by). */
static void note_declared_type(struct checker *c, struct var_info *v)
{
	if (v->declared_by && !type_equal(v->declared_by->type, v->type)) {
		v->declared_by->type = v->type;
		c->prog->types_changed = true;
	}
}

/* x++, x += y: the target must hold an integer (a new map one does). */
/* spelling: the operator as written ("++", "+="), for messages */
static const struct type *check_incdec_target(struct checker *c, struct node *target, struct loc at,
					      const char *spelling)
{
	if (target->kind == N_VAR) {
		const struct type *t = check_var_read(c, target);
		target->type = t;
		if (!type_is_integer(t) && t->kind != TY_NONE) {
			check_error(c, at, "'%s' needs an integer, but %s is %s", spelling, target->var.name,
				    type_name(t));
			return TYPE_NONE;
		}
		return t;
	}
	struct map_info *m = check_map_keys(c, target);
	if (m->value->kind == TY_NONE)
		set_map_value(c, m, type_int(true), NULL, at);
	if (!type_is_integer(m->value)) {
		check_error(c, at, "'%s' needs an integer value, but %s holds %s", spelling, m->name,
			    type_name(m->value));
		return TYPE_NONE;
	}
	target->type = m->value;
	return m->value;
}

static const struct type *check_unary(struct checker *c, struct node *n)
{
	enum op op = n->unary.op;
	if (op == OP_DEREF)
		return check_deref(c, n);
	if (op == OP_ADDR)
		return check_address_of(c, n);
	struct node *operand = n->unary.operand;
	if (!check_int(c, operand, arena_printf("the operand of '%s'", op_spelling(op))))
		return TYPE_NONE;
	if (op == OP_LNOT)
		return TYPE_BOOL;
	if (op == OP_NEG && operand->kind == N_INT) /* -1 is a literal too */
		return operand->type;
	return type_int(op == OP_NEG || operand->type->is_signed);
}

static void end_scope(struct checker *c, int outer);

/* A branch of an if expression is a block: its variables live in it. */
static const struct type *check_arm(struct checker *c, struct node *arm, bool scoped)
{
	int outer_vars = c->nvars;
	const struct type *t = check_expr(c, arm);
	if (scoped)
		end_scope(c, outer_vars);
	return t;
}

static const struct type *check_ternary(struct checker *c, struct node *n)
{
	check_int(c, n->ternary.cond, "a condition");
	/* a ?: b is a if it is true: a's value is the first branch */
	const struct type *a = n->ternary.then ? check_arm(c, n->ternary.then, n->ternary.is_if) : n->ternary.cond->type;
	const struct type *b = check_arm(c, n->ternary.other, n->ternary.is_if);
	if (a->kind == TY_NONE || b->kind == TY_NONE)
		return TYPE_NONE;
	if (a->kind == TY_VOID && b->kind == TY_VOID) /* c ? printf(..) : printf(..): a statement */
		return TYPE_VOID;
	if (!same_kind(a, b) || (!type_is_integer(a) && a->kind != TY_STR && !type_is_tuple(a))) {
		check_error(c, n->loc, "the branches of '%s' have different types: %s and %s",
			    n->ternary.is_if ? "if" : "?:", type_name(a), type_name(b));
		return TYPE_NONE;
	}
	widen(&a, b);
	return a;
}

const struct type *check_expr(struct checker *c, struct node *n)
{
	const struct type *t = TYPE_NONE;
	switch (n->kind) {
	case N_INT:
		t = n->integer.is_bool ? TYPE_BOOL : n->integer.enum_type ? n->integer.enum_type : type_of_literal(n->integer.value);
		break;
	case N_STR: t = type_str(n->string.len + 1); break;
	case N_IDENT: t = check_ident(c, n); break;
	case N_VAR: t = check_var_read(c, n); break;
	case N_MAP: t = map_read(c, n); break;
	case N_CALL: t = check_call(c, n); break;
	case N_BINARY: t = check_binary(c, n); break;
	case N_UNARY: t = check_unary(c, n); break;
	case N_TERNARY: t = check_ternary(c, n); break;
	case N_CAST: t = check_cast(c, n); break;
	case N_INCDEC: t = check_incdec_target(c, n->incdec.target, n->loc, op_spelling(n->incdec.op)); break;
	case N_CONTEXT: t = n->type; break; /* typed by the provider (context pass) */
	case N_BLOCK_EXPR: t = check_block_expr(c, n); break;
	case N_FIELD: t = check_field(c, n); break;
	case N_INDEX: t = check_index(c, n); break;
	case N_TUPLE: t = check_tuple(c, n); break;
	case N_TYPE_NAME:
		check_error(c, n->loc, "a type is no value: typeof() is for sizeof(), let and macro arguments");
		break;
	default:
		/* positionals are gone after their pass; statements are not here */
		check_error(c, n->loc, "internal error: %s is not an expression here", node_kind_name(n->kind));
	}
	n->type = t;
	return t;
}

/* ---- statements ---- */

bool returns_value(struct checker *c, struct node *value, const struct type *t)
{
	if (t->kind != TY_VOID)
		return true;
	const char *name = node_name(value);
	check_error(c, value->loc, "%s() returns no value", name ? name : "this");
	return false;
}

static void check_assign(struct checker *c, struct node *n)
{
	struct node *target = n->assign.target, *value = n->assign.value;
	if (n->assign.op != OP_NONE) { /* x op= y: both integers */
		const char *spelling = arena_printf("%s=", op_spelling(n->assign.op));
		if (type_is_integer(check_incdec_target(c, target, n->loc, spelling)))
			check_int(c, value, arena_printf("the right side of '%s='", op_spelling(n->assign.op)));
		return;
	}
	if (target->kind == N_MAP) {
		struct map_info *m = check_map_keys(c, target);
		c->agg_site = value;
		const struct type *t = check_expr(c, value);
		c->agg_site = NULL;
		if (!returns_value(c, value, t))
			return;
		set_map_value(c, m, t, t->kind == TY_AGG ? &c->made : NULL, value->loc);
		target->type = m->value;
		return;
	}
	const struct type *t = check_expr(c, value);
	if (t->kind == TY_NONE || !returns_value(c, value, t))
		return;
	t = type_promote(t);
	struct var_info *v = find_var(c, target->var.name);
	if (!v) {
		v = new_var(c, target->var.name, t, target->loc);
	} else if (v->type->kind == TY_NONE) { /* let $x; then its first assignment */
		v->type = t;
	} else if (!same_kind(v->type, t)) {
		check_error(c, n->loc, "%s was assigned %s at %d:%d, now %s; a variable holds one type",
			    target->var.name, type_name(v->type), v->loc.line, v->loc.col, type_name(t));
		diag_note(v->loc, "%s is first assigned %s here", target->var.name, type_name(v->type));
		return;
	} else if (!v->type_fixed) {
		widen(&v->type, t);
	}
	note_declared_type(c, v);
	target->var.var = v;
	target->type = v->type;
}

/* let $x; let $x = v; let $x: uint16 [= v]; no shadowing of a variable
 * in scope, as bpftrace. */
static void check_let(struct checker *c, struct node *n)
{
	struct node *var = n->let.var, *value = n->let.value;
	struct var_info *v = find_var(c, var->var.name);
	if (v) {
		check_error(c, var->loc, "%s is already declared at %d:%d; a variable cannot be declared twice",
			    var->var.name, v->loc.line, v->loc.col);
		return;
	}
	const struct type *declared = NULL;
	if (n->let.type_name && !check_type_name(c, n->loc, n->let.type_name, n->let.ptr_depth, &declared))
		return;
	if (n->let.type_of) { /* its type only: never lowered */
		if (n->let.type_of->kind == N_TYPE_NAME) /* typeof(type), a macro's argument */
			declared = check_type_ref(c, n->let.type_of);
		else
			declared = check_expr(c, n->let.type_of);
		if (!declared || declared->kind == TY_NONE)
			return;
		if (declared->kind == TY_VOID || declared->kind == TY_AGG) {
			check_error(c, n->let.type_of->loc, "%s is not a type a variable can hold", type_name(declared));
			return;
		}
	}
	const struct type *t = declared ? declared : n->type;
	if (value) {
		const struct type *vt = check_expr(c, value);
		if (vt->kind == TY_NONE || !returns_value(c, value, vt))
			return;
		if (declared && !same_kind(declared, vt)) {
			check_error(c, value->loc, "%s is declared %s; it cannot hold %s", var->var.name,
				    type_name(declared), type_name(vt));
			return;
		}
		if (!declared)
			t = t->kind == TY_NONE ? type_promote(vt) : t;
	}
	v = new_var(c, var->var.name, t, var->loc);
	v->type_fixed = declared != NULL;
	if (!declared)
		v->declared_by = n;
	if (value && !declared)
		widen(&v->type, type_promote(value->type));
	note_declared_type(c, v);
	var->var.var = v;
	var->type = v->type;
}

/* The variables made since `outer` go out of scope; kept aside to say
 * so when one is used after its block. */
static void end_scope(struct checker *c, int outer)
{
	for (int i = outer; i < c->nvars; i++) {
		c->gone = arena_grow(c->gone, c->ngone, &c->gone_cap, sizeof(*c->gone));
		c->gone[c->ngone++] = c->vars[i];
	}
	c->nvars = outer;
}

/* A block of an if, a loop or unroll: variables it first assigns live in
 * it only, as bpftrace's block scoping has it. */
static void check_scoped_block(struct checker *c, struct node *block)
{
	int outer_vars = c->nvars;
	check_block(c, block);
	end_scope(c, outer_vars);
}

static void check_loop_body(struct checker *c, struct node *body)
{
	c->loop_depth++;
	check_scoped_block(c, body);
	c->loop_depth--;
}

/* The loop variable of a for: a new variable of type t. */
static void loop_var(struct checker *c, struct node *var, const struct type *t)
{
	struct var_info *v = find_var(c, var->var.name);
	if (v && !type_equal(v->type, t)) {
		check_error(c, var->loc, "%s is %s, assigned at %d:%d; a loop's variable holds %s", var->var.name,
			    type_name(v->type), v->loc.line, v->loc.col, type_name(t));
		return;
	}
	if (!v)
		v = new_var(c, var->var.name, t, var->loc);
	var->var.var = v;
	var->type = t;
}

/* for ($i : a..b) and for ($kv : @m), with $kv = (key, value). The loop's
 * variable, and those its body first assigns, live in the loop only. */
static void check_for(struct checker *c, struct node *n)
{
	struct node *var = n->for_loop.var;
	int outer_vars = c->nvars;
	if (!n->for_loop.map) {
		bool ok = check_int(c, n->for_loop.start, "a range's start");
		ok &= check_int(c, n->for_loop.end, "a range's end");
		if (ok)
			loop_var(c, var, type_int(true));
	} else {
		struct map_info *m = check_whole_map(c, n->for_loop.map);
		const struct type *v = m->value;
		if (v->kind == TY_AGG) {
			check_error(c, n->for_loop.map->loc, "for over a map of %s() values is not supported yet",
				    v->agg->name);
		} else if (v->kind != TY_NONE && !m->nkeys) {
			check_error(c, n->for_loop.map->loc, "for needs a map with keys; %s has none", m->name);
		} else if (v->kind != TY_NONE) {
			const struct type *kv[2] = { m->nkeys == 1 ? m->keys[0] : type_tuple(m->keys, m->nkeys), v };
			loop_var(c, var, type_tuple(kv, 2));
		}
	}
	check_loop_body(c, n->for_loop.body);
	end_scope(c, outer_vars);
}

static void check_stmt(struct checker *c, struct node *n);

/* `if comptime cond`: cond is known now (literals, sizeof, is_str...);
 * the branch it takes stays, as `if (1) { ... }`, and the other goes
 * unchecked (its fail() is no error). Types may be known only in a later
 * round: until then neither branch is checked. */
static void check_comptime_if(struct checker *c, struct node *n)
{
	struct node *cond = n->if_stmt.cond;
	check_int(c, cond, "a condition");
	long long v;
	if (!comptime_value(cond, &v)) {
		check_error(c, cond->loc, "if comptime needs a condition known when the script is compiled");
		return;
	}
	struct node *one = node_new(N_INT, cond->loc);
	one->integer.value = 1;
	n->if_stmt.comptime = false;
	n->if_stmt.cond = one;
	if (v) {
		n->if_stmt.other = NULL;
	} else if (n->if_stmt.other && n->if_stmt.other->kind == N_IF) {
		*n = *n->if_stmt.other; /* else if ...: that if is the statement now */
	} else if (n->if_stmt.other) {
		n->if_stmt.then = n->if_stmt.other;
		n->if_stmt.other = NULL;
	} else {
		n->if_stmt.then = node_new(N_BLOCK, n->if_stmt.then->loc);
	}
	check_stmt(c, n);
}

static void check_stmt(struct checker *c, struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT:
		check_expr(c, n->expr_stmt.expr);
		break;
	case N_ASSIGN:
		check_assign(c, n);
		break;
	case N_LET:
		check_let(c, n);
		break;
	case N_IF:
		if (n->if_stmt.comptime) {
			check_comptime_if(c, n);
			break;
		}
		check_int(c, n->if_stmt.cond, "a condition");
		check_scoped_block(c, n->if_stmt.then);
		if (n->if_stmt.other && n->if_stmt.other->kind == N_IF)
			check_stmt(c, n->if_stmt.other);
		else if (n->if_stmt.other)
			check_scoped_block(c, n->if_stmt.other);
		break;
	case N_WHILE:
		check_int(c, n->while_loop.cond, "a condition");
		check_loop_body(c, n->while_loop.body);
		break;
	case N_UNROLL: {
		long long count;
		if (check_const_int(c, n->unroll.count, "unroll's count", &count) && (count < 1 || count > 100))
			check_error(c, n->unroll.count->loc, "unroll's count must be between 1 and 100");
		check_scoped_block(c, n->unroll.body);
		break;
	}
	case N_FOR:
		check_for(c, n);
		break;
	case N_BREAK:
	case N_CONTINUE:
		if (!c->loop_depth)
			check_error(c, n->loc, "%s outside of a loop", n->kind == N_BREAK ? "break" : "continue");
		break;
	case N_RETURN: /* a probe's value: evaluated, but its program returns 0 (what kernel hooks need) */
		if (n->ret.value)
			check_int(c, n->ret.value, "return's value");
		break;
	case N_BLOCK: /* a bare { ... } */
		check_scoped_block(c, n);
		break;
	default:
		check_error(c, n->loc, "internal error: unexpected %s statement", node_kind_name(n->kind));
	}
}

void check_block(struct checker *c, struct node *block)
{
	for (int i = 0; i < block->block.stmts.n; i++)
		check_stmt(c, block->block.stmts.items[i]);
}

/* Checks one expanded probe. Returns false if it had errors. */
static bool check_probe(struct program *prog, struct probe_instance *inst)
{
	struct checker c = { .prog = prog, .inst = inst };
	struct node *probe = inst->probe;
	if (probe->probe.pred)
		check_int(&c, probe->probe.pred, "a predicate");
	check_block(&c, probe->probe.body);
	return !c.failed;
}

int pass_types(struct program *p)
{
	for (int round = 1;; round++) {
		p->types_changed = false;
		p->warned_unstable_tseries = false;
		diag_hold();
		int failed = passes_each_instance(p, check_probe);
		bool settled = !p->types_changed;
		bool runaway = round > MIN_ROUNDS + ROUNDS_PER_MAP * p->nmaps;
		diag_release(settled);
		if (runaway)
			diag_plain_error("internal error: map types did not settle after %d rounds", round);
		if (settled || runaway)
			return failed || runaway ? -1 : 0;
	}
}
