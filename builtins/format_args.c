#include "format_args.h"

#include "../compiler/arena.h"

bool check_format_args(struct checker *c, struct node *n, format_arg_check check_arg)
{
	const char *name = n->call.name;
	struct node *fmt = n->call.args.items[0];
	if (fmt->kind != N_STR) {
		check_error(c, fmt->loc, "%s() needs a string literal as its format", name);
		return false;
	}
	struct printf_format *parsed = arena_alloc(sizeof(*parsed));
	const char *err;
	int off;
	if (printf_format_parse(fmt->string.bytes, fmt->string.len, parsed, &err, &off)) {
		struct loc at = fmt->loc;
		if (at.line == at.end_line) { /* point at the conversion itself */
			at.col += off + 1;
			at.end_col = at.col;
		}
		check_error(c, at, "%s", err);
		return false;
	}
	int nargs = n->call.args.n - 1;
	if (nargs != parsed->nconvs) {
		check_error(c, n->loc, "%s() format has %d conversion%s but %d argument%s given", name, parsed->nconvs,
			    parsed->nconvs == 1 ? "" : "s", nargs, nargs == 1 ? " is" : "s are");
		return false;
	}
	int conv = 0;
	for (int i = 1; i < n->call.args.n; i++) {
		struct node *arg = n->call.args.items[i];
		const struct type *t = check_expr(c, arg);
		while (!parsed->segs[conv].has_conv)
			conv++;
		const struct printf_segment *seg = &parsed->segs[conv++];
		if (t->kind != TY_NONE)
			check_arg(c, arg, t, seg);
	}
	n->call.format = parsed;
	return true;
}

/* %s takes what prints as text (an enum's value: its name); %r a buf() */
void format_arg_as_printf(struct checker *c, struct node *arg, const struct type *t, const struct printf_segment *seg)
{
	bool is_buf = t->kind == TY_RESOLVED && t->resolved == RESOLVED_BUFFER;
	bool ok = seg->kind == CONV_STR	  ? (t->kind == TY_STR || t->kind == TY_PROBE || t->kind == TY_RESOLVED ||
					     (t->kind == TY_INT && t->nenumerators))
		  : seg->kind == CONV_BUF ? is_buf
					  : type_is_integer(t);
	if (!ok)
		check_error(c, arg->loc, "%%%s expects %s, but this is %s", printf_conv_name(seg),
			    seg->kind == CONV_STR   ? "a string"
			    : seg->kind == CONV_BUF ? "a buffer (buf())"
						    : "an integer",
			    type_name(t));
}
