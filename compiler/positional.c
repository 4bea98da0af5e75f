/* $1..$N and $#: replaced by literals before type checking, as bpftrace
 * does. A parameter that reads as a number is an integer, otherwise a
 * string; an unset one is 0 or "" (str($1) turns a number into its text). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
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
	return !*end && !errno;
}

static void to_string(struct node *n, const char *text)
{
	n->kind = N_STR;
	n->name = text;
	n->ival = (long long)strlen(text);
}

static void substitute(struct node *n, const struct params *p, bool want_string)
{
	if (!n)
		return;
	if (n->kind == N_POSCOUNT) {
		n->kind = N_INT;
		n->ival = p->argc;
		return;
	}
	if (n->kind == N_POSITIONAL) {
		const char *text = param(p, n->ival);
		long long v;
		if (!want_string && as_number(text, &v)) {
			n->kind = N_INT;
			n->ival = v;
		} else if (!want_string && !text) {
			n->kind = N_INT;
			n->ival = 0;
		} else {
			to_string(n, text ? text : "");
		}
		return;
	}
	/* str($1) is the parameter's text, number or not */
	bool str_call = n->kind == N_CALL && !strcmp(n->name, "str");
	for (int i = 0; i < n->args.n; i++)
		substitute(n->args.items[i], p, str_call && i == 0);
	substitute(n->a, p, false);
	substitute(n->b, p, false);
	substitute(n->c, p, false);
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

int positional_substitute(struct node *ast, const struct params *params)
{
	for (int i = 0; i < ast->args.n; i++) {
		struct node *probe = ast->args.items[i];
		for (int j = 0; j < probe->args.n; j++) {
			struct node *ap = probe->args.items[j];
			ap->name = substitute_attach(ap->name, params);
		}
		substitute(probe->a, params, false);
		substitute(probe->b, params, false);
	}
	return 0;
}
