/* What the parts of the C definitions' reader share; compiler/cdefs.h is
 * their interface to the rest of lantern. A text (a chunk of the script,
 * a header) is split into tokens (c_lex.c), its directives run and its
 * macros expanded (c_preproc.c), its declarations parsed (c_parse.c) and
 * its structs laid out (c_layout.c); what they define is kept in the
 * registry (cdefs.c). */
#ifndef LANTERN_C_INTERNAL_H
#define LANTERN_C_INTERNAL_H
#include <stdbool.h>

#include "cdefs.h"
#include "diag.h"
#include "types.h"

/* ---- tokens (c_lex.c) ---- */

enum c_token_kind {
	CT_END,
	CT_IDENT,
	CT_NUMBER, /* as written: its value is read where one is needed (c_number_value) */
	CT_CHAR,   /* 'a': value */
	CT_STRING, /* "text", quotes and escapes as written */
	CT_PUNCT,
};

struct c_token {
	enum c_token_kind kind;
	const char *text;
	long long value;
	struct loc loc;
	bool line_start; /* first on its line: a '#' there starts a directive */
	/* how deep in macro expansions it came from: errors then say so */
	const struct c_macro *from_macro;
};

struct c_tokens {
	struct c_token *items;
	int n, cap;
};

void c_tokens_push(struct c_tokens *l, struct c_token t);
/* Appends the tokens of text, which starts at place at (what comes after
 * a newline is on the next line, column 1). False after reporting a
 * malformed token. */
bool c_tokenize(const char *text, struct loc at, struct c_tokens *out);
/* t is the punctuator or identifier s */
bool c_is(const struct c_token *t, const char *s);
/* A CT_NUMBER's value as C reads it (0x, 0b, octal, suffixes); false if
 * it is not an integer (1.5, 08). */
bool c_number_value(const struct c_token *t, long long *value, bool *is_unsigned);

/* ---- macros and directives (c_preproc.c) ---- */

struct c_macro {
	const char *name;
	struct loc loc;
	bool function_like, variadic;
	const char **params;
	int nparams;
	const struct c_token *body;
	int nbody;
};

/* The tokens of text (starting at at, in a file of directory dir, for
 * #include "x.h") with its directives run and its macros expanded,
 * appended to out. False after reporting errors. */
bool c_preprocess(const char *text, struct loc at, const char *dir, struct c_tokens *out);
/* #include of name: <name> (angle) is looked for in the -I directories,
 * "name" in dir first; one found nowhere is a system or kernel header
 * (accepted: its types come from BTF) when angle or missing_ok. */
bool c_include(const char *name, bool angle, bool missing_ok, const char *dir, struct loc at, struct c_tokens *out);
/* Forgets what #pragma once said, for the next compilation. */
void c_preprocess_reset(void);
/* The tokens an object-like macro expands to, at place at. */
bool c_macro_expansion(const struct c_macro *m, struct loc at, struct c_tokens *out);

/* ---- declarations (c_parse.c) ---- */

/* The declarations of tokens (ending with CT_END), into the registry.
 * False after reporting errors. */
bool c_parse(const struct c_token *tokens);
/* The value of #if's expression (identifiers left are 0). */
bool c_eval_directive(const struct c_token *tokens, long long *value);
/* The value of a constant integer expression, with no message if it is
 * not one. */
bool c_eval_quiet(const struct c_token *tokens, long long *value);

/* ---- layout (c_layout.c) ---- */

struct c_field {
	const char *name; /* NULL: an anonymous struct or union, or an unnamed bitfield */
	const struct type *type;
	int bit_width;    /* -1: not a bitfield */
	int aligned;      /* __attribute__((aligned(n))), 0: none */
	bool packed;
	struct loc loc;
};

/* Lays the fields out in t (a TY_STRUCT or TY_UNION) as C does on LP64
 * (System V): each at its alignment (1 when packed), bitfields in
 * storage units of their type, the size a multiple of the alignment
 * (raised by aligned). Members of anonymous structs and unions become
 * t's own, at their offsets. */
void c_layout(struct type *t, const struct c_field *fields, int n, bool packed, int aligned);

/* ---- the registry (cdefs.c) ---- */

enum c_tag_kind { C_STRUCT, C_UNION, C_ENUM };

/* A struct, union or enum tag: declared, maybe defined. */
struct c_tag {
	enum c_tag_kind kind;
	const char *name;
	struct type *type;
	bool defined;
	struct loc loc; /* where it was defined (or first declared) */
};

const char *c_tag_kind_name(enum c_tag_kind kind); /* "struct" */
/* The tag named name (struct, union and enum tags share names), or NULL. */
struct c_tag *c_tag_find(const char *name);
/* A new tag, declared but not defined (an incomplete struct). */
struct c_tag *c_tag_add(enum c_tag_kind kind, const char *name, struct loc loc);
/* The kernel's definition of a tag the script does not define (loads
 * its BTF, only then), or NULL. */
const struct type *c_kernel_tag(enum c_tag_kind kind, const char *name);

/* Ordinary identifiers: typedef names and enum constants. */
const struct type *c_typedef_find(const char *name); /* the script's, the C base names', the kernel's */
bool c_typedef_add(const char *name, const struct type *t, struct loc loc);
bool c_enum_constant_find(const char *name, long long *value); /* the script's only */
bool c_enum_constant_add(const char *name, long long value, struct loc loc, const struct type *enum_type);

struct c_macro *c_macro_find(const char *name);
void c_macro_define(struct c_macro *m);
void c_macro_undefine(const char *name);

/* How the script's C definitions are read (cdefs_set_options). */
const struct cdefs_options *c_options(void);

/* A base type from its keywords' counts (unsigned long long: nunsigned 1,
 * nlong 2); NULL if they do not make one. */
struct c_base_words {
	int nvoid, nchar, nshort, nint, nlong, nsigned, nunsigned, nbool, nfloat, ndouble, nint128;
};
const struct type *c_base_type(const struct c_base_words *w);
/* Counts word into w if it is a base type's keyword. */
bool c_base_word(const char *word, struct c_base_words *w);

/* The plain char type: signed, one byte, named so it prints as char */
extern const struct type c_char_type;

/* Types lantern has no values of (float, double, long double, __int128)
 * are their bytes (uint8[size]) in a struct; their alignment is theirs,
 * not a byte array's: this is it, for them and arrays of them (0 for
 * other types). */
int c_opaque_align(const struct type *t);

#endif
