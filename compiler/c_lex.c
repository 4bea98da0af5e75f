/* C tokens: identifiers, numbers (as written), character constants,
 * strings and punctuators, with comments and backslash-newlines taken as
 * space. Each token is located where it is in its text, so a message
 * about it points into the script or header. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "c_internal.h"

void c_tokens_push(struct c_tokens *l, struct c_token t)
{
	l->items = arena_grow(l->items, l->n, &l->cap, sizeof(*l->items));
	l->items[l->n++] = t;
}

bool c_is(const struct c_token *t, const char *s)
{
	return (t->kind == CT_PUNCT || t->kind == CT_IDENT) && !strcmp(t->text, s);
}

/* Longest first: the lexer takes the first that matches. */
static const char *const puncts[] = {
	"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=",
	"%=", "+=", "-=", "&=", "^=", "|=", "##", "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-",
	"~", "!", "/", "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#",
};

struct cursor {
	const char *p;
	struct loc at; /* of *p */
};

static void advance(struct cursor *c, int n)
{
	for (int i = 0; i < n && *c->p; i++, c->p++) {
		if (*c->p == '\n') {
			c->at.line++;
			c->at.col = 1;
		} else {
			c->at.col++;
		}
	}
}

/* Skips space, comments and backslash-newlines; whether a newline was
 * among them. False (after reporting) on an unterminated comment. */
static bool skip_space(struct cursor *c, bool *newline)
{
	for (;;) {
		if (*c->p == '\n') {
			*newline = true;
			advance(c, 1);
		} else if (isspace((unsigned char)*c->p)) {
			advance(c, 1);
		} else if (c->p[0] == '\\' && c->p[1] == '\n') {
			advance(c, 2);
		} else if (c->p[0] == '\\' && c->p[1] == '\r' && c->p[2] == '\n') {
			advance(c, 3);
		} else if (c->p[0] == '/' && c->p[1] == '/') {
			while (*c->p && *c->p != '\n')
				advance(c, 1);
		} else if (c->p[0] == '/' && c->p[1] == '*') {
			struct loc from = c->at;
			const char *end = strstr(c->p + 2, "*/");
			if (!end) {
				diag_error(from, "unterminated comment");
				return false;
			}
			advance(c, (int)(end + 2 - c->p));
		} else {
			return true;
		}
	}
}

static int escape_value(const char **s)
{
	const char *p = *s;
	int v;
	switch (*p) {
	case 'n': v = '\n'; break;
	case 't': v = '\t'; break;
	case 'r': v = '\r'; break;
	case 'a': v = '\a'; break;
	case 'b': v = '\b'; break;
	case 'f': v = '\f'; break;
	case 'v': v = '\v'; break;
	case 'e': v = 27; break;
	case 'x': {
		/* as C: any number of digits, the value a char's (kept in bounds meanwhile) */
		unsigned u = 0;
		while (isxdigit((unsigned char)p[1]))
			u = (u * 16 + (unsigned)(isdigit((unsigned char)p[1]) ? p[1] - '0' : (p[1] | 0x20) - 'a' + 10)) & 0xff,
			p++;
		v = (int)u;
		break;
	}
	default:
		if (*p >= '0' && *p <= '7') {
			v = 0;
			for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
				v = v * 8 + (*p - '0');
			p--;
		} else {
			v = (unsigned char)*p; /* \\ \' \" \? */
		}
	}
	*s = p + 1;
	return v;
}

/* 'a', '\n': its value as a char (signed, as on x86-64) */
static bool char_constant(struct cursor *c, struct c_token *t)
{
	const char *p = c->p + 1;
	if (*p == '\'' || *p == '\n' || !*p) {
		diag_error(c->at, "empty character constant");
		return false;
	}
	int v = *p == '\\' ? (p++, escape_value(&p)) : (unsigned char)*p++;
	if (*p != '\'') {
		diag_error(c->at, "unterminated or multi-character constant");
		return false;
	}
	t->kind = CT_CHAR;
	t->value = (signed char)v;
	t->text = arena_strndup(c->p, (size_t)(p + 1 - c->p));
	return true;
}

static bool string_literal(struct cursor *c, struct c_token *t)
{
	const char *p = c->p + 1;
	while (*p && *p != '"' && *p != '\n')
		p += *p == '\\' && p[1] ? 2 : 1;
	if (*p != '"') {
		diag_error(c->at, "unterminated string");
		return false;
	}
	t->kind = CT_STRING;
	t->text = arena_strndup(c->p, (size_t)(p + 1 - c->p));
	return true;
}

bool c_tokenize(const char *text, struct loc at, struct c_tokens *out)
{
	struct cursor c = { text, at };
	c.at.end_line = c.at.line;
	bool newline = true;
	for (;;) {
		if (!skip_space(&c, &newline))
			return false;
		if (!*c.p)
			return true;
		struct c_token t = { .loc = c.at, .line_start = newline };
		newline = false;
		const char *p = c.p;
		int len = 0;
		if (isalpha((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)p[len]) || p[len] == '_')
				len++;
			t.kind = CT_IDENT;
			t.text = arena_strndup(p, (size_t)len);
		} else if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
			/* a preprocessing number: 1.5e+3, 0x1fUL, 08 all taken whole */
			while (isalnum((unsigned char)p[len]) || p[len] == '_' || p[len] == '.' ||
			       ((p[len] == '+' || p[len] == '-') && strchr("eEpP", p[len - 1])))
				len++;
			t.kind = CT_NUMBER;
			t.text = arena_strndup(p, (size_t)len);
		} else if (*p == '\'') {
			if (!char_constant(&c, &t))
				return false;
			len = (int)strlen(t.text);
		} else if (*p == '"') {
			if (!string_literal(&c, &t))
				return false;
			len = (int)strlen(t.text);
		} else {
			for (size_t i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
				size_t n = strlen(puncts[i]);
				if (!strncmp(p, puncts[i], n)) {
					t.kind = CT_PUNCT;
					t.text = puncts[i];
					len = (int)n;
					break;
				}
			}
			if (!len) {
				diag_error(c.at, "unexpected character '%c' in C definitions", *p);
				return false;
			}
		}
		t.loc.end_line = t.loc.line;
		t.loc.end_col = t.loc.col + len - 1;
		c_tokens_push(out, t);
		advance(&c, len);
	}
}

bool c_number_value(const struct c_token *t, long long *value, bool *is_unsigned)
{
	const char *s = t->text;
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, s += 2;
	else if (s[0] == '0')
		base = 8;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, base);
	if (end == s && base != 8)
		return false;
	bool u = false;
	int longs = 0;
	for (; *end; end++) {
		if ((*end == 'u' || *end == 'U') && !u)
			u = true;
		else if ((*end == 'l' || *end == 'L') && longs < 2)
			longs++;
		else
			return false;
	}
	if (errno == ERANGE)
		return false;
	*value = (long long)v;
	/* a decimal constant past long's range, or one marked u, is unsigned */
	*is_unsigned = u || v > 0x7fffffffffffffffULL;
	return true;
}
