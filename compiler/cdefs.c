/* The C definitions' registry: tags, typedef names, enum constants and
 * macros the script defines, the C base types and usual typedef names,
 * and the kernel's BTF (through cdefs_set_kernel) for what the script
 * does not define. */
#include "cdefs.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "c_internal.h"
#include "name_table.h"

static const struct cdefs_options *options;
static const struct cdefs_kernel *kernel;

static struct name_table tags;     /* struct c_tag */
static struct name_table ordinary; /* struct ordinary: typedef names and enum constants */
static struct name_table macros;   /* struct c_macro */

struct ordinary {
	const struct type *type; /* a typedef's; NULL for an enum constant */
	long long value;
	struct loc loc;
	const struct type *enum_type; /* an enum constant's enum */
};

const struct type c_char_type = { .kind = TY_INT, .size = 1, .is_signed = true, .name = "char" };

void cdefs_set_options(const struct cdefs_options *o)
{
	options = o;
}

const struct cdefs_options *c_options(void)
{
	return options;
}

void cdefs_set_kernel(const struct cdefs_kernel *k)
{
	kernel = k;
}

/* ---- tags ---- */

const char *c_tag_kind_name(enum c_tag_kind kind)
{
	return kind == C_STRUCT ? "struct" : kind == C_UNION ? "union" : "enum";
}

struct c_tag *c_tag_find(const char *name)
{
	return name_table_get(&tags, name);
}

struct c_tag *c_tag_add(enum c_tag_kind kind, const char *name, struct loc loc)
{
	struct c_tag *tag = arena_alloc(sizeof(*tag));
	*tag = (struct c_tag){ kind, arena_strdup(name), arena_alloc(sizeof(struct type)), false, loc };
	tag->type->kind = kind == C_STRUCT ? TY_STRUCT : kind == C_UNION ? TY_UNION : TY_INT;
	tag->type->name = tag->name;
	tag->type->incomplete = kind != C_ENUM;
	name_table_put(&tags, tag->name, tag);
	return tag;
}

static const enum cdefs_tag_kind kernel_kinds[] = { [C_STRUCT] = CDEFS_STRUCT, [C_UNION] = CDEFS_UNION,
						    [C_ENUM] = CDEFS_ENUM };

const struct type *c_kernel_tag(enum c_tag_kind kind, const char *name)
{
	return kernel && kernel->tag ? kernel->tag(kernel_kinds[kind], name) : NULL;
}

/* An incomplete struct: declared by the script (struct A; or struct A *
 * in a member) and defined by the kernel, or one of the kernel's read
 * lazily, behind a pointer. */
static void complete_from_kernel(struct type *t)
{
	if (!t->name || (t->kind != TY_STRUCT && t->kind != TY_UNION))
		return;
	const struct type *k = c_kernel_tag(t->kind == TY_STRUCT ? C_STRUCT : C_UNION, t->name);
	if (k && k != t && !k->incomplete)
		*t = *k;
}

/* "struct A", "union U", "enum E". */
static const struct type *tag_type(enum c_tag_kind kind, const char *name)
{
	struct c_tag *tag = c_tag_find(name);
	if (tag && tag->kind != kind)
		return NULL;
	if (tag)
		return type_complete(tag->type);
	return c_kernel_tag(kind, name);
}

/* ---- ordinary identifiers ---- */

static bool defined_twice(const char *name, struct loc loc, const struct ordinary *was, const char *what)
{
	diag_error(loc, "%s %s is defined twice (first at %d:%d)", what, name, was->loc.line, was->loc.col);
	return false;
}

bool c_typedef_add(const char *name, const struct type *t, struct loc loc)
{
	struct ordinary *was = name_table_get(&ordinary, name);
	if (was && was->type && type_equal(was->type, t))
		return true; /* C11 allows the same typedef again */
	if (was)
		return defined_twice(name, loc, was, was->type ? "typedef" : "the name");
	struct ordinary *o = arena_alloc(sizeof(*o));
	*o = (struct ordinary){ t, 0, loc, NULL };
	name_table_put(&ordinary, arena_strdup(name), o);
	return true;
}

bool c_enum_constant_add(const char *name, long long value, struct loc loc, const struct type *enum_type)
{
	struct ordinary *was = name_table_get(&ordinary, name);
	if (was)
		return defined_twice(name, loc, was, was->type ? "the name" : "enum constant");
	struct ordinary *o = arena_alloc(sizeof(*o));
	*o = (struct ordinary){ NULL, value, loc, enum_type };
	name_table_put(&ordinary, arena_strdup(name), o);
	return true;
}

bool c_enum_constant_find(const char *name, long long *value)
{
	struct ordinary *o = name_table_get(&ordinary, name);
	if (!o || o->type)
		return false;
	*value = o->value;
	return true;
}

/* Typedef names every C program here may use without a header. */
static const struct {
	const char *name;
	int size;
	bool is_signed;
} usual_typedefs[] = {
	{ "int8_t", 1, true }, { "int16_t", 2, true }, { "int32_t", 4, true }, { "int64_t", 8, true },
	{ "uint8_t", 1, false }, { "uint16_t", 2, false }, { "uint32_t", 4, false }, { "uint64_t", 8, false },
	{ "s8", 1, true }, { "s16", 2, true }, { "s32", 4, true }, { "s64", 8, true },
	{ "u8", 1, false }, { "u16", 2, false }, { "u32", 4, false }, { "u64", 8, false },
	{ "__s8", 1, true }, { "__s16", 2, true }, { "__s32", 4, true }, { "__s64", 8, true },
	{ "__u8", 1, false }, { "__u16", 2, false }, { "__u32", 4, false }, { "__u64", 8, false },
	{ "__be16", 2, false }, { "__be32", 4, false }, { "__be64", 8, false },
	{ "__le16", 2, false }, { "__le32", 4, false }, { "__le64", 8, false },
	{ "size_t", 8, false }, { "ssize_t", 8, true }, { "uintptr_t", 8, false }, { "intptr_t", 8, true },
	{ "ptrdiff_t", 8, true },
};

const struct type *c_typedef_find(const char *name)
{
	struct ordinary *o = name_table_get(&ordinary, name);
	if (o)
		return o->type; /* an enum constant is no type */
	for (size_t i = 0; i < sizeof(usual_typedefs) / sizeof(usual_typedefs[0]); i++)
		if (!strcmp(usual_typedefs[i].name, name))
			return type_int_sized(usual_typedefs[i].size, usual_typedefs[i].is_signed);
	if (!strcmp(name, "bool") || !strcmp(name, "_Bool"))
		return TYPE_BOOL;
	return kernel && kernel->typedef_type ? kernel->typedef_type(name) : NULL;
}

/* ---- base types ---- */

bool c_base_word(const char *word, struct c_base_words *w)
{
	static const struct {
		const char *word;
		size_t at;
	} words[] = {
		{ "void", offsetof(struct c_base_words, nvoid) },
		{ "char", offsetof(struct c_base_words, nchar) },
		{ "short", offsetof(struct c_base_words, nshort) },
		{ "int", offsetof(struct c_base_words, nint) },
		{ "long", offsetof(struct c_base_words, nlong) },
		{ "signed", offsetof(struct c_base_words, nsigned) },
		{ "__signed__", offsetof(struct c_base_words, nsigned) },
		{ "unsigned", offsetof(struct c_base_words, nunsigned) },
		{ "_Bool", offsetof(struct c_base_words, nbool) },
		{ "bool", offsetof(struct c_base_words, nbool) },
		{ "float", offsetof(struct c_base_words, nfloat) },
		{ "double", offsetof(struct c_base_words, ndouble) },
		{ "__int128", offsetof(struct c_base_words, nint128) },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!strcmp(words[i].word, word)) {
			(*(int *)((char *)w + words[i].at))++;
			return true;
		}
	}
	return false;
}

/* float, double, long double, __int128: uint8[size], aligned as themselves */
static struct type opaque_types[4];
static const char *const opaque_names[4] = { "float", "double", "long double", "__int128" };

static const struct type *opaque(int which)
{
	static const int sizes[] = { 4, 8, 16, 16 };
	struct type *t = &opaque_types[which];
	if (!t->elem)
		*t = (struct type){ .kind = TY_ARRAY, .size = sizes[which], .elem = type_int_sized(1, false),
				    .count = sizes[which], .name = opaque_names[which] };
	return t;
}

bool cdefs_is_float(const struct type *t)
{
	return t >= opaque_types && t < opaque_types + 3; /* float, double, long double */
}

int c_opaque_align(const struct type *t)
{
	while (t->kind == TY_ARRAY && !(t >= opaque_types && t < opaque_types + 4))
		t = t->elem;
	return t >= opaque_types && t < opaque_types + 4 ? t->size : 0;
}

const struct type *c_base_type(const struct c_base_words *w)
{
	int sign_words = w->nsigned + w->nunsigned;
	int others = w->nchar + w->nshort + w->nint + w->nlong;
	if (w->nvoid || w->nbool)
		return w->nvoid + w->nbool == 1 && !sign_words && !others ? (w->nvoid ? TYPE_VOID : TYPE_BOOL) : NULL;
	if (w->nfloat || w->ndouble) {
		bool one = w->nfloat + w->ndouble == 1 && !sign_words && !w->nchar && !w->nshort && !w->nint && !w->nint128;
		if (!one || (w->nlong && (w->nfloat || w->nlong > 1)))
			return NULL;
		return opaque(w->nfloat ? 0 : w->nlong ? 2 : 1);
	}
	if (w->nint128)
		return w->nint128 == 1 && !others && w->nsigned + w->nunsigned <= 1 ? opaque(3) : NULL;
	if (sign_words > 1 || w->nint > 1 || w->nchar > 1 || w->nshort > 1 || w->nlong > 2)
		return NULL;
	bool is_signed = !w->nunsigned;
	if (w->nchar)
		return w->nshort || w->nint || w->nlong ? NULL : sign_words ? type_int_sized(1, is_signed) : &c_char_type;
	if (w->nshort)
		return w->nlong ? NULL : type_int_sized(2, is_signed);
	if (w->nlong)
		return type_int_sized(8, is_signed); /* LP64 */
	return sign_words || w->nint ? type_int_sized(4, is_signed) : NULL;
}

/* ---- macros ---- */

struct c_macro *c_macro_find(const char *name)
{
	return name_table_get(&macros, name);
}

void c_macro_define(struct c_macro *m)
{
	name_table_put(&macros, m->name, m);
}

void c_macro_undefine(const char *name)
{
	if (c_macro_find(name))
		name_table_put(&macros, name, NULL);
}

static void define_constant(const char *name, const char *value)
{
	struct c_tokens body = { 0 };
	c_tokenize(value, (struct loc){ 0 }, &body);
	struct c_macro *m = arena_alloc(sizeof(*m));
	*m = (struct c_macro){ .name = name, .body = body.items, .nbody = body.n };
	c_macro_define(m);
}

/* Macros a C compiler for this machine defines, and bpftrace's own
 * BPFTRACE_HAVE_BTF where the kernel has BTF (its tools #include kernel
 * headers only when it has not). */
static void predefine(void)
{
	static const char *const defines[][2] = {
		{ "__linux__", "1" }, { "__linux", "1" }, { "__unix__", "1" }, { "__LP64__", "1" }, { "_LP64", "1" },
		{ "__CHAR_BIT__", "8" }, { "__SIZEOF_POINTER__", "8" }, { "__SIZEOF_LONG__", "8" },
		{ "__SIZEOF_INT__", "4" }, { "__ORDER_LITTLE_ENDIAN__", "1234" }, { "__ORDER_BIG_ENDIAN__", "4321" },
		{ "__BYTE_ORDER__", "1234" },
#if defined(__x86_64__)
		{ "__x86_64__", "1" }, { "__x86_64", "1" },
#elif defined(__aarch64__)
		{ "__aarch64__", "1" },
#endif
	};
	for (size_t i = 0; i < sizeof(defines) / sizeof(defines[0]); i++)
		define_constant(defines[i][0], defines[i][1]);
	if (access("/sys/kernel/btf/vmlinux", R_OK) == 0)
		define_constant("BPFTRACE_HAVE_BTF", "1");
}

/* ---- the interface ---- */

void cdefs_reset(void)
{
	tags = (struct name_table){ 0 };
	ordinary = (struct name_table){ 0 };
	macros = (struct name_table){ 0 };
	c_preprocess_reset();
	if (kernel && kernel->reset)
		kernel->reset();
	type_set_completer(complete_from_kernel);
	predefine();
}

/* Tokens end with CT_END, placed just past the last one. */
static void end_tokens(struct c_tokens *t, struct loc at)
{
	struct loc end = t->n ? t->items[t->n - 1].loc : at;
	end.col = end.end_col + 1;
	end.end_line = end.line;
	end.end_col = end.col;
	c_tokens_push(t, (struct c_token){ .kind = CT_END, .text = "", .loc = end });
}

bool cdefs_parse(const char *text, struct loc at, const char *dir)
{
	struct c_tokens tokens = { 0 };
	if (!c_preprocess(text, at, dir, &tokens))
		return false;
	end_tokens(&tokens, at);
	return c_parse(tokens.items);
}

bool cdefs_read_include_files(void)
{
	for (int i = 0; options && i < options->ninclude_files; i++) {
		struct c_tokens tokens = { 0 };
		/* as #include <name>: a kernel header BTF stands in for may be
		 * missing, a path may not */
		const char *name = options->include_files[i];
		if (!c_include(name, false, name[0] != '/', ".", (struct loc){ 0 }, &tokens))
			return false;
		end_tokens(&tokens, (struct loc){ 0 });
		if (!c_parse(tokens.items))
			return false;
	}
	return true;
}

/* "unsigned long int": every word a base type's */
static bool base_words(const char *name, struct c_base_words *w)
{
	*w = (struct c_base_words){ 0 };
	bool base = true;
	char word[32];
	for (const char *s = name; *s && base;) {
		size_t n = strcspn(s, " ");
		base = n < sizeof(word) && (memcpy(word, s, n), word[n] = 0, c_base_word(word, w));
		s += n + strspn(s + n, " ");
	}
	return base;
}

const struct type *cdefs_type(const char *name)
{
	static const char *const kinds[] = { [C_STRUCT] = "struct ", [C_UNION] = "union ", [C_ENUM] = "enum " };
	for (int k = C_STRUCT; k <= C_ENUM; k++)
		if (!strncmp(name, kinds[k], strlen(kinds[k])))
			return tag_type(k, name + strlen(kinds[k]));
	struct c_base_words w;
	if (base_words(name, &w))
		return c_base_type(&w);
	return c_typedef_find(name);
}

bool cdefs_is_base_type(const char *name)
{
	struct c_base_words w;
	return base_words(name, &w);
}

bool cdefs_script_defines(const char *name)
{
	static const char *const kinds[] = { [C_STRUCT] = "struct ", [C_UNION] = "union ", [C_ENUM] = "enum " };
	for (int k = C_STRUCT; k <= C_ENUM; k++) {
		if (strncmp(name, kinds[k], strlen(kinds[k])))
			continue;
		struct c_tag *tag = c_tag_find(name + strlen(kinds[k]));
		return tag && tag->defined;
	}
	struct ordinary *o = name_table_get(&ordinary, name);
	return o && o->type;
}

const struct type *cdefs_declared_type(enum cdefs_tag_kind kind, const char *name)
{
	enum c_tag_kind k = kind == CDEFS_UNION ? C_UNION : C_STRUCT;
	struct c_tag *tag = c_tag_find(name);
	if (tag && tag->kind != k)
		return NULL;
	return (tag ? tag : c_tag_add(k, name, (struct loc){ 0 }))->type;
}

bool cdefs_enum_value(const char *name, long long *value)
{
	if (c_enum_constant_find(name, value))
		return true;
	return kernel && kernel->enum_value && kernel->enum_value(name, value);
}

const struct type *cdefs_enum_type(const char *name)
{
	struct ordinary *o = name_table_get(&ordinary, name);
	if (o && !o->type)
		return o->enum_type;
	return kernel && kernel->enum_type ? kernel->enum_type(name) : NULL;
}

/* The tokens an object-like macro name expands to; false if it is not
 * one, or expands to nothing. */
static bool object_macro_tokens(const char *name, struct c_tokens *tokens, const struct c_macro **macro)
{
	const struct c_macro *m = c_macro_find(name);
	*tokens = (struct c_tokens){ 0 };
	*macro = m;
	return m && !m->function_like && c_macro_expansion(m, m->loc, tokens) && tokens->n;
}

bool cdefs_macro_value(const char *name, long long *value)
{
	const struct c_macro *m;
	struct c_tokens tokens;
	if (!object_macro_tokens(name, &tokens, &m))
		return false;
	end_tokens(&tokens, m->loc);
	return c_eval_quiet(tokens.items, value);
}

/* A C string literal's text, its escapes decoded, appended at *o. */
static char *decode_c_string(const char *lit, char *o)
{
	for (const char *p = lit + 1; *p && *p != '"'; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		static const char simple[] = "n\nt\tr\ra\ab\bf\fv\ve\033\\\\\"\"''??";
		const char *s = *p ? strchr(simple, *p) : NULL;
		if (s && (s - simple) % 2 == 0) {
			*o++ = s[1];
		} else if (*p == 'x') {
			int v = 0, k = 0;
			while (k < 2 && isxdigit((unsigned char)p[1]))
				v = v * 16 + (isdigit((unsigned char)p[1]) ? p[1] - '0' : (tolower((unsigned char)p[1]) - 'a' + 10)), p++, k++;
			*o++ = (char)v;
		} else if (*p >= '0' && *p <= '7') {
			int v = *p - '0', k = 1;
			while (k < 3 && p[1] >= '0' && p[1] <= '7')
				v = v * 8 + (*++p - '0'), k++;
			*o++ = (char)v;
		} else if (*p) {
			*o++ = *p;
		} else {
			break;
		}
	}
	return o;
}

bool cdefs_macro_string(const char *name, const char **bytes, int *len)
{
	const struct c_macro *m;
	struct c_tokens tokens;
	if (!object_macro_tokens(name, &tokens, &m))
		return false;
	size_t total = 1;
	for (int i = 0; i < tokens.n; i++) {
		if (tokens.items[i].kind != CT_STRING) /* "a" "b" is "ab"; anything else is not a string */
			return false;
		total += strlen(tokens.items[i].text);
	}
	char *text = arena_alloc(total), *o = text;
	for (int i = 0; i < tokens.n; i++)
		o = decode_c_string(tokens.items[i].text, o);
	*o = 0;
	*bytes = text;
	*len = (int)(o - text);
	return true;
}

bool cdefs_is_macro(const char *name)
{
	return c_macro_find(name) != NULL;
}

int cdefs_kernel_kfunc_id(const char *name, bool *known)
{
	*known = kernel && kernel->function_id;
	return *known ? kernel->function_id(name, true) : 0;
}

int cdefs_kernel_function_id(const char *name)
{
	return kernel && kernel->function_id ? kernel->function_id(name, false) : 0;
}

const struct type *cdefs_kernel_percpu_variable(const char *name, bool *known)
{
	*known = kernel && kernel->percpu_variable;
	return *known ? kernel->percpu_variable(name) : NULL;
}

void cdefs_kernel_struct_names(const char *prefix, void (*emit)(void *ctx, const char *name), void *ctx)
{
	if (kernel && kernel->struct_names)
		kernel->struct_names(prefix, emit, ctx);
}

const struct cdefs_function *cdefs_kernel_function(const char *module, const char *name, bool *known)
{
	*known = kernel && kernel->function;
	return *known ? kernel->function(module, name) : NULL;
}
