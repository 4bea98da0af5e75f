#include "types.h"

#include "aggregation.h"
#include "arena.h"

#include <string.h>

const struct type type_none_ = { .kind = TY_NONE };
const struct type type_void_ = { .kind = TY_VOID };
const struct type type_int64_ = { .kind = TY_INT, .size = 8, .is_signed = true };
const struct type type_uint64_ = { .kind = TY_INT, .size = 8 };
const struct type type_probe_ = { .kind = TY_PROBE, .size = 8 };
const struct type type_func_ = { .kind = TY_PROBE, .size = 8, .of_func = true };
const struct type type_bool_ = { .kind = TY_BOOL, .size = 1 };

static struct type *new_type(enum type_kind kind, int size)
{
	struct type *t = arena_alloc(sizeof(*t));
	t->kind = kind;
	t->size = size;
	return t;
}

const struct type *type_int_sized(int size, bool is_signed)
{
	static const struct type ints[2][4] = {
		{ { .kind = TY_INT, .size = 1 }, { .kind = TY_INT, .size = 2 }, { .kind = TY_INT, .size = 4 },
		  { .kind = TY_INT, .size = 8 } },
		{ { .kind = TY_INT, .size = 1, .is_signed = true }, { .kind = TY_INT, .size = 2, .is_signed = true },
		  { .kind = TY_INT, .size = 4, .is_signed = true }, { .kind = TY_INT, .size = 8, .is_signed = true } },
	};
	if (size == 8)
		return type_int(is_signed);
	int i = size == 1 ? 0 : size == 2 ? 1 : 2;
	return &ints[is_signed][i];
}

const struct type *type_of_literal(long long value)
{
	if (value < 0)
		return type_int(false);
	int size = value <= 0x7f ? 1 : value <= 0x7fff ? 2 : value <= 0x7fffffff ? 4 : 8;
	return type_int_sized(size, true);
}

const struct type *type_resolved(enum resolved_kind kind, int size)
{
	struct type *t = new_type(TY_RESOLVED, size);
	t->resolved = kind;
	return t;
}

const struct type *type_stack(bool user, enum stack_mode mode, int limit)
{
	struct type *t = new_type(TY_RESOLVED, (user ? USTACK_HEADER : KSTACK_HEADER) + 8);
	t->resolved = user ? RESOLVED_USTACK : RESOLVED_KSTACK;
	t->stack_mode = mode;
	t->stack_limit = limit;
	return t;
}

bool type_is_stack(const struct type *t)
{
	return t->kind == TY_RESOLVED && (t->resolved == RESOLVED_KSTACK || t->resolved == RESOLVED_USTACK);
}

int type_stack_frame_size(const struct type *t)
{
	return t->stack_mode == STACK_BUILD_ID ? BUILD_ID_FRAME : 8;
}

int type_stack_limit(const struct type *t)
{
	return t->stack_limit;
}

const struct type *type_promote(const struct type *t)
{
	if (t->kind == TY_INT && t->nenumerators && t->size != 8) /* a word, still the enum's */
		return type_enum(type_int(t->is_signed), t->enum_tag, t->enumerators, t->nenumerators);
	return t->kind == TY_INT && t->size != 8 && !t->name ? type_int(t->is_signed) : t;
}

int type_align(const struct type *t)
{
	switch (t->kind) {
	case TY_INT: case TY_BOOL: case TY_PTR: case TY_PROBE:
		return t->size;
	case TY_RESOLVED: /* words: a length, a format id */
		return 8;
	case TY_ARRAY:
		return type_align(t->elem);
	case TY_TUPLE: case TY_RECORD: case TY_STRUCT: case TY_UNION: {
		if (t->align)
			return t->align;
		int a = 1;
		for (int i = 0; i < t->nmembers; i++)
			if (type_align(t->members[i].type) > a)
				a = type_align(t->members[i].type);
		return a;
	}
	default:
		return 1;
	}
}

static const struct type *laid_out(enum type_kind kind, const char *const *names, const struct type *const *members,
				   int n)
{
	struct type_member *ms = arena_alloc(sizeof(*ms) * (size_t)(n ? n : 1));
	int off = 0, align = 1;
	for (int i = 0; i < n; i++) {
		int a = type_align(members[i]);
		off = (off + a - 1) / a * a;
		ms[i] = (struct type_member){ names ? names[i] : arena_printf("%d", i), members[i], off, 0, 0 };
		off += members[i]->size;
		if (a > align)
			align = a;
	}
	struct type *t = new_type(kind, (off + align - 1) / align * align);
	t->members = ms;
	t->nmembers = n;
	return t;
}

const struct type *type_tuple(const struct type *const *members, int n)
{
	return laid_out(TY_TUPLE, NULL, members, n);
}

const struct type *type_record(const char *const *names, const struct type *const *members, int n)
{
	return laid_out(TY_RECORD, names, members, n);
}

const struct type *type_tuple_at(const struct type *const *members, const int *offsets, int n, int size)
{
	struct type_member *ms = arena_alloc(sizeof(*ms) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		ms[i] = (struct type_member){ arena_printf("%d", i), members[i], offsets[i], 0, 0 };
	struct type *t = new_type(TY_TUPLE, size);
	t->members = ms;
	t->nmembers = n;
	return t;
}

static void (*completer)(struct type *t);

void type_set_completer(void (*complete)(struct type *t))
{
	completer = complete;
}

const struct type *type_complete(const struct type *t)
{
	if (t->incomplete && completer)
		completer((struct type *)t);
	return t;
}

const struct type_member *type_member(const struct type *t, const char *name)
{
	t = type_complete(t);
	for (int i = 0; i < t->nmembers; i++)
		if (!strcmp(t->members[i].name, name))
			return &t->members[i];
	return NULL;
}

const struct type *type_str(int size)
{
	return new_type(TY_STR, size);
}

const struct type *type_ptr(const struct type *pointee, enum address_space space)
{
	struct type *t = new_type(TY_PTR, 8);
	t->pointee = pointee;
	t->space = space;
	return t;
}

const struct type *type_c_array(const struct type *elem, int count)
{
	bool is_char = elem->kind == TY_INT && elem->size == 1 && elem->name && !strcmp(elem->name, "char");
	return is_char && count > 0 ? type_str(count) : type_array(elem, count);
}

const struct type *type_array(const struct type *elem, int count)
{
	struct type *t = new_type(TY_ARRAY, elem->size * count);
	t->elem = elem;
	t->count = count;
	return t;
}

const struct type *type_agg(const struct aggregation *agg, bool is_signed)
{
	struct type *t = new_type(TY_AGG, 0);
	t->agg = agg;
	t->is_signed = is_signed;
	return t;
}

const struct type *type_enum(const struct type *base, const char *tag, const struct type_enumerator *e, int n)
{
	struct type *t = arena_alloc(sizeof(*t));
	*t = *base;
	t->enum_tag = tag;
	t->enumerators = e;
	t->nenumerators = n;
	return t;
}

const char *type_enumerator_name(const struct type *t, long long v)
{
	/* an enum's value is read at the enum's size: compare at it too */
	unsigned long long mask = t->size >= 8 ? ~0ULL : (1ULL << (t->size * 8)) - 1;
	for (int i = 0; i < t->nenumerators; i++)
		if ((((unsigned long long)t->enumerators[i].value ^ (unsigned long long)v) & mask) == 0)
			return t->enumerators[i].name;
	return NULL;
}

const struct type *type_with_sign(const struct type *t, bool is_signed)
{
	if (t->is_signed == is_signed)
		return t;
	if (t->kind == TY_INT && !t->name)
		return type_int_sized(t->size, is_signed);
	struct type *copy = arena_alloc(sizeof(*copy));
	*copy = *t;
	copy->is_signed = is_signed;
	return copy;
}

bool type_is_struct(const struct type *t, const char *tag)
{
	return t->kind == TY_STRUCT && t->name && !strcmp(t->name, tag);
}

bool type_equal(const struct type *a, const struct type *b)
{
	if (a == b)
		return true;
	if (a->kind != b->kind || a->size != b->size || a->is_signed != b->is_signed || a->agg != b->agg)
		return false;
	switch (a->kind) {
	case TY_RESOLVED:
		return a->resolved == b->resolved && a->stack_mode == b->stack_mode && a->stack_limit == b->stack_limit;
	case TY_PTR:
		return a->space == b->space && type_equal(a->pointee, b->pointee);
	case TY_PROBE:
		return a->of_func == b->of_func;
	case TY_ARRAY:
		return a->count == b->count && type_equal(a->elem, b->elem);
	case TY_STRUCT:
	case TY_UNION:
	case TY_TUPLE:
	case TY_RECORD:
		if (a->nmembers != b->nmembers)
			return false;
		for (int i = 0; i < a->nmembers; i++)
			if (a->members[i].offset != b->members[i].offset ||
			    a->members[i].bit_offset != b->members[i].bit_offset ||
			    a->members[i].bit_width != b->members[i].bit_width ||
			    !type_equal(a->members[i].type, b->members[i].type))
				return false;
		return true;
	default:
		return true;
	}
}

static const char *int_name(const struct type *t)
{
	if (t->name)
		return t->name;
	if (t->nenumerators)
		return t->enum_tag ? arena_printf("enum %s", t->enum_tag) : "enum (anonymous)";
	return arena_printf("%sint%d", t->is_signed ? "" : "u", t->size * 8);
}

const char *type_name(const struct type *t)
{
	switch (t->kind) {
	case TY_NONE: return "unknown";
	case TY_VOID: return "void";
	case TY_INT: return int_name(t);
	case TY_BOOL: return "bool";
	case TY_STR: return arena_printf("string[%d]", t->size);
	case TY_PROBE: return t->of_func ? "func" : "probe";
	case TY_RESOLVED: /* bpftrace's names */
		switch (t->resolved) {
		case RESOLVED_TIMESTAMP: return "timestamp";
		case RESOLVED_USERNAME: return "username";
		case RESOLVED_BUFFER: return arena_printf("buffer[%d]", t->size - BUFFER_HEADER);
		case RESOLVED_KSTACK:
		case RESOLVED_USTACK: {
			static const char *const modes[] = { "", "perf, ", "raw, ", "build_id, " };
			return arena_printf("%cstack(%s%d)", t->resolved == RESOLVED_USTACK ? 'u' : 'k', modes[t->stack_mode],
					    type_stack_limit(t));
		}
		case RESOLVED_KSYM: return "ksym";
		case RESOLVED_USYM: return "usym";
		case RESOLVED_INET: return "inet";
		case RESOLVED_MACADDR: return "macaddr_t";
		case RESOLVED_CGROUP_PATH: return "cgroup_path_t";
		}
		return "?";
	case TY_AGG: return arena_printf("%s()", t->agg->name);
	case TY_PTR: return arena_printf("%s *", type_name(t->pointee));
	case TY_ARRAY: return arena_printf("%s[%d]", type_name(t->elem), t->count);
	case TY_STRUCT: return arena_printf("struct %s", t->name ? t->name : "(anonymous)");
	case TY_UNION: return arena_printf("union %s", t->name ? t->name : "(anonymous)");
	case TY_TUPLE:
	case TY_RECORD: {
		const char *s = "(";
		for (int i = 0; i < t->nmembers; i++)
			s = arena_printf("%s%s%s%s%s", s, i ? "," : "", t->kind == TY_RECORD ? t->members[i].name : "",
					 t->kind == TY_RECORD ? "=" : "", type_name(t->members[i].type));
		return arena_printf("%s%s)", s, t->nmembers == 1 && t->kind == TY_TUPLE ? "," : "");
	}
	}
	return "?";
}

unsigned long long type_read_int(const struct type *t, const void *data)
{
	const unsigned char *b = data;
	switch (t->kind == TY_INT || t->kind == TY_BOOL ? t->size : 8) {
	case 1: return t->is_signed ? (unsigned long long)(long long)(signed char)b[0] : b[0];
	case 2: {
		unsigned short v;
		memcpy(&v, b, 2);
		return t->is_signed ? (unsigned long long)(long long)(short)v : v;
	}
	case 4: {
		unsigned int v;
		memcpy(&v, b, 4);
		return t->is_signed ? (unsigned long long)(long long)(int)v : v;
	}
	default: {
		unsigned long long v;
		memcpy(&v, b, 8);
		return v;
	}
	}
}


unsigned long long type_read_bitfield(const struct type_member *m, const void *base)
{
	const unsigned char *b = (const unsigned char *)base + m->offset;
	unsigned long long v = 0;
	for (int i = 0; i < type_bitfield_bytes(m); i++)
		v |= (unsigned long long)b[i] << (8 * i);
	v >>= m->bit_offset;
	int w = m->bit_width;
	if (w >= 64)
		return v;
	return v & ((1ULL << w) - 1); /* unsigned, whatever its type: as bpftrace reads bitfields */
}
