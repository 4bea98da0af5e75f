/* Where the host's calling convention puts a function's parameters at
 * its entry: in argument registers (arch.h's), in vector registers
 * (floating-point values: not read), or on the stack. A uprobe's DWARF
 * args (dwarf_args.c) are read from there. One file per architecture
 * whose rules for aggregates lantern knows (abi_x86_64.c: System V);
 * elsewhere (abi.c) integers and pointers only, a struct by value losing
 * the places of the parameters after it. */
#ifndef LANTERN_ABI_H
#define LANTERN_ABI_H
#include <stdbool.h>

enum abi_class { ABI_INTEGER, ABI_SSE };

/* What the convention looks at in a parameter's type (dwarf_abi.c
 * reads it from the DWARF). */
struct abi_type {
	int size, align;
	bool aggregate;        /* a struct, union or array */
	bool memory;           /* always in memory: past 16 bytes, unaligned members, long double */
	enum abi_class cls[2]; /* each eightbyte's, for the others */
};

enum abi_where {
	ABI_REGISTERS, /* nregs argument registers from reg */
	ABI_VECTOR,    /* (partly) in vector registers */
	ABI_STACK,     /* at stack bytes past the first stack argument (arch_host.stack_arg0) */
	ABI_UNKNOWN,   /* the convention's rules for it (or one before) are not lantern's yet */
};

struct abi_place {
	enum abi_where where;
	int reg, nregs;
	int stack;
};

/* The parameters placed so far: start zeroed. */
struct abi_state {
	int gpr, vec, stack;
	bool lost;
};

/* Where the next parameter, of type t, is. */
struct abi_place abi_place_param(struct abi_state *s, const struct abi_type *t);

#endif
