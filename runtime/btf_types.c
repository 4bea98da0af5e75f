/* BTF types as lantern's: integers, pointers, arrays, structs and unions
 * (members at their offsets, bitfields, anonymous members made the outer
 * one's), enums, through typedefs and qualifiers. A struct behind a
 * pointer is made incomplete, its size known and its members read when
 * something asks for them (type_complete): task_struct's pointers reach
 * most of the kernel's types, which a script never needs all of. */
#include "btf_types.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/name_table.h"

/* Nesting of structs by value is finite; past this, a type is bytes. */
#define MAX_DEPTH 64

static struct btf *kernel_btf; /* loaded once, kept for the process */
static struct btf *test_btf;
static bool load_failed;

/* Modules' BTF (split on the kernel's), loaded when one of their
 * functions is asked for, kept for the process. Their own types have
 * ids from the kernel's count on, so each has its own cache of them. */
#define MAX_MODULES 64
static struct module_btf {
	char *name;
	struct btf *btf; /* NULL: the module has none */
	struct type **extra; /* per compilation: its own types, by id - base */
	struct name_table funcs; /* per compilation: function name -> id + 1 */
	bool indexed;
} modules[MAX_MODULES];
static int nmodules;

/* Per compilation (the arena): the types made, by BTF id; names looked up. */
static struct type **by_id;
static __u32 nids;
static struct name_table looked_up; /* "struct x" -> type, or &absent */
static struct name_table enum_values; /* enumerator -> struct enum_value */
static bool enums_indexed;
static const struct type absent;
static struct name_table vmlinux_funcs; /* function name -> id + 1 */
static bool vmlinux_indexed;
static struct name_table functions; /* "module:name" -> struct cdefs_function *, or &absent */

static const struct type char_type = { .kind = TY_INT, .size = 1, .is_signed = true, .name = "char" };

static struct btf *btf(void)
{
	if (test_btf)
		return test_btf;
	if (!kernel_btf && !load_failed) {
		kernel_btf = btf__load_vmlinux_btf();
		if (libbpf_get_error(kernel_btf)) {
			kernel_btf = NULL;
			load_failed = true;
		}
	}
	return kernel_btf;
}

static void reset(void)
{
	by_id = NULL;
	nids = 0;
	for (int i = 0; i < nmodules; i++) {
		modules[i].extra = NULL;
		modules[i].funcs = (struct name_table){ 0 };
		modules[i].indexed = false;
	}
	vmlinux_funcs = (struct name_table){ 0 };
	vmlinux_indexed = false;
	functions = (struct name_table){ 0 };
	looked_up = (struct name_table){ 0 };
	enum_values = (struct name_table){ 0 };
	enums_indexed = false;
}

void btf_types_use(struct btf *b)
{
	test_btf = b;
	reset();
}

static struct type **slot(struct btf *b, __u32 id)
{
	struct btf *base = btf();
	if (b != base) { /* a module's: its own types past the kernel's */
		__u32 first = btf__type_cnt(base), n = btf__type_cnt(b);
		for (int i = 0; id >= first && i < nmodules; i++) {
			struct module_btf *m = &modules[i];
			if (m->btf != b)
				continue;
			if (!m->extra)
				m->extra = arena_alloc(sizeof(*m->extra) * (n - first));
			return id < n ? &m->extra[id - first] : NULL;
		}
		if (id >= first)
			return NULL;
		b = base;
	}
	if (!by_id) {
		nids = btf__type_cnt(b);
		by_id = arena_alloc(sizeof(*by_id) * nids);
	}
	return id < nids ? &by_id[id] : NULL;
}

static const struct type *convert(struct btf *b, __u32 id, int depth);

/* The id behind typedefs and qualifiers. */
static __u32 skip_aliases(struct btf *b, __u32 id)
{
	for (int i = 0; i < MAX_DEPTH; i++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		if (!t || !(btf_is_typedef(t) || btf_is_mod(t) || btf_kind(t) == BTF_KIND_TYPE_TAG))
			return id;
		id = t->type;
	}
	return id;
}

static const char *name_of(struct btf *b, const struct btf_type *t)
{
	const char *name = btf__name_by_offset(b, t->name_off);
	return name && *name ? name : NULL;
}

static bool is_aggregate(const struct btf_type *t)
{
	return btf_is_struct(t) || btf_is_union(t);
}

/* A struct's shell: kind, name, size, alignment; members not read yet. */
static struct type *shell(struct btf *b, __u32 id, const struct btf_type *t)
{
	struct type *s = arena_alloc(sizeof(*s));
	s->kind = btf_is_union(t) ? TY_UNION : TY_STRUCT;
	s->name = name_of(b, t);
	s->size = (int)t->size;
	int align = btf__align_of(b, id);
	s->align = align > 0 ? align : 1;
	s->incomplete = true;
	return s;
}

/* Reads the members of struct id into s. */
static void fill_members(struct btf *b, const struct btf_type *t, struct type *s, int depth)
{
	int vlen = btf_vlen(t), n = 0, cap = 0;
	struct type_member *ms = NULL;
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < vlen; i++, m++) {
		const struct type *mt = convert(b, m->type, depth + 1);
		__u32 bit = btf_member_bit_offset(t, (__u32)i), width = btf_member_bitfield_size(t, (__u32)i);
		const char *name = btf__name_by_offset(b, m->name_off);
		if (name && *name) {
			ms = arena_grow(ms, n, &cap, sizeof(*ms));
			ms[n++] = (struct type_member){ name, mt, (int)(bit / 8), width ? (int)(bit % 8) : 0, (int)width };
		} else if (mt->kind == TY_STRUCT || mt->kind == TY_UNION) { /* anonymous: its members are s's */
			mt = type_complete(mt);
			for (int k = 0; k < mt->nmembers; k++) {
				ms = arena_grow(ms, n, &cap, sizeof(*ms));
				ms[n] = mt->members[k];
				ms[n++].offset += (int)(bit / 8);
			}
		}
	}
	s->members = ms;
	s->nmembers = n;
	s->incomplete = false;
}

static const struct type *bytes(int size)
{
	return type_array(type_int_sized(1, false), size > 0 ? size : 0);
}

static const struct type *convert_int(struct btf *b, const struct btf_type *t)
{
	__u32 enc = btf_int_encoding(t);
	if (enc & BTF_INT_BOOL)
		return TYPE_BOOL;
	/* pahole gives char no CHAR flag: its name says it (char arrays are text) */
	const char *name = name_of(b, t);
	if (t->size == 1 && ((enc & BTF_INT_CHAR) || (name && !strcmp(name, "char"))))
		return &char_type;
	if (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8)
		return type_int_sized((int)t->size, enc & BTF_INT_SIGNED);
	return bytes((int)t->size); /* __int128 */
}

/* An enum's i-th enumerator: its name, and its value in *value. */
static const char *enumerator(struct btf *b, const struct btf_type *t, int i, long long *value)
{
	if (btf_is_enum(t)) {
		const struct btf_enum *e = &btf_enum(t)[i];
		*value = btf_kflag(t) ? (long long)e->val : (long long)(__u32)e->val;
		return btf__name_by_offset(b, e->name_off);
	}
	const struct btf_enum64 *e = &btf_enum64(t)[i];
	*value = (long long)btf_enum64_value(e);
	return btf__name_by_offset(b, e->name_off);
}

/* An enum: an integer of its size that prints as its enumerators. */
static const struct type *convert_enum(struct btf *b, const struct btf_type *t)
{
	int n = btf_vlen(t);
	struct type_enumerator *e = arena_alloc(sizeof(*e) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		e[i].name = enumerator(b, t, i, &e[i].value);
	int size = t->size == 1 || t->size == 2 || t->size == 4 ? (int)t->size : 8;
	return type_enum(type_int_sized(size, btf_kflag(t)), name_of(b, t), e, n);
}

/* What a pointer points at: a named struct is left incomplete. */
static const struct type *pointee(struct btf *b, __u32 id, int depth)
{
	__u32 target = skip_aliases(b, id);
	const struct btf_type *t = btf__type_by_id(b, target);
	if (!t || btf_is_func_proto(t))
		return TYPE_VOID;
	if (is_aggregate(t) && name_of(b, t)) {
		struct type **s = slot(b, target);
		if (s && !*s)
			*s = shell(b, target, t);
		if (s)
			return *s;
	}
	return convert(b, id, depth);
}

static const struct type *convert(struct btf *b, __u32 id, int depth)
{
	struct type **s = slot(b, id);
	if (s && *s && !(*s)->incomplete)
		return *s;
	const struct btf_type *t = btf__type_by_id(b, id);
	if (!id || !t)
		return TYPE_VOID;
	if (depth > MAX_DEPTH)
		return bytes((int)btf__resolve_size(b, id));
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return convert_int(b, t);
	case BTF_KIND_PTR:
		return type_ptr(pointee(b, t->type, depth), AS_KERNEL);
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		return type_c_array(convert(b, a->type, depth + 1), (int)a->nelems);
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		struct type *st = s && *s ? *s : shell(b, id, t);
		if (s)
			*s = st;
		fill_members(b, t, st, depth);
		return st;
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return convert_enum(b, t);
	case BTF_KIND_FWD: { /* declared here, defined elsewhere in the BTF */
		const char *name = name_of(b, t);
		__s32 def = name ? btf__find_by_name_kind(b, name, btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT) : -1;
		return def > 0 ? convert(b, (__u32)def, depth) : bytes(0);
	}
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return convert(b, t->type, depth + 1);
	case BTF_KIND_FLOAT:
		return bytes((int)t->size); /* lantern has no floating-point values */
	default: /* functions, variables, sections: no value's type */
		return TYPE_VOID;
	}
}

/* A name looked up once per compilation: found or not. */
static const struct type *remembered(const char *key, const struct type *t)
{
	name_table_put(&looked_up, arena_strdup(key), (void *)(t ? t : &absent));
	return t;
}

static const struct type *find(const char *key, const char *name, int kind)
{
	const struct type *t = name_table_get(&looked_up, key);
	if (t)
		return t == &absent ? NULL : t;
	struct btf *b = btf();
	__s32 id = b ? btf__find_by_name_kind(b, name, (__u32)kind) : -1;
	return remembered(key, id > 0 ? convert(b, (__u32)id, 0) : NULL);
}

static const struct type *tag(enum cdefs_tag_kind kind, const char *name)
{
	static const char *const names[] = { [CDEFS_STRUCT] = "struct", [CDEFS_UNION] = "union", [CDEFS_ENUM] = "enum" };
	static const int kinds[] = { [CDEFS_STRUCT] = BTF_KIND_STRUCT, [CDEFS_UNION] = BTF_KIND_UNION,
				     [CDEFS_ENUM] = BTF_KIND_ENUM };
	char key[256];
	snprintf(key, sizeof(key), "%s %s", names[kind], name);
	const struct type *t = find(key, name, kinds[kind]);
	if (!t && kind == CDEFS_ENUM) {
		snprintf(key, sizeof(key), "enum64 %s", name);
		t = find(key, name, BTF_KIND_ENUM64);
	}
	return t;
}

static const struct type *typedef_type(const char *name)
{
	char key[256];
	snprintf(key, sizeof(key), "typedef %s", name);
	return find(key, name, BTF_KIND_TYPEDEF);
}

/* Every enumerator of the BTF, indexed the first time one is asked. */
struct enum_value {
	long long value;
	__u32 enum_id; /* the enum it is of */
};

static void index_enums(struct btf *b)
{
	enums_indexed = true;
	__u32 n = btf__type_cnt(b);
	for (__u32 id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		if (!btf_is_any_enum(t))
			continue;
		for (int i = 0; i < btf_vlen(t); i++) {
			struct enum_value *v = arena_alloc(sizeof(*v));
			const char *name = enumerator(b, t, i, &v->value);
			v->enum_id = id;
			if (name && *name && !name_table_get(&enum_values, name))
				name_table_put(&enum_values, name, v);
		}
	}
}

static const struct enum_value *find_enumerator(const char *name)
{
	struct btf *b = btf();
	if (!b)
		return NULL;
	if (!enums_indexed)
		index_enums(b);
	return name_table_get(&enum_values, name);
}

static bool enum_value(const char *name, long long *value)
{
	const struct enum_value *v = find_enumerator(name);
	if (v)
		*value = v->value;
	return v != NULL;
}

static const struct type *enum_type(const char *name)
{
	const struct enum_value *v = find_enumerator(name);
	return v ? convert(btf(), v->enum_id, 0) : NULL;
}

/* ---- functions: fentry's and fexit's prototypes ---- */

static struct module_btf *module_btf(const char *name)
{
	for (int i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	struct btf *base = btf();
	if (!base || nmodules == MAX_MODULES)
		return NULL;
	struct module_btf *m = &modules[nmodules++];
	*m = (struct module_btf){ .name = strdup(name) };
	struct btf *b = btf__load_module_btf(name, base);
	m->btf = libbpf_get_error(b) ? NULL : b;
	return m;
}

/* Each BTF_KIND_FUNC of b from id first on, by name (the first of a name). */
static void index_functions(struct btf *b, __u32 first, struct name_table *t)
{
	__u32 n = btf__type_cnt(b);
	for (__u32 id = first; id < n; id++) {
		const struct btf_type *type = btf__type_by_id(b, id);
		const char *name = btf_is_func(type) ? name_of(b, type) : NULL;
		if (name && !name_table_get(t, name))
			name_table_put(t, name, (void *)(unsigned long)(id + 1));
	}
}

/* The FUNC_PROTO proto_id as a cdefs_function */
static const struct cdefs_function *prototype(struct btf *b, __u32 proto_id)
{
	const struct btf_type *proto = btf__type_by_id(b, proto_id);
	if (!proto || !btf_is_func_proto(proto))
		return NULL;
	struct cdefs_function *f = arena_alloc(sizeof(*f));
	struct cdefs_param *params = arena_alloc(sizeof(*params) * (size_t)(btf_vlen(proto) + 1));
	const struct btf_param *p = btf_params(proto);
	for (int i = 0; i < btf_vlen(proto); i++, p++) {
		if (!p->type) { /* `...` */
			f->variadic = true;
			break;
		}
		const char *name = btf__name_by_offset(b, p->name_off);
		params[f->nparams++] = (struct cdefs_param){ name && *name ? name : NULL, convert(b, p->type, 0) };
	}
	f->params = params;
	f->ret = proto->type ? convert(b, proto->type, 0) : TYPE_VOID;
	return f;
}

static const struct cdefs_function *function(const char *module, const char *name)
{
	char key[512];
	snprintf(key, sizeof(key), "%s:%s", module, name);
	const struct cdefs_function *f = name_table_get(&functions, key);
	if (f)
		return f == (const void *)&absent ? NULL : f;
	struct btf *b = btf();
	struct name_table *index = &vmlinux_funcs;
	__u32 first = 1;
	if (b && strcmp(module, "vmlinux")) {
		struct module_btf *m = test_btf ? NULL : module_btf(module);
		b = m ? m->btf : NULL;
		if (b && !m->indexed) {
			m->indexed = true;
			index_functions(b, btf__type_cnt(btf()), &m->funcs);
		}
		index = b ? &m->funcs : NULL;
	} else if (b && !vmlinux_indexed) {
		vmlinux_indexed = true;
		index_functions(b, first, index);
	}
	unsigned long id = index ? (unsigned long)name_table_get(index, name) : 0;
	f = id ? prototype(b, btf__type_by_id(b, (__u32)(id - 1))->type) : NULL;
	name_table_put(&functions, arena_strdup(key), f ? (void *)f : (void *)&absent);
	return f;
}

/* A FUNC named name; with kfunc, one that a DECL_TAG "bpf_kfunc" points
 * to: the kernel tags its kfuncs so (pahole 1.26 and later). */
static int function_id(const char *name, bool kfunc)
{
	struct btf *b = btf();
	__s32 func = b ? btf__find_by_name_kind(b, name, BTF_KIND_FUNC) : -1;
	if (!kfunc)
		return func > 0 ? func : 0;
	bool tags = false; /* older pahole tags no kfunc: any function may be one, the verifier says */
	for (__u32 id = 1; func > 0 && id < btf__type_cnt(b); id++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		if (!btf_is_decl_tag(t) || strcmp(btf__name_by_offset(b, t->name_off), "bpf_kfunc"))
			continue;
		if (t->type == (__u32)func)
			return func;
		tags = true;
	}
	return func > 0 && !tags ? func : 0;
}

/* A VAR the kernel's per-CPU section lists: its address is an offset
 * that bpf_this_cpu_ptr and bpf_per_cpu_ptr turn into a CPU's copy. */
static const struct type *percpu_variable(const char *name)
{
	struct btf *b = btf();
	__s32 var = b ? btf__find_by_name_kind(b, name, BTF_KIND_VAR) : -1;
	__s32 sec = var > 0 ? btf__find_by_name_kind(b, ".data..percpu", BTF_KIND_DATASEC) : -1;
	if (sec <= 0)
		return NULL;
	const struct btf_type *t = btf__type_by_id(b, (__u32)sec);
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	for (int i = 0; i < btf_vlen(t); i++)
		if (v[i].type == (__u32)var)
			return convert(b, btf__type_by_id(b, (__u32)var)->type, 0);
	return NULL;
}

static void struct_names(const char *prefix, void (*emit)(void *ctx, const char *name), void *ctx)
{
	struct btf *b = btf();
	size_t len = strlen(prefix);
	for (__u32 id = 1; b && id < btf__type_cnt(b); id++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		const char *name = btf_is_struct(t) ? btf__name_by_offset(b, t->name_off) : NULL;
		if (name && !strncmp(name, prefix, len))
			emit(ctx, name);
	}
}

const struct cdefs_kernel btf_kernel_types = {
	.tag = tag,
	.typedef_type = typedef_type,
	.enum_value = enum_value,
	.enum_type = enum_type,
	.function = function,
	.function_id = function_id,
	.percpu_variable = percpu_variable,
	.struct_names = struct_names,
	.reset = reset,
};

bool kernel_type_listing(const char *pattern)
{
	return !strncmp(pattern, "struct ", 7) || !strncmp(pattern, "union ", 6) || !strncmp(pattern, "enum ", 5);
}

static void print_to(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

int btf_list_type(const char *pattern, FILE *out)
{
	const char *name = strchr(pattern, ' ') + 1;
	int kind = pattern[0] == 's' ? BTF_KIND_STRUCT : pattern[0] == 'u' ? BTF_KIND_UNION : BTF_KIND_ENUM;
	struct btf *b = btf();
	int id = b ? btf__find_by_name_kind(b, name, kind) : -1;
	if (id < 0 && kind == BTF_KIND_ENUM && b)
		id = btf__find_by_name_kind(b, name, BTF_KIND_ENUM64);
	if (id < 0) {
		diag_plain_error("-lv: the kernel's BTF has no %s", pattern);
		return -1;
	}
	struct btf_dump *d = btf_dump__new(b, print_to, out, NULL);
	if (!d)
		return -1;
	const struct btf_type *t = btf__type_by_id(b, (unsigned)id);
	fprintf(out, "vmlinux: %s {\n", pattern);
	if (btf_is_enum(t)) {
		const struct btf_enum *e = btf_enum(t);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			fprintf(out, "\t%s = %d,\n", btf__name_by_offset(b, e[i].name_off), e[i].val);
	} else if (btf_is_enum64(t)) {
		const struct btf_enum64 *e = btf_enum64(t);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			fprintf(out, "\t%s = %llu,\n", btf__name_by_offset(b, e[i].name_off),
				(unsigned long long)btf_enum64_value(&e[i]));
	} else {
		const struct btf_member *m = btf_members(t);
		for (unsigned i = 0; i < btf_vlen(t); i++) {
			/* each member as C declares it: arrays, function pointers... */
			LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = btf__name_by_offset(b, m[i].name_off),
				    .indent_level = 1);
			fputc('\t', out);
			btf_dump__emit_type_decl(d, m[i].type, &opts);
			unsigned bits = btf_member_bitfield_size(t, i);
			if (bits)
				fprintf(out, ": %u", bits);
			fputs(";\n", out);
		}
	}
	fputs("};\n", out);
	btf_dump__free(d);
	return 0;
}
