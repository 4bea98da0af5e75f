/* The calling convention where lantern knows only its common ground
 * (aarch64's AAPCS64 among them): integers and pointers of up to 8 bytes
 * in the argument registers, then on the stack, 8 bytes each; floating-
 * point values in eight vector registers. An aggregate or a 16-byte
 * value by value has rules of its own there: its place and those of the
 * parameters after it are not known. */
#if !defined(__x86_64__)
#include "abi.h"

#include "arch.h"

#define VECTOR_REGS 8

struct abi_place abi_place_param(struct abi_state *s, const struct abi_type *t)
{
	bool scalar = !t->aggregate && !t->memory && t->size <= 8;
	if (s->lost || !scalar) {
		s->lost = true;
		return (struct abi_place){ .where = ABI_UNKNOWN };
	}
	if (t->cls[0] == ABI_SSE && s->vec < VECTOR_REGS) {
		s->vec++;
		return (struct abi_place){ .where = ABI_VECTOR };
	}
	if (t->cls[0] == ABI_INTEGER && s->gpr < arch_host.nargs)
		return (struct abi_place){ .where = ABI_REGISTERS, .reg = s->gpr++, .nregs = 1 };
	struct abi_place p = { .where = ABI_STACK, .stack = s->stack };
	s->stack += 8;
	return p;
}
#endif
