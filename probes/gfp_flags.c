#include "gfp_flags.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/c_internal.h"
#include "../compiler/diag.h"
#include "tracefs.h"

/* The kernel's own table (__def_gfpflag_names), from a kmem tracepoint's
 * print format in tracefs: there its macros are expanded to expressions
 * of numbers for this kernel's configuration (the bits moved between
 * releases), in the kernel's order, compound masks (GFP_KERNEL) before
 * the bits they are made of. */
struct gfp_name {
	unsigned long long mask;
	const char *name;
};

static struct gfp_name *names;
static int nnames;
static const char *unavailable; /* why there is no table, once looked for */
static bool looked;

/* text as the C expression it is, with its casts ("( unsigned long)",
 * "( gfp_t)") dropped: the rest is numbers and operators. */
static bool eval(const char *text, long long *value)
{
	struct c_tokens toks = { 0 }, bare = { 0 };
	if (!c_tokenize(text, (struct loc){ 0 }, &toks))
		return false;
	for (int i = 0; i < toks.n; i++) {
		if (c_is(&toks.items[i], "(")) {
			int j = i + 1;
			while (j < toks.n && toks.items[j].kind == CT_IDENT)
				j++;
			if (j > i + 1 && j < toks.n && c_is(&toks.items[j], ")")) {
				i = j;
				continue;
			}
		}
		c_tokens_push(&bare, toks.items[i]);
	}
	c_tokens_push(&bare, (struct c_token){ .kind = CT_END });
	return c_eval_quiet(bare.items, value);
}

/* The entries "{mask, "NAME"}, ..." of the __print_flags of fmt's
 * gfp_flags. */
static bool parse_table(const char *fmt)
{
	const char *p = strstr(fmt, "__print_flags(REC->gfp_flags");
	if (!p || !(p = strchr(p, '{')))
		return false;
	int cap = 0;
	while (*p == '{') {
		const char *close = strchr(p, '}');
		const char *comma = close ? memrchr(p, ',', (size_t)(close - p)) : NULL;
		const char *q1 = comma ? strchr(comma, '"') : NULL;
		const char *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
		if (!q1 || q1 > close) { /* { 0, NULL }: the table's end; else not a table read right */
			const char *v = p + 1 + strspn(p + 1, " ");
			if (v[0] != '0' || v[1 + strspn(v + 1, " ")] != ',')
				return false;
			break;
		}
		if (!q2 || q2 > close)
			return false;
		long long mask;
		if (!eval(arena_strndup(p + 1, (size_t)(comma - p - 1)), &mask))
			return false;
		names = arena_grow(names, nnames, &cap, sizeof(*names));
		names[nnames++] = (struct gfp_name){ (unsigned long long)mask, arena_strndup(q1 + 1, (size_t)(q2 - q1 - 1)) };
		p = close + 1;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return nnames > 0;
}

static void load(void)
{
	looked = true;
	const char *why = NULL, *root = tracefs_root(&why);
	if (!root) {
		unavailable = why ? why : "tracefs is not mounted";
		return;
	}
	static const char *const events[] = { "kmem/kmalloc", "kmem/mm_page_alloc" };
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/events/%s/format", root, events[i]);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		char *line = NULL;
		size_t cap = 0;
		bool found = false;
		while (!found && getline(&line, &cap, f) > 0)
			found = !strncmp(line, "print fmt:", 10) && parse_table(line);
		free(line);
		fclose(f);
		if (found)
			return;
		nnames = 0;
	}
	unavailable = "no kmem tracepoint in tracefs prints gfp_flags by name";
}

const char *gfp_flags_text(unsigned long long flags)
{
	static char text[1024];
	if (!looked)
		load();
	if (unavailable) {
		static bool warned;
		if (!warned && diag_warnings_on())
			fprintf(stderr, "WARNING: %%gr prints GFP flags in hex: %s\n", unavailable);
		warned = true;
		snprintf(text, sizeof(text), "0x%llx", flags);
		return text;
	}
	if (!flags)
		return "0";
	size_t n = 0;
	text[0] = 0;
	/* as the kernel's format_flags: each mask wholly set is named and
	 * taken away; what is left is hex */
	for (int i = 0; i < nnames && flags; i++) {
		unsigned long long mask = names[i].mask;
		if (!mask || (flags & mask) != mask)
			continue;
		flags &= ~mask;
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s", n ? "|" : "", names[i].name);
		if (n >= sizeof(text))
			return text;
	}
	if (flags)
		snprintf(text + n, sizeof(text) - n, "%s0x%llx", n ? "|" : "", flags);
	return text;
}
