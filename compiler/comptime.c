#include "comptime.h"

#include <string.h>

#include "builtin.h"

static bool call_value(const struct node *n, long long *v)
{
	const struct builtin *b = n->kind == N_IDENT ? n->ident.builtin : n->call.builtin;
	return b && b->constant && n->type && n->type->kind != TY_NONE && b->constant(n, v);
}

const char *comptime_text(const struct node *n)
{
	if (n->kind == N_STR)
		return n->string.bytes;
	if (n->kind != N_FIELD || n->field.arrow || n->field.base->kind != N_CALL)
		return NULL;
	const struct node *call = n->field.base;
	const struct builtin *b = call->call.builtin;
	return b && b->constant_text && call->type && call->type->kind != TY_NONE ? b->constant_text(call, n->field.name)
										  : NULL;
}

static bool binary_value(const struct node *n, long long *v)
{
	long long a, b;
	if (n->binary.op == OP_EQ || n->binary.op == OP_NE) { /* texts: "a" == typeinfo(x).1 */
		const char *ta = comptime_text(n->binary.left), *tb = comptime_text(n->binary.right);
		if (ta && tb) {
			*v = !strcmp(ta, tb) == (n->binary.op == OP_EQ);
			return true;
		}
	}
	if (!comptime_value(n->binary.left, &a))
		return false;
	/* a && x, a || x are decided by a alone when it decides them */
	if ((n->binary.op == OP_LAND && !a) || (n->binary.op == OP_LOR && a)) {
		*v = n->binary.op == OP_LOR;
		return true;
	}
	if (!comptime_value(n->binary.right, &b))
		return false;
	bool u = n->binary.left->type && !n->binary.left->type->is_signed;
	switch (n->binary.op) {
	case OP_ADD: *v = a + b; return true;
	case OP_SUB: *v = a - b; return true;
	case OP_MUL: *v = a * b; return true;
	case OP_DIV: case OP_MOD:
		if (!b)
			return false;
		*v = n->binary.op == OP_DIV ? a / b : a % b;
		return true;
	case OP_BAND: *v = a & b; return true;
	case OP_BOR: *v = a | b; return true;
	case OP_BXOR: *v = a ^ b; return true;
	case OP_SHL: *v = (long long)((unsigned long long)a << (b & 63)); return true;
	case OP_SHR: *v = u ? (long long)((unsigned long long)a >> (b & 63)) : a >> (b & 63); return true;
	case OP_LAND: case OP_LOR: *v = b != 0; return true;
	case OP_EQ: *v = a == b; return true;
	case OP_NE: *v = a != b; return true;
	case OP_LT: *v = u ? (unsigned long long)a < (unsigned long long)b : a < b; return true;
	case OP_LE: *v = u ? (unsigned long long)a <= (unsigned long long)b : a <= b; return true;
	case OP_GT: *v = u ? (unsigned long long)a > (unsigned long long)b : a > b; return true;
	case OP_GE: *v = u ? (unsigned long long)a >= (unsigned long long)b : a >= b; return true;
	default: return false;
	}
}

bool comptime_value(const struct node *n, long long *v)
{
	switch (n->kind) {
	case N_INT:
		*v = n->integer.value;
		return true;
	case N_UNARY: {
		long long x;
		if (!comptime_value(n->unary.operand, &x))
			return false;
		switch (n->unary.op) {
		case OP_NEG: *v = -x; return true;
		case OP_LNOT: *v = !x; return true;
		case OP_BNOT: *v = ~x; return true;
		default: return false;
		}
	}
	case N_BINARY:
		return binary_value(n, v);
	case N_IDENT:
	case N_CALL:
		return call_value(n, v);
	default:
		return false;
	}
}
