/* The positional pass: $1..$N and $# replaced by literals before type checking, as bpftrace
 * does. A parameter that reads as a number is an integer, otherwise a
 * string; an unset one is 0 or "" (str($1) turns a number into its text). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "builtin.h"
#include "passes.h"
#include "sema.h"

static const char *param(const struct params *p, long long i)
{
	return i >= 1 && i <= p->argc ? p->argv[i - 1] : NULL;
}

static bool as_number(const char *s, long long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	*out = strtoll(s, &end, 0);
	if (errno == ERANGE && *s != '-') { /* 0xffffffffffffffff: a uint64 (a literal's value past int64's) */
		errno = 0;
		*out = (long long)strtoull(s, &end, 0);
	}
	return !*end && !errno;
}

static void to_string(struct node *n, const char *text)
{
	n->kind = N_STR;
	n->string.bytes = text;
	n->string.len = (int)strlen(text);
}

static void to_int(struct node *n, long long v)
{
	n->kind = N_INT;
	n->integer.value = v;
}

/* A positional where a builtin wants text (str($1)) is the parameter's
 * text, number or not. */
static void substitute_text(struct node **slot, void *ctx)
{
	const struct params *p = ctx;
	if ((*slot)->kind == N_POSITIONAL) {
		const char *text = param(p, (*slot)->positional.index);
		to_string(*slot, text ? text : "");
	}
}

static void substitute(struct node **slot, void *ctx)
{
	const struct params *p = ctx;
	struct node *n = *slot;
	if (n->kind == N_POSCOUNT) {
		to_int(n, p->argc);
		return;
	}
	if (n->kind == N_POSITIONAL) {
		const char *text = param(p, n->positional.index);
		long long v;
		if (as_number(text, &v))
			to_int(n, v);
		else if (!text)
			to_int(n, 0);
		else
			to_string(n, text);
		return;
	}
	if (n->kind == N_CALL && n->call.args.n && builtin_positional_as_text(n->call.name))
		substitute_text(&n->call.args.items[0], ctx);
	node_for_each_child(n, substitute, ctx);
}

/* In attach points, $N is replaced textually: interval:ms:$1. */
static const char *substitute_attach(const char *text, const struct params *p)
{
	if (!strchr(text, '$'))
		return text;
	size_t cap = strlen(text) + 1;
	for (int i = 0; i < p->argc; i++)
		cap += strlen(p->argv[i]);
	char *out = arena_alloc(cap), *o = out;
	for (const char *s = text; *s;) {
		if (s[0] == '$' && s[1] >= '0' && s[1] <= '9') {
			char *end;
			long long i = strtoll(s + 1, &end, 10);
			const char *v = param(p, i);
			if (v) {
				strcpy(o, v);
				o += strlen(v);
			}
			s = end;
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

int pass_positional(struct program *p)
{
	struct node *ast = p->ast;
	const struct params *params = p->params;
	for (int i = 0; i < ast->program.probes.n; i++) {
		struct node *probe = ast->program.probes.items[i];
		for (int j = 0; j < probe->probe.attach.n; j++) {
			struct node *ap = probe->probe.attach.items[j];
			ap->attach.text = substitute_attach(ap->attach.text, params);
		}
		if (probe->probe.pred)
			substitute(&probe->probe.pred, (void *)params);
		substitute(&probe->probe.body, (void *)params);
	}
	return 0;
}
