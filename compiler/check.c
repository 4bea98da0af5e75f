/* The type checker: gives every expression of an expanded probe a type,
 * fixes the key and value types of every map, and registers the calls that
 * send events to userspace. It runs twice over the whole program: the first
 * round only learns map types (a map may be read in a probe above the one
 * that assigns it), the second reports errors and registers events. */
#include "check.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "builtins.h"

static void check_block(struct checker *c, struct node *block);

void check_error(struct checker *c, struct loc loc, const char *fmt, ...)
{
	c->failed = true;
	if (!c->final)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(loc, "%s", msg);
}

static struct type none(void)
{
	return (struct type){ .kind = TY_NONE };
}

bool check_int(struct checker *c, struct node *n, const char *what)
{
	struct type t = check_expr(c, n);
	if (t.kind == TY_INT || t.kind == TY_NONE)
		return true;
	check_error(c, n->loc, "%s must be an integer, not %s", what, type_name(&t));
	return false;
}

bool check_const_int(struct checker *c, struct node *n, const char *what, long long *out)
{
	if (n->kind == N_UNARY && n->op == OP_NEG && n->a->kind == N_INT) {
		n->type = type_int(true);
		*out = -n->a->ival;
		return true;
	}
	if (n->kind != N_INT) {
		check_error(c, n->loc, "%s must be a constant integer", what);
		return false;
	}
	n->type = type_int(true);
	*out = n->ival;
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

static struct var_info *new_var(struct checker *c, const char *name, struct type t, struct loc loc)
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
	p->maps = arena_grow(p->maps, p->nmaps, &p->maps_cap, sizeof(*p->maps));
	p->maps[p->nmaps++] = m;
	return m;
}

static bool same_kind(const struct type *a, const struct type *b)
{
	return a->kind == b->kind;
}

/* Strings of different sizes can share a slot: the slot takes the larger. */
static void widen(struct type *slot, const struct type *t)
{
	if (slot->kind == TY_STR && t->kind == TY_STR && t->size > slot->size)
		slot->size = t->size;
	if (slot->kind == TY_INT && t->kind == TY_INT && !t->is_signed)
		slot->is_signed = false;
}

struct map_info *check_map_keys(struct checker *c, struct node *n)
{
	struct map_info *m = find_map(c->prog, n->name);
	n->map = m;
	if (n->args.n > MAX_MAP_KEYS) {
		check_error(c, n->loc, "a map can have at most %d keys", MAX_MAP_KEYS);
		return m;
	}
	struct type keys[MAX_MAP_KEYS];
	for (int i = 0; i < n->args.n; i++) {
		struct node *k = n->args.items[i];
		keys[i] = check_expr(c, k);
		if (keys[i].kind == TY_NONE)
			return m;
		if (keys[i].kind != TY_INT && keys[i].kind != TY_STR && keys[i].kind != TY_PROBE) {
			check_error(c, k->loc, "%s cannot be a map key", type_name(&keys[i]));
			return m;
		}
	}
	struct node *k0 = n->args.n == 1 ? n->args.items[0] : NULL;
	if (!k0 || k0->kind != N_IDENT || !k0->builtin || k0->builtin->id != B_TID)
		m->key_not_tid = true;
	if (!m->keys_known) {
		m->keys_known = true;
		m->nkeys = n->args.n;
		memcpy(m->keys, keys, sizeof(keys[0]) * (size_t)n->args.n);
		return m;
	}
	if (m->nkeys != n->args.n) {
		check_error(c, n->loc, "%s is used with %d key%s here but with %d elsewhere", m->name,
			    n->args.n, n->args.n == 1 ? "" : "s", m->nkeys);
		return m;
	}
	for (int i = 0; i < n->args.n; i++) {
		if (!same_kind(&m->keys[i], &keys[i])) {
			check_error(c, n->args.items[i]->loc, "%s key %d is %s here but %s elsewhere", m->name,
				    i + 1, type_name(&keys[i]), type_name(&m->keys[i]));
			return m;
		}
		widen(&m->keys[i], &keys[i]);
	}
	return m;
}

struct map_info *check_whole_map(struct checker *c, struct node *n)
{
	struct map_info *m = find_map(c->prog, n->name);
	n->map = m;
	m->used_whole = true;
	if (m->value.kind == TY_NONE)
		check_error(c, n->loc, "%s is used here but never assigned", m->name);
	return m;
}

/* Records the value type of map m assigned at loc; one type per map. */
static void set_map_value(struct checker *c, struct map_info *m, struct type t, struct loc loc)
{
	if (t.kind == TY_NONE)
		return;
	if (m->value.kind == TY_NONE) {
		m->value = t;
		m->value_loc = loc;
		return;
	}
	bool same = same_kind(&m->value, &t) && m->value.agg == t.agg;
	if (same && t.agg == AGG_LHIST)
		same = t.lhist_min == m->value.lhist_min && t.lhist_max == m->value.lhist_max &&
		       t.lhist_step == m->value.lhist_step;
	if (!same) {
		check_error(c, loc, "%s is assigned %s here, but %s at %d:%d; a map holds one type of value",
			    m->name, type_name(&t), type_name(&m->value), m->value_loc.line, m->value_loc.col);
		return;
	}
	widen(&m->value, &t);
}

static struct type map_read(struct checker *c, struct node *n)
{
	struct map_info *m = check_map_keys(c, n);
	struct type v = m->value;
	switch (v.kind) {
	case TY_NONE:
		check_error(c, n->loc, "%s is read here but never assigned", m->name);
		return type_int(true);
	case TY_AGG:
		if (v.agg == AGG_HIST || v.agg == AGG_LHIST || v.agg == AGG_STATS) {
			check_error(c, n->loc, "%s holds %s() values, which cannot be read in an expression",
				    m->name, agg_name(v.agg));
			return none();
		}
		m->read_in_kernel = true;
		return type_int(v.agg == AGG_COUNT ? false : v.is_signed);
	default:
		return v;
	}
}

/* ---- expressions ---- */

static struct type check_field(struct checker *c, struct node *n)
{
	struct node *base = n->a;
	if (base->kind != N_IDENT || strcmp(base->name, "args")) {
		struct type t = check_expr(c, base);
		if (t.kind != TY_NONE)
			check_error(c, n->loc, "field access on %s is not supported yet", type_name(&t));
		return none();
	}
	struct attach_point *ap = c->inst->ap;
	if (!ap->provider->has_args) {
		check_error(c, base->loc, "%s probes have no args", ap->provider->name);
		return none();
	}
	const struct probe_field *f = ap->provider->field(ap, n->name);
	if (!f) {
		check_error(c, n->loc, "%s has no field '%s' in args", ap->name, n->name);
		return none();
	}
	if (f->unsupported) {
		check_error(c, n->loc, "args field '%s' has a type that is not supported yet", n->name);
		return none();
	}
	return f->type;
}

static bool integer_cast(const char *name, struct type *t)
{
	static const char *names[] = { "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64" };
	for (int i = 0; i < 8; i++) {
		if (!strcmp(names[i], name)) {
			*t = type_int(i < 4);
			return true;
		}
	}
	return false;
}

static struct type check_binary(struct checker *c, struct node *n)
{
	struct type a = check_expr(c, n->a);
	struct type b = check_expr(c, n->b);
	if (a.kind == TY_NONE || b.kind == TY_NONE)
		return none();
	if ((n->op == OP_EQ || n->op == OP_NE) && a.kind == TY_STR && b.kind == TY_STR)
		return type_int(false);
	if (a.kind != TY_INT || b.kind != TY_INT) {
		check_error(c, n->loc, "'%s' cannot be applied to %s and %s", op_spelling(n->op), type_name(&a),
			    type_name(&b));
		return none();
	}
	switch (n->op) {
	case OP_LAND:
	case OP_LOR:
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		return type_int(false);
	default:
		return type_int(a.is_signed && b.is_signed);
	}
}

static struct type check_call(struct checker *c, struct node *n)
{
	const struct builtin *b = builtin_lookup(n->name);
	n->builtin = b;
	if (!b) {
		check_error(c, n->loc, "unknown function '%s'", n->name);
		return none();
	}
	if (!b->is_function && n->args.n == 0) /* pid() means pid */
		return b->check(c, n);
	if (n->args.n < b->min_args || n->args.n > b->max_args) {
		if (b->min_args == b->max_args)
			check_error(c, n->loc, "%s() takes %d argument%s, %d given: %s", b->name, b->min_args,
				    b->min_args == 1 ? "" : "s", n->args.n, b->signature);
		else
			check_error(c, n->loc, "%s() takes %d to %d arguments, %d given: %s", b->name,
				    b->min_args, b->max_args, n->args.n, b->signature);
		return none();
	}
	if (!builtin_is_aggregation(b))
		c->agg_allowed = false; /* nothing nested in another call aggregates */
	return b->check(c, n);
}

static struct type check_incdec(struct checker *c, struct node *n)
{
	struct node *target = n->a;
	if (target->kind == N_VAR) {
		struct var_info *v = find_var(c, target->name);
		target->var = v;
		if (!v) {
			check_error(c, target->loc, "variable %s is used before it is assigned", target->name);
			return none();
		}
		if (v->type.kind != TY_INT) {
			check_error(c, n->loc, "'%s' needs an integer, but %s is %s", op_spelling(n->op),
				    target->name, type_name(&v->type));
			return none();
		}
		target->type = v->type;
		return v->type;
	}
	struct map_info *m = check_map_keys(c, target);
	if (m->value.kind == TY_NONE)
		set_map_value(c, m, type_int(true), n->loc);
	if (m->value.kind != TY_INT) {
		check_error(c, n->loc, "'%s' needs an integer value, but %s holds %s", op_spelling(n->op), m->name,
			    type_name(&m->value));
		return none();
	}
	target->type = m->value;
	return m->value;
}

struct type check_expr(struct checker *c, struct node *n)
{
	struct type t = none();
	switch (n->kind) {
	case N_INT:
		t = type_int(n->ival >= 0);
		break;
	case N_STR:
		t = type_str((int)n->ival + 1);
		break;
	case N_IDENT: {
		const struct builtin *b = builtin_lookup(n->name);
		n->builtin = b;
		if (!b)
			check_error(c, n->loc, "unknown identifier '%s'", n->name);
		else if (b->is_function)
			check_error(c, n->loc, "%s is a function: call it as %s", n->name, b->signature);
		else
			t = b->check(c, n);
		break;
	}
	case N_POSITIONAL:
	case N_POSCOUNT:
		/* replaced by the positional pass before checking */
		check_error(c, n->loc, "positional parameter not substituted");
		break;
	case N_VAR: {
		struct var_info *v = find_var(c, n->name);
		n->var = v;
		if (!v)
			check_error(c, n->loc, "variable %s is used before it is assigned", n->name);
		else
			t = v->type;
		break;
	}
	case N_MAP:
		t = map_read(c, n);
		break;
	case N_CALL:
		t = check_call(c, n);
		break;
	case N_BINARY:
		t = check_binary(c, n);
		break;
	case N_UNARY:
		if (n->op == OP_DEREF || n->op == OP_ADDR) {
			check_error(c, n->loc, "'%s' on pointers is not supported yet", op_spelling(n->op));
			break;
		}
		if (check_int(c, n->a, arena_printf("the operand of '%s'", op_spelling(n->op))))
			t = n->op == OP_LNOT ? type_int(false) : n->a->type;
		if (n->op == OP_NEG && t.kind == TY_INT)
			t.is_signed = true;
		break;
	case N_TERNARY: {
		check_int(c, n->a, "a condition");
		struct type a = check_expr(c, n->b);
		struct type b = check_expr(c, n->c);
		if (a.kind == TY_NONE || b.kind == TY_NONE)
			break;
		if (!same_kind(&a, &b) || (a.kind != TY_INT && a.kind != TY_STR)) {
			check_error(c, n->loc, "the branches of '?:' have different types: %s and %s",
				    type_name(&a), type_name(&b));
			break;
		}
		t = a;
		widen(&t, &b);
		break;
	}
	case N_FIELD:
		t = check_field(c, n);
		break;
	case N_CAST:
		if (n->ival || !integer_cast(n->name, &t)) {
			check_error(c, n->loc, "casts to %s%s are not supported yet", n->name, n->ival ? " *" : "");
			t = none();
		} else if (!check_int(c, n->a, "a cast's operand")) {
			t = none();
		}
		break;
	case N_INCDEC:
		t = check_incdec(c, n);
		break;
	case N_INDEX:
		check_error(c, n->loc, "indexing is not supported yet");
		break;
	case N_TUPLE:
		check_error(c, n->loc, "tuples are not supported yet");
		break;
	default:
		check_error(c, n->loc, "%s is not an expression", node_kind_name(n->kind));
	}
	n->type = t;
	return t;
}

/* ---- statements ---- */

static void check_assign(struct checker *c, struct node *n)
{
	struct node *lhs = n->a, *rhs = n->b;
	if (n->op != OP_NONE) { /* x op= y: both integers */
		struct node tmp = { .kind = N_INCDEC, .loc = n->loc, .op = OP_INC, .a = lhs };
		if (check_incdec(c, &tmp).kind == TY_INT)
			check_int(c, rhs, arena_printf("the right side of '%s='", op_spelling(n->op)));
		return;
	}
	if (lhs->kind == N_MAP) {
		struct map_info *m = check_map_keys(c, lhs);
		c->agg_allowed = rhs->kind == N_CALL;
		struct type t = check_expr(c, rhs);
		c->agg_allowed = false;
		if (t.kind == TY_VOID) {
			check_error(c, rhs->loc, "%s() returns no value", rhs->name ? rhs->name : "this");
			return;
		}
		set_map_value(c, m, t, rhs->loc);
		lhs->type = m->value;
		return;
	}
	struct type t = check_expr(c, rhs);
	if (t.kind == TY_NONE)
		return;
	if (t.kind == TY_VOID) {
		check_error(c, rhs->loc, "%s() returns no value", rhs->name ? rhs->name : "this");
		return;
	}
	struct var_info *v = find_var(c, lhs->name);
	if (!v) {
		v = new_var(c, lhs->name, t, lhs->loc);
	} else if (!same_kind(&v->type, &t)) {
		check_error(c, n->loc, "%s was assigned %s at %d:%d, now %s; a variable holds one type", lhs->name,
			    type_name(&v->type), v->loc.line, v->loc.col, type_name(&t));
		return;
	} else {
		widen(&v->type, &t);
	}
	lhs->var = v;
	lhs->type = v->type;
}

static void check_stmt(struct checker *c, struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT: {
		struct type t = check_expr(c, n->a);
		(void)t;
		break;
	}
	case N_ASSIGN:
		check_assign(c, n);
		break;
	case N_IF:
		check_int(c, n->a, "a condition");
		check_block(c, n->b);
		if (n->c && n->c->kind == N_IF)
			check_stmt(c, n->c);
		else if (n->c)
			check_block(c, n->c);
		break;
	case N_WHILE:
		check_int(c, n->a, "a condition");
		c->loop_depth++;
		check_block(c, n->b);
		c->loop_depth--;
		break;
	case N_UNROLL: {
		long long count;
		if (check_const_int(c, n->a, "unroll's count", &count) && (count < 1 || count > 100))
			check_error(c, n->a->loc, "unroll's count must be between 1 and 100");
		check_block(c, n->b);
		break;
	}
	case N_FOR:
		check_error(c, n->loc, "for loops are not supported yet");
		break;
	case N_BREAK:
	case N_CONTINUE:
		if (!c->loop_depth)
			check_error(c, n->loc, "%s outside of a loop", n->kind == N_BREAK ? "break" : "continue");
		break;
	case N_RETURN:
		break;
	default:
		check_error(c, n->loc, "unexpected %s statement", node_kind_name(n->kind));
	}
}

static void check_block(struct checker *c, struct node *block)
{
	for (int i = 0; i < block->args.n; i++)
		check_stmt(c, block->args.items[i]);
}

/* Checks one expanded probe. Returns false if it had errors. */
bool check_probe(struct program *prog, struct probe_instance *inst, bool final)
{
	struct checker c = { .prog = prog, .inst = inst, .final = final };
	struct node *probe = inst->probe;
	if (probe->a)
		check_int(&c, probe->a, "a predicate");
	check_block(&c, probe->b);
	return !c.failed;
}

/* ---- events ---- */

struct async_call *check_new_async(struct checker *c, enum async_kind kind, struct node *call)
{
	if (!c->final)
		return NULL;
	struct program *p = c->prog;
	struct async_call *a = arena_alloc(sizeof(*a));
	a->kind = kind;
	a->id = p->nasyncs;
	a->loc = call->loc;
	a->size = ASYNC_HEADER_SIZE;
	p->asyncs = arena_grow(p->asyncs, p->nasyncs, &p->asyncs_cap, sizeof(*p->asyncs));
	p->asyncs[p->nasyncs++] = a;
	call->async_id = a->id;
	return a;
}

void async_add_arg(struct async_call *a, struct type t)
{
	struct async_arg *arg = &a->args[a->nargs++];
	arg->type = t;
	arg->offset = a->size;
	int size = t.kind == TY_STR ? t.size : 8;
	a->size += round8(size);
}
