/* The types of lantern values. A type is built once and shared by
 * pointer (const struct type *); composite types point to their parts
 * (a pointer to its pointee, an array to its element, a struct, tuple or
 * record to its members), so any C or bpftrace type can be written down.
 * Integers are 64-bit in registers; an integer's size matters where it is
 * loaded, and its sign for printing, division, comparison and buckets.
 * What an aggregation was given (lhist's bounds) is the aggregate's
 * (compiler/aggregation.h), not the type's. */
#ifndef LANTERN_TYPES_H
#define LANTERN_TYPES_H
#include <stdbool.h>

enum type_kind {
	TY_NONE,   /* not known: not typed yet, a map not assigned yet, or after an error */
	TY_VOID,   /* statements and functions that return nothing */
	TY_INT,
	TY_BOOL,   /* true, false, comparisons: one byte in a tuple, printed as true/false */
	TY_STR,    /* fixed-size, NUL-padded buffer of `size` bytes */
	TY_PROBE,  /* the `probe` builtin: a probe id, printed as its name */
	TY_RESOLVED, /* data the kernel records and userspace turns into text when it prints it */
	TY_AGG,    /* the result of count(), hist()...: only assignable to a map */
	TY_PTR,    /* an address of a pointee in kernel or user memory */
	TY_ARRAY,  /* count elements in place */
	TY_STRUCT, /* C struct: named members at offsets */
	TY_UNION,
	TY_TUPLE,  /* (a, b): members named "0", "1"... */
	TY_RECORD, /* (x = a, y = b): named members */
};

/* Where a pointer's pointee lives: reads use the matching helper. */
enum address_space {
	AS_KERNEL,
	AS_USER,
	AS_BPF, /* the program's own memory (&$x): read directly */
};

struct type;
struct aggregation;

/* What a TY_RESOLVED value is and how userspace shows it (the runtime's
 * output_resolved.c), as bpftrace resolves them when it prints. */
enum resolved_kind {
	RESOLVED_TIMESTAMP, /* strftime(fmt, ns): u32 format id (program.h), u32 clock (nsecs_clock), u64 ns */
	RESOLVED_USERNAME,  /* username: u64 uid, shown as its name in /etc/passwd */
	RESOLVED_BUFFER,    /* buf(p, n): u64 length, then the bytes; shown \xNN-escaped */
	RESOLVED_INET,      /* ntop([af,] addr): u64 address family, 16 bytes of address; shown by inet_ntop */
	RESOLVED_MACADDR,   /* macaddr(mac): 6 bytes; shown AA:BB:CC:DD:EE:FF */
	RESOLVED_CGROUP_PATH, /* cgroup_path(id [, filter]): u64 id, u64 filter id (program.h); its paths */
	RESOLVED_KSTACK,    /* kstack: u64 frames, u64 stack id (its frames in the stack map) */
	RESOLVED_USTACK,    /* ustack: i32 pid, i32 probe id, u64 frames, u64 stack id */
	RESOLVED_KSYM,      /* ksym(addr): u64 kernel address, shown as its symbol's name */
	RESOLVED_USYM,      /* usym(addr): u64 user address, i32 pid, i32 probe id */
};

/* How a stack prints (config's stack_mode, kstack(perf)): its order is
 * the setting's choices'. */
enum stack_mode {
	STACK_BPFTRACE, /* "        func+off" lines */
	STACK_PERF,     /* "\tADDR func+off", ustack's with " (binary)" */
	STACK_RAW,      /* the addresses in hex */
	STACK_BUILD_ID, /* ustack only: build ids and file offsets */
};

/* Bytes before a stack's id (its count of frames, a ustack's pid and
 * probe first), and what one frame takes in the stack map. */
#define KSTACK_HEADER 8
#define USTACK_HEADER 16
#define BUILD_ID_FRAME 32 /* struct bpf_stack_build_id */
/* The stack maps: a stack's frames by its id, one map per frame size
 * (builtins/stacks.c); the runtime reads them to print stacks. */
#define STACK_FRAMES_MAP_NAME "stack_frames"
#define STACK_BUILD_IDS_MAP_NAME "stack_build_ids"
#define STACK_LAST_MAP_NAME "stack_last_kept"
/* A stack map holds max_map_keys stacks, and at most this many (its
 * buckets are sized by it: 4 MiB of them at most) */
#define MAX_STACKS 262144

/* A C enum's constant. */
struct type_enumerator {
	const char *name;
	long long value;
};

struct type_member {
	const char *name;
	const struct type *type;
	int offset; /* bytes from the start; a bitfield's: of the byte its first bit is in */
	/* A bitfield (bit_width > 0): bit_width bits from bit bit_offset (0..7,
	 * counted from the least significant bit) of the byte at offset, in
	 * an integer of type's sign */
	int bit_offset, bit_width;
};

struct type {
	enum type_kind kind;
	int size;       /* bytes: 8 for ints in registers, a string's buffer, a struct's */
	bool is_signed; /* TY_INT; for TY_AGG, of the aggregated value */
	const char *name; /* struct/union tag, typedef: for messages */
	/* TY_PTR */
	const struct type *pointee;
	enum address_space space;
	/* TY_ARRAY */
	const struct type *elem;
	int count;
	/* TY_STRUCT, TY_UNION, TY_TUPLE, TY_RECORD */
	const struct type_member *members;
	int nmembers;
	/* TY_STRUCT, TY_UNION from C: its alignment (1 when packed); 0: its
	 * members' largest */
	int align;
	/* TY_STRUCT, TY_UNION declared but its members not read yet (a
	 * kernel struct behind a pointer): type_complete reads them */
	bool incomplete;
	/* TY_AGG */
	const struct aggregation *agg;
	/* TY_RESOLVED */
	enum resolved_kind resolved;
	enum stack_mode stack_mode; /* RESOLVED_KSTACK, RESOLVED_USTACK */
	int stack_limit;            /* and the most frames it keeps */
	/* TY_PROBE: `func`, an attach point printed as the function it
	 * probes rather than as its name */
	bool of_func;
	/* TY_INT of a C enum (its tag in enum_tag, NULL if anonymous): a
	 * value prints as its enumerator's name where bpftrace symbolizes
	 * (print, map keys and values, tuples, printf's %s); arithmetic
	 * makes plain integers */
	const struct type_enumerator *enumerators;
	int nenumerators;
	const char *enum_tag;
};

/* Shared constant types. */
extern const struct type type_none_, type_void_, type_int64_, type_uint64_, type_probe_, type_func_, type_bool_;
#define TYPE_NONE (&type_none_)
#define TYPE_BOOL (&type_bool_)
#define TYPE_VOID (&type_void_)
#define TYPE_PROBE (&type_probe_)
#define TYPE_FUNC (&type_func_)

static inline const struct type *type_int(bool is_signed)
{
	return is_signed ? &type_int64_ : &type_uint64_;
}

/* int8..int64, uint8..uint64: size is 1, 2, 4 or 8 bytes. */
const struct type *type_int_sized(int size, bool is_signed);
/* The smallest signed type that holds a literal (int8 for 1), as current
 * bpftrace types literals. The lexer keeps literals past int64's range
 * as their bits (negative here): those are uint64. */
const struct type *type_of_literal(long long value);

/* Made in the compilation's arena. */
const struct type *type_str(int size);
const struct type *type_ptr(const struct type *pointee, enum address_space space);
const struct type *type_array(const struct type *elem, int count);
/* An array of a C definition or of BTF: char[N] is a string, as bpftrace
 * has it (comm, filenames); other arrays are arrays. */
const struct type *type_c_array(const struct type *elem, int count);
const struct type *type_agg(const struct aggregation *agg, bool is_signed);
/* A resolved value of size bytes (a buffer's header and bytes). */
const struct type *type_resolved(enum resolved_kind kind, int size);
/* A kstack or ustack of up to limit frames, printed as mode says. */
const struct type *type_stack(bool user, enum stack_mode mode, int limit);
bool type_is_stack(const struct type *t); /* kstack or ustack */
/* A stack type's frame limit, and the bytes one frame takes. */
int type_stack_frame_size(const struct type *t);
int type_stack_limit(const struct type *t);
/* Bytes before a buffer's data: its length. */
#define BUFFER_HEADER 8
/* A tuple of n members laid out as C lays out a struct (each member at
 * its alignment, the size a multiple of the largest). A record is the
 * same with member names. */
const struct type *type_tuple(const struct type *const *members, int n);
const struct type *type_record(const char *const *names, const struct type *const *members, int n);
/* A tuple with the members at the offsets given: a map's key of several
 * parts, each in 8-byte words (map_layout.h). */
const struct type *type_tuple_at(const struct type *const *members, const int *offsets, int n, int size);
/* An enum's integer type: base's size and sign, with its enumerators. */
const struct type *type_enum(const struct type *base, const char *tag, const struct type_enumerator *e, int n);
/* The name of the enumerator of t (an enum's type) whose value is v, or
 * NULL. */
const char *type_enumerator_name(const struct type *t, long long v);
/* A copy of t with its sign changed (an integer) */
const struct type *type_with_sign(const struct type *t, bool is_signed);

/* Values that compute as integers: integers, bools and addresses (pointers). */
static inline bool type_is_integer(const struct type *t)
{
	return t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_PTR;
}

/* Values kept in a buffer and handled by address (strings, tuples,
 * records, arrays, structs); the rest are integers in registers. */
static inline bool type_in_buffer(const struct type *t)
{
	switch (t->kind) {
	case TY_STR: case TY_TUPLE: case TY_RECORD: case TY_ARRAY: case TY_STRUCT: case TY_UNION: case TY_RESOLVED:
		return true;
	default:
		return false;
	}
}

static inline bool type_is_tuple(const struct type *t)
{
	return t->kind == TY_TUPLE || t->kind == TY_RECORD;
}

/* What a slot (a variable, a map key or value, an event's argument)
 * holds for a value of type t: integers take a whole 64-bit word, sign
 * kept; the rest as they are. */
const struct type *type_promote(const struct type *t);

/* The bytes of a slot holding t: whole words. */
static inline int type_slot_size(const struct type *t);

/* An alignment as C gives it: integers their size, strings 1, tuples
 * their largest member's. */
int type_align(const struct type *t);

/* A member by name ("0", "1" in a tuple); NULL if there is none. An
 * incomplete struct is completed first. */
const struct type_member *type_member(const struct type *t, const char *name);

/* t with its members, read where it was declared if it is incomplete
 * (t itself, filled in place; still incomplete if they are nowhere). The
 * C definitions' registry (compiler/cdefs.c) sets how. */
const struct type *type_complete(const struct type *t);
void type_set_completer(void (*complete)(struct type *t));

/* What p + 1 adds to a pointer's address: its pointee's size, 1 for void *. */
static inline int type_pointee_size(const struct type *p)
{
	return p->pointee->size > 0 ? p->pointee->size : 1;
}

bool type_equal(const struct type *a, const struct type *b);
/* t is struct tag (by name, as the kernel's BTF compares them) */
bool type_is_struct(const struct type *t, const char *tag);
/* An integer of t's size at data (a member may be 1, 2 or 4 bytes),
 * sign-extended as t says; 8 bytes for the rest (pointers, probe ids). */
unsigned long long type_read_int(const struct type *t, const void *data);
/* A bitfield member's value (m->bit_width > 0) in the struct at base. */
unsigned long long type_read_bitfield(const struct type_member *m, const void *base);
/* How many bytes from m->offset a bitfield's bits are in (at most 8). */
static inline int type_bitfield_bytes(const struct type_member *m)
{
	int n = (m->bit_offset + m->bit_width + 7) / 8;
	return n < 8 ? n : 8;
}
const char *type_name(const struct type *t); /* for messages: "int64", "string[16]", "int8 *" */

/* Buffers (strings, keys, record slots) are kept in whole 8-byte words, so
 * they can be written and compared a word at a time. */
static inline int round8(int n)
{
	return (n + 7) & ~7;
}

static inline int type_slot_size(const struct type *t)
{
	return type_in_buffer(t) ? round8(t->size) : 8;
}

#define COMM_SIZE 16

#endif
